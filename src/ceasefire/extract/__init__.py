"""Read the news into the ledger: articles in, proposed statements (actor, stance, commitments, evidence) out.

The core is rule-based, offline and deterministic (see ``docs/extraction.md``):

>>> from ceasefire.extract import extract_statements
>>> [(s.actor, s.stance.value, s.cue) for s in extract_statements("Germany is not prepared to send troops.")]
[('DEU', 'refuses', 'is not prepared to send')]
"""

from __future__ import annotations

from ceasefire.extract.ingest import IngestError, IngestResult, ingest_bytes, ingest_paths
from ceasefire.extract.model import EXTRACTOR_VERSION, Document, Quantity, Statement
from ceasefire.extract.pipeline import extract_statements

__all__ = [
    "EXTRACTOR_VERSION", "Document", "IngestError", "IngestResult", "Quantity", "Statement", "extract_statements",
    "ingest_bytes", "ingest_paths",
]
