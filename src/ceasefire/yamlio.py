"""YAML reading that remembers where each value came from, and pydantic errors mapped to those places.

ruamel.yaml keeps line and column of every key in the round-trip loader, so a validation error on
``mandate.rules_of_engagement`` can be reported as ``file.yaml:12: field 'mandate.rules_of_engagement'``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ceasefire.errors import CeasefireError
from ceasefire.textfile import read_text

M = TypeVar("M", bound=BaseModel)


def read_yaml(text: str, source: str, error: type[CeasefireError] = CeasefireError) -> Any:
    """Parse YAML text, turning every parser complaint into one line naming ``source:line``."""
    yaml = YAML(typ="rt")
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise error(f"malformed YAML: {problem}", source=source, line=line) from None
    except YAMLError as exc:  # reader errors: control characters, bad encodings
        raise error(f"malformed YAML: {str(exc).splitlines()[0]}", source=source) from None
    except (ValueError, TypeError, RecursionError) as exc:  # ruamel's own conversions can fail this way
        raise error(f"malformed YAML: {exc}", source=source) from None


def read_yaml_file(path: Path, error: type[CeasefireError] = CeasefireError) -> Any:
    text = read_text(path, error, "a YAML file")
    return read_yaml(text, str(path), error)


def line_of(data: Any, loc: Sequence[int | str]) -> int | None:
    """The 1-based line of the deepest node of ``loc`` that exists in ``data``."""
    line: int | None = None
    node = data
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            with contextlib.suppress(KeyError, TypeError, AttributeError):
                line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            with contextlib.suppress(KeyError, TypeError, AttributeError):
                line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    if line is None and isinstance(data, CommentedMap | CommentedSeq):
        line = data.lc.line + 1
    return line


def describe(err: dict[str, Any]) -> str:
    """A short human phrase for one pydantic error: what was expected, and what was found."""
    kind = err.get("type", "")
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    got = err.get("input")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    shown = repr(got)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    if isinstance(got, dict | list):
        return msg
    return f"{msg} (got {shown})"


def validate(model: type[M], data: Any, source: str, error: type[CeasefireError] = CeasefireError,
             prefix: Sequence[int | str] = (), root: Any = None) -> M:
    """Validate ``data`` against ``model``; the first error becomes one line with file, line and field."""
    try:
        return model.model_validate(_plain(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [*prefix, *[p for p in first["loc"] if not _is_union_tag(p)]]
        field = ".".join(str(p) for p in loc) or None
        line = line_of(root if root is not None else data, loc)
        more = len(exc.errors()) - 1
        message = describe(first) + (f" ({more} more error{'s' if more > 1 else ''})" if more else "")
        raise error(message, source=source, line=line, field=field) from None


def _is_union_tag(part: int | str) -> bool:
    # pydantic inserts the chosen union member's name into loc, e.g. 'float' or 'function-after[...]'
    return isinstance(part, str) and ("[" in part or part in {"float", "int", "str", "bool"})


def _plain(node: Any) -> Any:
    """ruamel's round-trip containers as plain dicts and lists; keys must be strings."""
    if isinstance(node, dict):
        return {(k if isinstance(k, str) else str(k)): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node
