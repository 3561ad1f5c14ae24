"""The dashboard in a real browser (Debian's chromium through Playwright) against the real server."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def chart_points(page: Any, chart: str) -> int:
    page.wait_for_function(f"document.querySelector('#{chart}').dataset.points > 0")
    return int(page.eval_on_selector(f"#{chart}", "el => el.dataset.points"))


def test_overview_draws_requirement_against_pledges(page: Any, server: Any) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server.url + "/")
    page.wait_for_function("document.body.dataset.page === 'overview'")
    assert "troops deployed" in page.inner_text("#headline")
    assert chart_points(page, "chart-requirement") >= 8
    assert page.locator("#chart-requirement .scatterlayer .point").count() >= 8
    assert chart_points(page, "chart-gap") >= 6
    assert page.locator("#gap-table tr").count() >= 6
    # Fully offline: every request went to this server (plotly.js included), none to a CDN.
    assert requests and all(u.startswith(server.url) for u in requests), requests
    assert any(u.endswith("/vendor/plotly.min.js") for u in requests)
    assert not page.errors


def test_methods_page_lists_every_source(page: Any, server: Any) -> None:
    page.goto(server.url + "/#methods")
    page.wait_for_function("document.body.dataset.page === 'methods'")
    rows = page.locator("#provenance tr")
    assert rows.count() > 40
    assert page.locator("#provenance a[href^='http']").count() > 40
    assert page.locator("#why li").count() >= 3


def test_coalition_slider_changes_the_coalition(page: Any, server: Any) -> None:
    page.goto(server.url + "/#coalition")
    page.wait_for_function("document.body.dataset.page === 'coalition'")
    chart_points(page, "chart-coalition")
    latest = page.locator("#coalition-table tr.clickable").count()
    label = page.inner_text("#asof-label")
    slider = page.locator("#asof")
    slider.focus()
    slider.press("Home")  # the first day with a statement
    page.wait_for_function(f"document.querySelector('#asof-label').textContent !== '{label}'")
    page.wait_for_function(f"document.querySelectorAll('#coalition-table tr.clickable').length < {latest}")
    early = page.locator("#coalition-table tr.clickable").count()
    assert 0 < early < latest
    for _ in range(30):
        slider.press("PageUp")
    page.wait_for_function(f"document.querySelectorAll('#coalition-table tr.clickable').length > {early}")
    # Each entry opens its quote and source.
    page.locator("#coalition-table tr.clickable").first.click()
    dialog = page.locator("#quote")
    assert dialog.is_visible()
    assert dialog.locator("blockquote").inner_text().strip()
    assert dialog.locator("a[href^='http']").count() == 1
    assert not page.errors


def test_timeline_shows_statements_per_actor(page: Any, server: Any) -> None:
    page.goto(server.url + "/#timeline")
    assert chart_points(page, "chart-timeline") >= 100  # the bundled ledger has 119 statements
    assert page.locator("#chart-timeline .scatterlayer .point").count() >= 100


def test_review_accept_with_token_lands_in_the_ledger(page: Any, server: Any, new_candidate: Any) -> None:
    with server.client(auth=True) as c:
        sid = new_candidate(c, "Belgium stands ready to send 300 troops to a reassurance force.", actor="BEL")
    page.goto(server.url + "/#review")
    row = page.locator(f"#review-table tr[data-id='{sid}']")
    row.wait_for()
    row.locator("button.accept").click()  # no token yet: refused, and said so
    page.wait_for_function("document.querySelector('#status').textContent.includes('token')")
    page.fill("#token", server.token)
    row.locator("select.stance-edit").select_option("conditional")  # the reviewer corrects the machine
    row.locator("button.accept").click()
    page.wait_for_function("id => document.querySelector(`#review-table tr[data-id='${id}']`)"
                           ".classList.contains('accepted')", arg=sid)
    with server.client() as c:
        accepted = {s["id"]: s for s in c.get("/api/ledger/statements").json()}
    assert sid in accepted
    assert accepted[sid]["stance"] == "conditional"
    assert accepted[sid]["extraction"]["correction"] == {"stance": "conditional"}
    page.goto(server.url + "/#timeline")
    chart_points(page, "chart-timeline")
    assert "BEL" in page.eval_on_selector("#chart-timeline", "el => JSON.stringify(el.data.map(t => t.y))")


def test_stress_run_from_the_dashboard(page: Any, server: Any) -> None:
    # A scenario of its own, so that no stress run by another test on this server is shown instead.
    yaml = (resources.files("ceasefire") / "scenarios" / "ukraine-2025.yaml").read_text(encoding="utf-8")
    with server.client(auth=True) as c:
        assert c.post("/api/scenarios", json={"id": "browser-stress", "yaml": yaml}).status_code == 201
    page.goto(server.url + "/#stress")
    page.wait_for_function("document.body.dataset.page === 'stress'")
    page.select_option("#scenario", "browser-stress")
    page.wait_for_function("document.querySelector('#stress-message').textContent.startsWith('no full run yet')")
    # Before any run, the quick stress test every assessment carries is shown for the whole line.
    assert "probes go unanswered" in page.inner_text("#stress-summary")
    page.wait_for_function("document.querySelector('#chart-stress').dataset.points === '1'")
    page.fill("#token", server.token)
    page.fill("#stress-runs", "300")
    page.click("#stress-start")
    page.wait_for_function("document.querySelector('#stress-summary').textContent.startsWith('Over 300 runs')",
                           timeout=60_000)
    assert "probe goes unanswered" in page.inner_text("#stress-summary")
    page.wait_for_function("document.querySelector('#chart-stress').dataset.points === '7'")  # one bar per sector
    # detected, attributed, answered, answered in time: per sector
    page.wait_for_function("document.querySelector('#chart-drivers').dataset.points === '28'")


def test_usable_on_a_phone(browser: Any, server: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    try:
        pg.goto(server.url + "/")
        pg.wait_for_function("document.querySelector('#chart-requirement').dataset.points > 0")
        overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"page scrolls sideways by {overflow}px on a phone"
        box = pg.locator("#chart-requirement").bounding_box()
        assert box and box["width"] <= 390 and box["height"] > 300
        pg.locator("nav a[data-page='coalition']").tap()
        pg.wait_for_function("document.body.dataset.page === 'coalition'")
    finally:
        context.close()


def test_an_article_pasted_on_the_review_page_is_extracted_into_the_queue(page: Any, server: Any) -> None:
    page.goto(server.url + "/#review")
    page.wait_for_function("document.body.dataset.page === 'review'")
    page.fill("#token", server.token)
    page.click("#page-review details summary")
    page.fill("#ingest-name", "warsaw.txt")
    page.fill("#ingest-url", "https://example.org/warsaw-2025-03-05")
    page.fill("#ingest-date", "2025-03-05")
    page.fill("#ingest-content", "Warsaw, 5 March 2025.\n\nPoland will not send troops to Ukraine, the prime "
                                 "minister said, but will help with logistics.")
    page.click("#ingest-form button")
    page.wait_for_function("document.querySelector('#ingest-result').textContent.includes('candidate statements')")
    assert not page.inner_text("#ingest-result").startswith("0 ")
    page.wait_for_selector("#review-table tr[data-id] >> text=POL")
