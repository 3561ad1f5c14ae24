"""Regenerate the README screenshots: the dashboard and a report page, on the bundled data.

    .venv/bin/python docs/img/screenshots.py    # needs Debian's chromium and poppler-utils (pdftoppm)
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from ceasefire.api import Settings, create_app

    tmp = Path(tempfile.mkdtemp())
    app = create_app(Settings(token=None, ledger_url=f"sqlite:///{tmp / 'ledger.db'}"))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_function("document.querySelector('#chart-gap').dataset.points > 0")
        page.screenshot(path=str(HERE / "dashboard.png"))
        page.goto(f"http://127.0.0.1:{port}/#coalition")
        page.wait_for_function("document.querySelector('#chart-coalition').dataset.points > 0")
        page.screenshot(path=str(HERE / "dashboard-coalition.png"))
        browser.close()
    server.should_exit = True
    pdf = tmp / "report.pdf"
    subprocess.run([sys.executable, "-m", "ceasefire", "report", "--out", str(pdf), "--db",
                    f"sqlite:///{tmp / 'ledger.db'}"], check=True)
    subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "2", "-l", "2", "-singlefile", str(pdf),
                    str(HERE / "report-page")], check=True)
    for f in sorted(HERE.glob("*.png")):
        print(f"{f.name}: {f.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
