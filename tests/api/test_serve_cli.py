"""``ceasefire serve`` as a user runs it: a subprocess that serves the dashboard and the API on the bundled data."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def test_serve_serves_dashboard_and_api(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "CEASEFIRE_DB": f"sqlite:///{tmp_path / 'ledger.db'}"}
    env.pop("CEASEFIRE_API_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "ceasefire", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.1)
        assert r.json()["writes_enabled"] is False
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "/vendor/plotly.min.js" in page.text
        js = httpx.get(f"http://127.0.0.1:{port}/vendor/plotly.min.js", headers={"Accept-Encoding": "gzip"})
        assert js.status_code == 200 and len(js.content) > 1_000_000  # httpx decodes the gzip
        assert js.headers["content-encoding"] == "gzip"
        pledges = httpx.get(f"http://127.0.0.1:{port}/api/ledger/pledges").json()
        assert len(pledges) >= 40  # the bundled starting ledger, loaded into the empty one
        refused = httpx.post(f"http://127.0.0.1:{port}/api/scenarios", json={"id": "x", "yaml": "name: x"})
        assert refused.status_code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "read-only" in (proc.stdout.read() if proc.stdout else "")
