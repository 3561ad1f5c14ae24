"""A real server for the API and dashboard tests: uvicorn on a free loopback port, a temp SQLite ledger.

Each xdist worker starts its own server (session scope); tests that write create their own records, so they
do not depend on each other's order.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

TOKEN = "test-token-7f3a"


@dataclass
class Server:
    url: str
    token: str
    db: str

    def client(self, auth: bool = False) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}"} if auth else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


def start_server(db_url: str, token: str | None) -> tuple[str, object, threading.Thread]:
    import uvicorn

    from ceasefire.api import Settings, create_app

    app = create_app(Settings(token=token, ledger_url=db_url))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the OS picks a free port; no race with parallel workers
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.02)
    return f"http://127.0.0.1:{port}", server, thread


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = f"sqlite:///{tmp_path_factory.mktemp('api') / 'ledger.db'}"
    url, srv, thread = start_server(db, TOKEN)
    yield Server(url=url, token=TOKEN, db=db)
    srv.should_exit = True  # type: ignore[attr-defined]
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def readonly_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server started without CEASEFIRE_API_TOKEN: it must refuse every write."""
    db = f"sqlite:///{tmp_path_factory.mktemp('api-ro') / 'ledger.db'}"
    url, srv, thread = start_server(db, None)
    yield Server(url=url, token="", db=db)
    srv.should_exit = True  # type: ignore[attr-defined]
    thread.join(timeout=10)


ARTIFACTS = Path(__file__).resolve().parents[2] / "tmp" / "test-artifacts"


@pytest.fixture
def new_candidate():
    return candidate


def candidate(client: httpx.Client, quote: str, actor: str = "NLD", day: str = "2025-06-02") -> str:
    """Record a fresh candidate statement (as the extractor would) and return its id."""
    r = client.post("/api/ledger/statements", params={"status": "candidate", "by": "test-extractor"},
                    json={"actor": actor, "date": day, "stance": "willing", "quote": quote,
                          "source_url": f"https://example.org/news/{abs(hash(quote))}", "capability": "manoeuvre",
                          "quantity": 1200, "unit": "troops", "source_title": "Test article"})
    assert r.status_code == 201, r.text
    return r.json()["id"]


# browser ---------------------------------------------------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"  # Debian's package (.ci/run installs it); never `playwright install`
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, server: Server, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page on the real server; on failure a screenshot goes to tmp/test-artifacts/."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))  # type: ignore[attr-defined]
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)  # type: ignore[attr-defined]
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
