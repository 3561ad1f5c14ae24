"""Reading articles: text, HTML, feeds, folders, stdin; bad input gives one line per file and stops nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire.extract.ingest import IngestError, content_hash, ingest_bytes, ingest_paths, parse_date

HTML = b"""<!doctype html><html><head><meta charset="utf-8"><title>Coalition</title></head><body>
<nav>Home | World | Europe</nav>
<article><h1>Coalition</h1><p>Britain is ready to send troops to Ukraine, Prime Minister Keir Starmer said on
Sunday after the summit in London with European leaders.</p><p>Italy ruled out sending its own soldiers, while
France said it was willing to deploy jets and ships once a ceasefire is agreed.</p></article>
<footer>Copyright</footer></body></html>"""

RSS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>
<item><title>UK ready</title><link>https://example.org/uk</link><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Britain is ready to send troops.&lt;/p&gt;</description></item>
<item><title>Italy out</title><link>https://example.org/it</link><pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>
<description>Italy ruled out troops.</description></item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>Germany hesitates</title><link href="https://example.org/de"/><updated>2025-02-17T10:00:00Z</updated>
<content type="html">&lt;p&gt;Olaf Scholz said the debate was premature.&lt;/p&gt;</content></entry></feed>"""


def test_plain_text_html_and_feeds() -> None:
    (t,) = ingest_bytes("a.txt", b"Italy ruled out troops.\r\n", published=dt.date(2025, 3, 6))
    assert t.kind == "text" and t.text == "Italy ruled out troops." and t.published == dt.date(2025, 3, 6)
    (h,) = ingest_bytes("a.html", HTML, source_url="https://example.org/a")
    assert h.kind == "html" and "Britain is ready" in h.text and "Copyright" not in h.text
    assert h.source_url == "https://example.org/a"
    rss = ingest_bytes("wire.rss", RSS)
    assert [d.source_url for d in rss] == ["https://example.org/uk", "https://example.org/it"]
    assert rss[0].published == dt.date(2025, 3, 3) and rss[0].name == "wire.rss#1" and rss[0].publisher == "Wire"
    (a,) = ingest_bytes("feed.xml", ATOM)
    assert "premature" in a.text and a.published == dt.date(2025, 2, 17)


def test_the_same_article_has_the_same_hash_however_spaced() -> None:
    a = ingest_bytes("a.txt", b"Italy ruled out   troops.\n")[0]
    b = ingest_bytes("b.txt", b"Italy ruled out troops.")[0]
    assert a.content_hash == b.content_hash == content_hash("Italy ruled out troops.")


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"  \n\t ", "file is empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("latin1.txt", "Caf\u00e9 talks".encode("latin-1"), "not valid UTF-8"),
    ("wrong.html", b'<html><head><meta charset="klingon"></head><body><p>x</p></body></html>',
     "unknown character encoding"),
    ("broken.html", b"<html><body><div", "no main text"),
    ("notafeed.rss", b"just some words, not xml", "not an RSS/Atom feed"),
    ("other.xml", b"<?xml version='1.0'?><root><a>1</a></root>", "not an RSS/Atom feed"),
    ("digits.txt", b"1234 5678", "no words"),
])
def test_bad_input_gives_one_line(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as err:
        ingest_bytes(name, data)
    msg = err.value.one_line()
    assert "\n" not in msg and msg.startswith(name) and reason in msg


def test_a_folder_with_bad_files_still_reads_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Britain is ready to send troops.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_bytes(HTML)
    (tmp_path / "sub" / "wire.rss").write_bytes(RSS)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01\x02" * 100)
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: over 20 MB on paper, refused before it is read
        f.truncate(21 * 1024 * 1024)
    (tmp_path / ".hidden").write_text("ignored", encoding="utf-8")
    result = ingest_paths([tmp_path, tmp_path / "missing.txt"])
    assert sorted(d.name.split("/")[-1] for d in result.documents) == ["good.txt", "page.html", "wire.rss#1",
                                                                        "wire.rss#2"]
    reasons = {Path(e.source).name: e.message for e in result.errors}
    assert set(reasons) == {"empty.txt", "bin.dat", "big.txt", "missing.txt"}
    assert "over the 20 MB limit" in reasons["big.txt"]
    assert all("\n" not in e.one_line() for e in result.errors)


def test_stdin_and_dates() -> None:
    result = ingest_paths(["-"], stdin=b"Italy ruled out troops.", published=dt.date(2025, 3, 6))
    assert result.documents[0].name == "<stdin>" and not result.errors
    assert ingest_paths(["-"], stdin=b"").errors[0].message == "file is empty"
    assert parse_date("2025-03-06T10:00:00Z") == dt.date(2025, 3, 6)
    with pytest.raises(IngestError, match="expected a date"):
        parse_date("March 6")


@given(st.binary(max_size=400), st.sampled_from(["x.txt", "x.html", "x.rss", "x.xml", "x"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_bytes_give_documents_or_one_line(data: bytes, name: str) -> None:
    try:
        docs = ingest_bytes(name, data)
    except IngestError as exc:
        assert "\n" not in exc.one_line()
    else:
        assert docs and all(d.text.strip() for d in docs)
