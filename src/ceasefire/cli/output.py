"""Shared output helpers: JSON to stdout, human text through Rich."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from rich.console import Console

from ceasefire.errors import CeasefireError

console = Console()


def emit_json(obj: Any) -> None:
    if isinstance(obj, BaseModel):
        text = obj.model_dump_json(indent=2)
    else:
        text = json.dumps(obj, indent=2, ensure_ascii=False, default=_default)
    sys.stdout.write(text + "\n")


def _default(o: Any) -> Any:
    if isinstance(o, BaseModel):
        return o.model_dump(mode="json")
    if hasattr(o, "isoformat"):
        return o.isoformat()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def write_out(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        try:
            out.write_text(text, encoding="utf-8")
        except IsADirectoryError:
            raise CeasefireError("is a directory, expected a file to write", source=str(out), field="out") from None
        except OSError as exc:
            raise CeasefireError(f"cannot write: {exc.strerror}", source=str(out), field="out") from None
        console.print(f"wrote {out}", style="dim")


def fmt(x: float | None) -> str:
    if x is None:
        return "-"
    # small figures keep three significant digits: a rate of 0.0005 must not print as 0.00
    return f"{x:,.0f}" if abs(x) >= 10 else f"{x:.3g}"
