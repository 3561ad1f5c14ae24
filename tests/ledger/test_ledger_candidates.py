"""``Ledger.add_candidates``: one article and the extractor's candidates in one transaction, on both backends."""

from __future__ import annotations

import pytest

from ceasefire.errors import LedgerError

SOURCE = {"url": "https://example.org/uk", "title": "UK ready", "publisher": "Wire", "published": "2025-03-06",
          "content_hash": "a" * 64}


def _candidate(actor: str, stance: str = "willing") -> dict[str, object]:
    return {"actor": actor, "date": "2025-03-06", "stance": stance, "quote": f"{actor} is ready to send troops.",
            "commitments": ["troops"], "capability": "manoeuvre", "quantity": 10000, "unit": "troops",
            "extraction": {"method": "rules-1", "cue": "ready to", "start": 0, "end": 30}}


def test_article_and_candidates_are_stored_together(ledger) -> None:
    sid, ids = ledger.add_candidates(SOURCE, [_candidate("GBR"), _candidate("FRA")], by="extractor")
    assert len(ids) == 2
    rows = ledger.candidates()
    assert {r.actor for r in rows} == {"GBR", "FRA"} and all(r.source_id == sid for r in rows)
    assert rows[0].extraction["cue"] == "ready to" and rows[0].extraction["proposal"]["stance"] == "willing"
    assert ledger.pledges() == []  # candidates count nowhere until accepted
    again, _ = ledger.add_candidates(SOURCE, [], by="extractor")
    assert again == sid  # the same content hash is the same source


def test_one_bad_candidate_writes_nothing(ledger) -> None:
    with pytest.raises(LedgerError) as err:
        ledger.add_candidates(SOURCE, [_candidate("GBR"), _candidate("FRA", stance="maybe")], by="extractor")
    assert "\n" not in str(err.value)
    assert ledger.candidates() == []
