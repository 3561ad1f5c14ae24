"""API, dashboard and browser tests against a real server (a package, so its conftest does not clash)."""
