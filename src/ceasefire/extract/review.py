"""From articles to ledger candidates, and from candidates to accepted statements.

``ingest_into_ledger`` reads files (``ingest.ingest_paths``), extracts statements and records each article
with its candidates in one transaction (``Ledger.add_candidates``): an article is stored once, by content
hash, so reading it again adds nothing. Candidates count nowhere until a person accepts them; ``edit``
accepts with corrections and the ledger keeps the machine's proposal beside the person's correction.

Articles without a public URL (a local file, standard input) get ``https://ceasefire.invalid/sha256/<hash>``:
``.invalid`` is the top-level domain reserved never to resolve (RFC 2606), so the ledger's evidence says
plainly that no public source is known yet; a reviewer can set the real one with ``edit --source-url``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ceasefire.errors import CeasefireError, LedgerError, NotFoundError
from ceasefire.extract.ingest import IngestError, ingest_bytes, ingest_paths
from ceasefire.extract.model import EXTRACTOR_VERSION, Document, Statement
from ceasefire.extract.pipeline import extract_statements

if TYPE_CHECKING:
    from ceasefire.ledger import Ledger, StatementRecord

NO_URL = "https://ceasefire.invalid/sha256/"
BY_EXTRACTOR = f"extractor:{EXTRACTOR_VERSION}"


@dataclass
class StoredDocument:
    name: str
    source_id: str
    content_hash: str
    duplicate: bool  # already in the ledger: nothing was added
    candidates: list[str] = field(default_factory=list)  # ids of the candidate statements added


@dataclass
class IngestReport:
    stored: list[StoredDocument] = field(default_factory=list)
    errors: list[CeasefireError] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": [{"name": d.name, "source_id": d.source_id, "content_hash": d.content_hash,
                           "duplicate": d.duplicate, "candidates": d.candidates} for d in self.stored],
            "errors": [{"source": e.source, "message": e.message, "detail": e.one_line()} for e in self.errors],
            "added_candidates": sum(len(d.candidates) for d in self.stored),
        }


def candidate_fields(st: Statement, doc: Document, day: dt.date) -> dict[str, Any]:
    """A proposed statement in the ledger's fields, with how it was found kept as extraction metadata."""
    q = st.quantity
    return {
        "actor": st.actor, "date": day, "stance": st.stance.value, "quote": st.quote, "speaker": st.mention,
        "commitments": list(st.commitments), "capability": st.capability.value if st.capability else None,
        "quantity": q.high if q is not None else None, "unit": q.unit if q is not None else "",
        "conditions": [c.value for c in st.conditions], "quote_kind": "verbatim",
        "notes": "" if doc.published else "article undated: the date is the day it was read",
        "extraction": {
            "method": EXTRACTOR_VERSION, "confidence": st.confidence, "cue": st.cue, "start": st.start,
            "end": st.end, "cue_start": st.cue_start, "cue_end": st.cue_end, "mention": st.mention,
            "mention_start": st.mention_start, "mention_end": st.mention_end, "attribution": st.attribution,
            "sentence_index": st.sentence_index, "condition_text": st.condition_text,
            "quantity_text": q.text if q is not None else None, "document": doc.name,
        },
    }


def store_document(ledger: Ledger, doc: Document, *, by: str = BY_EXTRACTOR) -> StoredDocument:
    """Record one article and its candidates (one transaction); an article already stored adds nothing."""
    from ceasefire.ledger.store import source_id_for

    url = doc.source_url or f"{NO_URL}{doc.content_hash}"
    sid = source_id_for(url, doc.content_hash)
    try:
        ledger.source(sid)
        return StoredDocument(doc.name, sid, doc.content_hash, duplicate=True)
    except NotFoundError:
        pass
    day = doc.published or dt.date.today()
    statements = extract_statements(doc.text, published=doc.published)
    source = {"url": url, "title": (doc.title or "")[:500], "publisher": doc.publisher or "",
              "published": doc.published, "content_hash": doc.content_hash}
    sid, ids = ledger.add_candidates(source, [candidate_fields(st, doc, day) for st in statements], by=by)
    return StoredDocument(doc.name, sid, doc.content_hash, duplicate=False, candidates=ids)


def store_documents(ledger: Ledger, docs: Iterable[Document], *, by: str = BY_EXTRACTOR,
                    report: IngestReport | None = None) -> IngestReport:
    report = report or IngestReport()
    for doc in docs:
        try:
            report.stored.append(store_document(ledger, doc, by=by))
        except CeasefireError as exc:  # one article refused by the ledger: the others still go in
            report.errors.append(LedgerError(exc.message, source=doc.name, field=exc.field))
    return report


def ingest_into_ledger(paths: Sequence[str | Path], *, ledger: Ledger | None = None, source_url: str | None = None,
                       published: dt.date | None = None, stdin: bytes | None = None,
                       by: str = BY_EXTRACTOR) -> IngestReport:
    """Read files, folders or ``-`` (stdin) and store every article with its candidate statements."""
    from ceasefire.ledger import open_ledger

    result = ingest_paths(paths, source_url=source_url, published=published, stdin=stdin)
    report = IngestReport(errors=list(result.errors))
    if result.documents:
        store_documents(ledger or open_ledger(), result.documents, by=by, report=report)
    return report


def ingest_upload(name: str, data: bytes, *, ledger: Ledger | None = None, source_url: str | None = None,
                  published: dt.date | None = None, by: str = BY_EXTRACTOR) -> IngestReport:
    """One uploaded file (the web API's entry point): its articles and candidates, or its one-line error."""
    from ceasefire.ledger import open_ledger

    report = IngestReport()
    try:
        docs = ingest_bytes(name, data, source_url=source_url, published=published)
    except IngestError as exc:
        report.errors.append(exc)
        return report
    return store_documents(ledger or open_ledger(), docs, by=by, report=report)


# --- review -------------------------------------------------------------------------------------------------

EDITABLE = ("actor", "stance", "commitments", "capability", "quantity", "unit", "conditions", "speaker", "date",
            "source_url", "source_title", "publisher", "notes")


def list_statements(ledger: Ledger, *, status: str = "candidate", limit: int | None = None) -> list[StatementRecord]:
    if status not in ("candidate", "accepted", "rejected", "withdrawn", "all"):
        raise LedgerError(f"status is candidate, accepted, rejected, withdrawn or all, not {status!r}", field="status")
    if status == "candidate":
        return ledger.candidates(limit=limit)
    return ledger.statements(status=None if status == "all" else status, limit=limit)


def accept(ledger: Ledger, ids: Sequence[str], *, by: str, why: str = "") -> list[StatementRecord]:
    """Accept candidates as the machine proposed them; each is its own transaction."""
    return [ledger.accept(i, by=by, why=why) for i in ids]


def reject(ledger: Ledger, ids: Sequence[str], *, by: str, why: str) -> list[StatementRecord]:
    return [ledger.reject(i, by=by, why=why) for i in ids]


def edit(ledger: Ledger, statement_id: str, edits: Mapping[str, Any], *, by: str, why: str = "") -> StatementRecord:
    """Accept a candidate with a person's corrections; the machine's proposal stays in its extraction metadata."""
    unknown = sorted(set(edits) - set(EDITABLE))
    if unknown:
        raise LedgerError(f"cannot edit {unknown[0]!r}; editable fields: {', '.join(EDITABLE)}", field=unknown[0])
    if not edits:
        raise LedgerError("nothing to edit: give at least one field to correct")
    return ledger.accept(statement_id, by=by, edits=dict(edits), why=why or "corrected on review")
