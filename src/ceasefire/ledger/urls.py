"""Where the ledger lives (no database imports here: ``ceasefire assess`` checks this before loading any)."""

from __future__ import annotations

import os
from pathlib import Path


def default_url() -> str:
    """``CEASEFIRE_DB`` if set, else a SQLite file in the user's data directory."""
    env = os.environ.get("CEASEFIRE_DB", "").strip()
    if env:
        return env
    from platformdirs import user_data_path

    path = user_data_path("ceasefire", appauthor=False) / "ledger.db"
    return f"sqlite:///{path}"


def normalise_url(url: str) -> str:
    """A plain file path means a SQLite file there."""
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser().resolve()}"


def redact(url: str) -> str:
    """The ledger's URL without a password (it goes into reports)."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}"
    return url
