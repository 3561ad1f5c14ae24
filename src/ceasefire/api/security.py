"""Reads are open; every write needs ``Authorization: Bearer <CEASEFIRE_API_TOKEN>``.

Without a configured token the server refuses every write (403), so a dashboard left running on a shared
laptop cannot be used to change the ledger.
"""

from __future__ import annotations

import hmac

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ceasefire.api.errors import ErrorBody, Unauthorized, WritesDisabled

bearer = HTTPBearer(auto_error=False, scheme_name="token",
                    description="The value of CEASEFIRE_API_TOKEN the server was started with.")


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    expected = request.app.state.workspace.settings.token
    if not expected:
        raise WritesDisabled()
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("missing bearer token")
    if not hmac.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise Unauthorized("invalid bearer token")


WRITE = [Depends(require_token)]
WRITE_RESPONSES: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorBody, "description": "Missing or invalid bearer token; nothing was changed."},
    403: {"model": ErrorBody, "description": "Writes are disabled (no CEASEFIRE_API_TOKEN configured)."},
}
