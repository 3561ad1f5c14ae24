"""Every error the API returns has one JSON shape, ``ErrorBody``, and a 4xx status that says whose fault it is.

A ``CeasefireError`` keeps its ``as_dict()``; FastAPI's validation errors are reshaped to name the field, so
that a client (or a newsroom's script) reads the same keys whatever went wrong.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ceasefire.errors import CeasefireError, DataError, LedgerError, NotFoundError, ScenarioError
from ceasefire.ledger.records import InvalidRecord


class ErrorBody(BaseModel):
    """The body of every 4xx answer."""

    error: str
    message: str
    source: str | None = None
    line: int | None = None
    field: str | None = None
    detail: str


class ApiError(CeasefireError):
    """An error of the HTTP layer itself (authentication, size), carrying its status code."""

    def __init__(self, status: int, message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.status = status


class Unauthorized(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(401, message, field="Authorization")


class WritesDisabled(ApiError):
    def __init__(self) -> None:
        super().__init__(403, "writes are disabled: the server was started without CEASEFIRE_API_TOKEN")


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit:,} bytes", field="body")


def status_of(exc: CeasefireError) -> int:
    if isinstance(exc, ApiError):
        return exc.status
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, InvalidRecord):
        return 422  # a correction or row that fails validation (``ledger.records.check``): bad input
    if isinstance(exc, LedgerError):
        return 409  # refused against the ledger's current state: nothing was written
    if isinstance(exc, DataError | ScenarioError):
        return 422
    return 400


def error_response(exc: CeasefireError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthorized) else None
    return JSONResponse(exc.as_dict(), status_code=status_of(exc), headers=headers)


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str:
    # ("body", "theatre", "sectors", 0, "name") -> "theatre.sectors.0.name"; ("query", "as_of") -> "as_of"
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"} and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or "body"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure a client can cause into an ``ErrorBody``."""

    @app.exception_handler(CeasefireError)
    async def _ceasefire(_: Request, exc: CeasefireError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {"loc": ("body",), "msg": "invalid request"}
        # a body that is not JSON at all is located at its character offset (("body", 17)): name the body
        field = "body" if first.get("type") == "json_invalid" else _field_of(first.get("loc", ()))
        msg = str(first.get("msg", "invalid value")).removeprefix("Value error, ")  # as ledger.records.check
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        err = CeasefireError(f"{msg}{more}", field=field)
        body = err.as_dict() | {"error": "ValidationError"}
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        names = {404: "NotFoundError", 405: "MethodNotAllowed"}
        err = CeasefireError(str(exc.detail))
        body = err.as_dict() | {"error": names.get(exc.status_code, "HTTPError")}
        return JSONResponse(body, status_code=exc.status_code, headers=getattr(exc, "headers", None))
