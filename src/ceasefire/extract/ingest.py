"""Read articles from files, folders, bytes or standard input: plain text, HTML and RSS/Atom feeds.

Each input gives zero or more :class:`Document` objects, or one :class:`IngestError` whose message is a
single line naming the file and the reason (binary, empty, too large, not UTF-8, no main text, not a feed).
One bad file never stops the others; nothing is stored here (the ledger does that, per document, in one
transaction).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ceasefire.errors import DataError
from ceasefire.extract.model import Document

MAX_BYTES = 20 * 1024 * 1024
_FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}
_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|p|div|article|title)\b", re.IGNORECASE)
_FEED_SNIFF = re.compile(rb"<\s*(?:rss|feed|rdf:RDF|channel)\b", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)["']""", re.IGNORECASE)


class IngestError(DataError):
    """A file that could not be read as an article; the message says why in one line."""


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def content_hash(text: str) -> str:
    """sha256 of the text with whitespace collapsed: the same article read twice has the same hash."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def parse_date(value: str | None, source: str = "--published") -> dt.date | None:
    """A date given by a user: YYYY-MM-DD (a timestamp is cut to its date)."""
    if value is None or not str(value).strip():
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise IngestError(f"expected a date YYYY-MM-DD, got {value!r}", source=source) from None


def ingest_bytes(name: str, data: bytes, *, source_url: str | None = None,
                 published: dt.date | None = None) -> list[Document]:
    """The documents in one file's bytes; raises :class:`IngestError` (one line) if there are none."""
    if len(data) > MAX_BYTES:
        raise IngestError(f"file is {len(data) / 1048576:.1f} MB, over the 20 MB limit", source=name)
    if not data.strip():
        raise IngestError("file is empty", source=name)
    if _is_binary(data):
        raise IngestError("binary file, not text, HTML or a feed", source=name)
    suffix = Path(name).suffix.lower()
    head = data[:4096].lstrip()
    if suffix in _FEED_SUFFIXES or _FEED_SNIFF.search(head[:1024]):
        return _feed(name, data, source_url, published)
    if suffix in _HTML_SUFFIXES or _HTML_SNIFF.search(head):
        return [_html(name, data, source_url, published)]
    text = _decode(name, data, None)
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
    if not any(c.isalpha() for c in text):
        raise IngestError("no words in the file", source=name)
    return [Document(name=name, kind="text", title=_first_line(text), text=text, source_url=source_url,
                     published=published, content_hash=content_hash(text))]


def ingest_paths(paths: Iterable[str | Path], *, source_url: str | None = None, published: dt.date | None = None,
                 stdin: bytes | None = None) -> IngestResult:
    """Read files and folders (recursively, in name order); ``-`` reads ``stdin``. Errors are collected per file."""
    result = IngestResult()
    for raw in paths:
        if str(raw) == "-":
            try:
                result.documents.extend(ingest_bytes("<stdin>", stdin or b"", source_url=source_url,
                                                     published=published))
            except IngestError as exc:
                result.errors.append(exc)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.name not in _SKIP_NAMES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                result.errors.append(IngestError("folder holds no files", source=str(path)))
        elif path.exists():
            files = [path]
        else:
            result.errors.append(IngestError("no such file or folder", source=str(path)))
            continue
        for f in files:
            try:
                size = f.stat().st_size
                if size > MAX_BYTES:  # refuse before reading a huge file into memory
                    raise IngestError(f"file is {size / 1048576:.1f} MB, over the 20 MB limit", source=str(f))
                data = f.read_bytes()
                # A URL given on the command line names one article: it is not spread over a folder's files.
                url = source_url if len(files) == 1 else None
                result.documents.extend(ingest_bytes(str(f), data, source_url=url, published=published))
            except IngestError as exc:
                result.errors.append(exc)
            except OSError as exc:
                result.errors.append(IngestError(f"cannot read: {exc.strerror or exc}", source=str(f)))
    return result


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark is text
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(sample) * 0.05


def _decode(name: str, data: bytes, declared: str | None) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data, declared = data[3:], "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        declared = "utf-16"
    encoding = (declared or "utf-8").lower()
    try:
        return data.decode(encoding)
    except LookupError:
        raise IngestError(f"unknown character encoding {declared!r}", source=name) from None
    except UnicodeDecodeError as exc:
        what = f"declared as {declared}" if declared else "not valid UTF-8"
        raise IngestError(f"{what}: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded; "
                          "save the file as UTF-8 or declare its charset", source=name) from None


def _first_line(text: str) -> str | None:
    line = text.strip().split("\n", 1)[0].strip()
    return line[:200] if line else None


def _html(name: str, data: bytes, source_url: str | None, published: dt.date | None) -> Document:
    import trafilatura  # heavy: only when HTML is read

    m = _META_CHARSET.search(data[:4096])
    html = _decode(name, data, m.group(1).decode("ascii") if m else None)
    try:
        doc = trafilatura.bare_extraction(html, url=source_url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises a variety of parser errors for broken markup
        raise IngestError(f"HTML could not be parsed: {type(exc).__name__}", source=name) from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise IngestError("no main text found in the HTML (broken or empty page)", source=name)
    meta_date = _as_date(getattr(doc, "date", None))
    return Document(name=name, kind="html", title=getattr(doc, "title", None), text=text,
                    source_url=source_url or getattr(doc, "url", None), published=published or meta_date,
                    publisher=getattr(doc, "sitename", None), content_hash=content_hash(text))


def _as_date(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _feed(name: str, data: bytes, source_url: str | None, published: dt.date | None) -> list[Document]:
    import feedparser  # heavy: only when a feed is read

    m = _XML_ENCODING.search(data[:512])
    _decode(name, data, m.group(1).decode("ascii") if m else None)  # refuse undecodable bytes with a clear reason
    parsed = feedparser.parse(data)
    version = parsed.get("version") or ""
    if not version or not parsed.entries:
        if parsed.get("bozo") and not parsed.entries:
            reason = str(parsed.get("bozo_exception") or "malformed XML").splitlines()[0]
            raise IngestError(f"not an RSS/Atom feed: {reason}", source=name)
        if not version:
            raise IngestError("not an RSS/Atom feed: no <rss>, <feed> or <rdf:RDF> root", source=name)
        raise IngestError("feed has no entries", source=name)
    docs: list[Document] = []
    publisher = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries, start=1):
        parts = [entry.get("title") or ""]
        content = entry.get("content") or []
        body = " ".join(c.get("value", "") for c in content) or entry.get("summary") or ""
        parts.append(_strip_html(body))
        text = "\n\n".join(p.strip() for p in parts if p and p.strip())
        if not any(c.isalpha() for c in text):
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        entry_date = dt.date(*when[:3]) if when else None
        docs.append(Document(name=f"{name}#{i}", kind="feed-entry", title=entry.get("title"), text=text,
                             source_url=entry.get("link") or source_url, published=published or entry_date,
                             publisher=publisher, content_hash=content_hash(text)))
    if not docs:
        raise IngestError("feed entries hold no text", source=name)
    return docs


def _strip_html(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    import lxml.html

    try:
        return lxml.html.fromstring(f"<div>{fragment}</div>").text_content()
    except Exception:  # a fragment lxml cannot parse: drop the tags by pattern instead
        return re.sub(r"<[^>]+>", " ", fragment)
