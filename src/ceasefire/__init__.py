"""ceasefire: size, track, gap-check and stress-test a force that guarantees a ceasefire.

The main entry point is :func:`assess`; the CLI, the API and the report are thin shells over it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ceasefire.assess import Assessment
    from ceasefire.domain import Scenario


def assess(scenario: Scenario | None = None) -> Assessment:
    """Size the force for a scenario (the bundled Ukraine 2025 one by default); see ``ceasefire.assess``."""
    from ceasefire.assess import assess as _assess

    return _assess(scenario)


def __getattr__(name: str) -> Any:
    # Submodules load on first use so that `import ceasefire` stays fast for the CLI.
    if name in {"scenario", "reference", "sizing", "domain"}:
        import importlib

        return importlib.import_module(f"ceasefire.{name}")
    raise AttributeError(name)
