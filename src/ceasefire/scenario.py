"""Scenario files: YAML describing a theatre, a mandate and the assumptions to size and test a force.

A theatre may name a bundled reference theatre (``reference: ukraine``) and override any of its figures.
Validation errors name the file, the line and the field, and say what was expected.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from ceasefire import reference
from ceasefire.domain import Scenario
from ceasefire.errors import ScenarioError
from ceasefire.yamlio import line_of, read_yaml, read_yaml_file, validate

BUNDLED = "ukraine-2025"


def bundled_names() -> list[str]:
    folder = resources.files("ceasefire") / "scenarios"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def load(path: str | Path | None = None) -> Scenario:
    """Load a scenario file, or a bundled scenario by name; ``None`` is the bundled Ukraine 2025 one."""
    if path is None or (isinstance(path, str) and path in bundled_names()):
        name = path or BUNDLED
        ref = resources.files("ceasefire") / "scenarios" / f"{name}.yaml"
        return parse(ref.read_text(encoding="utf-8"), f"{name}.yaml")
    p = Path(path)
    if not p.exists() and not str(path).endswith((".yaml", ".yml")):
        raise ScenarioError(f"no such scenario file, and not a bundled scenario ({', '.join(bundled_names())})",
                            source=str(path))
    return parse_data(read_yaml_file(p, ScenarioError), str(p))


def parse(text: str, source: str = "<scenario>") -> Scenario:
    return parse_data(read_yaml(text, source, ScenarioError), source)


def parse_data(data: Any, source: str) -> Scenario:
    if not isinstance(data, dict):
        raise ScenarioError("expected a mapping of scenario keys (name, theatre, mandate, ...)", source=source,
                            line=1)
    theatre = data.get("theatre")
    resolved = dict(data)
    if isinstance(theatre, dict):
        resolved["theatre"] = _resolve_theatre(theatre, source, data)
    scenario = validate(Scenario, resolved, source, ScenarioError, root=data)
    _check_consistency(scenario, data, source)
    if data.get("stress") is not None:
        from ceasefire.stress.config import parse as parse_stress  # light: pydantic models only

        parse_stress(data["stress"], source, data)
    return scenario.model_copy(update={"source": source})


def _resolve_theatre(theatre: dict[str, Any], source: str, root: Any) -> dict[str, Any]:
    ref_id = theatre.get("reference")
    rest = {k: v for k, v in theatre.items() if k != "reference"}
    if ref_id is None:
        return rest
    if not isinstance(ref_id, str) or ref_id not in reference.theatres():
        known = ", ".join(sorted(reference.theatres()))
        raise ScenarioError(f"unknown reference theatre {ref_id!r}, expected one of: {known}", source=source,
                            line=line_of(root, ["theatre", "reference"]), field="theatre.reference")
    base = reference.theatres()[ref_id].theatre_fields()
    base.update(rest)
    return base


def _check_consistency(scenario: Scenario, root: Any, source: str) -> None:
    theatre = scenario.theatre
    if theatre.sectors:
        total = theatre.sector_length_km
        lo, hi = theatre.line_km.low * 0.95, theatre.line_km.high * 1.05
        if not lo <= total <= hi:
            raise ScenarioError(
                f"sector lengths add up to {total:,.0f} km, outside the line length "
                f"{theatre.line_km.low:,.0f}-{theatre.line_km.high:,.0f} km",
                source=source, line=line_of(root, ["theatre", "sectors"]), field="theatre.sectors")
        names = [s.name for s in theatre.sectors]
        dup = next((n for n in names if names.count(n) > 1), None)
        if dup:
            idx = names.index(dup, names.index(dup) + 1)
            raise ScenarioError(f"duplicate sector name {dup!r}", source=source,
                                line=line_of(root, ["theatre", "sectors", idx, "name"]),
                                field=f"theatre.sectors.{idx}.name")
    analog = scenario.sizing.analog_mission
    if analog not in reference.missions():
        raise ScenarioError(f"unknown mission {analog!r} (see 'ceasefire data list missions')", source=source,
                            line=line_of(root, ["sizing", "analog_mission"]), field="sizing.analog_mission")
    if scenario.sizing.methods is not None:
        from ceasefire.sizing import METHODS  # sizing imports scenario's types only; no cycle at import

        for i, name in enumerate(scenario.sizing.methods):
            if name not in METHODS:
                raise ScenarioError(f"unknown sizing method {name!r}, expected one of: {', '.join(METHODS)}",
                                    source=source, line=line_of(root, ["sizing", "methods", i]),
                                    field=f"sizing.methods.{i}")
