"""The ``ceasefire`` command: a thin shell over the library's functions.

Every command has ``--json`` with stable keys; errors a user can cause print one line and exit with 2.
"""

from __future__ import annotations

import sys

import typer

from ceasefire.errors import CeasefireError

app = typer.Typer(
    name="ceasefire",
    help="Size, track, gap-check and stress-test a force that guarantees a ceasefire.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _register() -> None:
    # Each feature adds its commands to ``app`` in its own module.
    from ceasefire.cli import (  # noqa: F401
        assess_cmd,
        coalition_cmd,
        data_cmd,
        extract_cmd,
        ledger_cmd,
        report_cmd,
        serve_cmd,
        stress_cmd,
    )


def main() -> None:
    _register()
    try:
        app()
    except CeasefireError as exc:
        print(f"error: {exc.one_line()}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
