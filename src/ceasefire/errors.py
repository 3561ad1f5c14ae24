"""One family of errors, each rendered as a single line that names where the problem is.

The CLI prints ``str(error)`` and exits with code 2; the API turns it into a 4xx JSON body.
"""

from __future__ import annotations


class CeasefireError(Exception):
    """Base of every error a user can cause; never a bug in ceasefire itself."""

    exit_code = 2

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.message = " ".join(str(message).split())
        self.source = source
        self.line = line
        self.field = field
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = ""
        if self.source:
            where = self.source
            if self.line is not None:
                where += f":{self.line}"
        if self.field:
            where = f"{where}: field '{self.field}'" if where else f"field '{self.field}'"
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self) -> dict[str, object]:
        return {"error": type(self).__name__, "message": self.message, "source": self.source,
                "line": self.line, "field": self.field, "detail": self.one_line()}


class DataError(CeasefireError):
    """A reference data file or user data file is malformed or unsourced."""


class ScenarioError(CeasefireError):
    """A scenario file does not validate."""


class NotFoundError(CeasefireError):
    """A named thing (mission, nation, scenario, method, record) does not exist."""


class LedgerError(CeasefireError):
    """A ledger operation was refused; nothing was written."""
