"""Validation of ledger rows: whatever the input, a valid record or one LedgerError naming the field."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.errors import LedgerError
from ceasefire.ledger.io import STATEMENT_COLUMNS, parse
from ceasefire.ledger.records import PledgeIn, StatementIn, check

BASE = {"actor": "FRA", "date": "2025-03-02", "stance": "willing", "quote": "q", "source_url": "https://x.org/a"}
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=150, deadline=None)
@given(field=st.sampled_from(["actor", "date", "stance", "capability", "quantity", "conditions", "commitments",
                              "source_url", "published", "quote_kind"]), value=text)
def test_any_cell_gives_a_record_or_a_one_line_error(field, value):
    try:
        rec = check(StatementIn, {**BASE, field: value}, source="s.csv", line=7)
    except LedgerError as exc:
        assert exc.source == "s.csv" and exc.line == 7 and exc.field and exc.field.split(".")[0] == field
        assert "\n" not in str(exc)
    else:
        assert rec.date <= dt.date.today() + dt.timedelta(days=1)
        assert rec.quantity is None or rec.quantity >= 0


@settings(max_examples=100, deadline=None)
@given(q=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**9, 10**9)))
def test_quantities_are_finite_and_not_negative(q):
    try:
        p = check(PledgeIn, {"provider": "GBR", "capability": "isr", "date": "2025-01-01", "quantity": q})
    except LedgerError as exc:
        assert exc.field == "quantity"
    else:
        assert p.quantity is not None and p.quantity >= 0 and p.quantity == p.quantity


@settings(max_examples=40, deadline=None)
@given(quote=st.text(st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from("\r\n\t")),
                    min_size=1, max_size=40).filter(lambda s: s.strip()),
       qty=st.one_of(st.none(), st.integers(0, 10**6)))
def test_csv_rows_round_trip_through_parse(quote, qty):
    import csv
    import io

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=STATEMENT_COLUMNS, lineterminator="\r\n")  # as ledger export writes
    w.writeheader()
    w.writerow({**{k: "" for k in STATEMENT_COLUMNS}, **BASE, "id": "fra-1", "quote": quote,
                "quantity": "" if qty is None else str(qty), "conditions": "us_backstop;ceasefire_first"})
    (row,), lines = parse(buf.getvalue(), "statements", "s.csv")
    assert lines == [2] and row.quote.strip() == quote.strip() and row.quantity == (None if qty is None else float(qty))
    assert [str(c) for c in row.conditions] == ["us_backstop", "ceasefire_first"]


def test_a_row_cut_short_is_named():
    import pytest

    with pytest.raises(LedgerError, match="fewer cells") as err:
        parse("id,actor,date,stance,quote,source_url\nfra-1,FRA,2025-03-02\n", "statements", "s.csv")
    assert err.value.line == 2


def test_a_boolean_is_not_a_quantity():
    import pytest

    for q in (True, False):
        with pytest.raises(LedgerError, match="expected a number") as exc:
            check(PledgeIn, {"provider": "GBR", "capability": "isr", "date": "2025-01-01", "quantity": q})
        assert exc.value.field == "quantity"
