"""HTTP API (FastAPI, OpenAPI at ``/api/openapi.json``) and the dashboard served at ``/``."""

from ceasefire.api.app import create_app
from ceasefire.api.workspace import Settings

__all__ = ["Settings", "create_app"]
