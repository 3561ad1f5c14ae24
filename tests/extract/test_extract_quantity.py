"""Quantities with units: troops, money with currency and period, ranges and bounds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.extract.quantity import parse_quantities


def one(text: str) -> tuple[float, float, float, str, str | None]:
    qs = parse_quantities(text)
    assert len(qs) == 1, qs
    q = qs[0]
    return q.low, q.value, q.high, q.unit, q.per


def test_troops_money_and_bounds() -> None:
    assert one("up to 10,000 troops") == (0, 10000, 10000, "troops", None)
    assert one("€3 billion a year") == (3e9, 3e9, 3e9, "EUR", "year")
    assert one("£1.6bn") == (1.6e9, 1.6e9, 1.6e9, "GBP", None)
    assert one("$2 billion in new support")[3] == "USD"
    assert one("1 billion euros")[1:4] == (1e9, 1e9, "EUR")
    assert one("between 10,000 and 30,000 troops") == (10000, 20000, 30000, "troops", None)
    assert one("several thousand personnel")[1:4] == (3000, 3000, "troops")
    assert one("at least 200,000 European troops")[0] == 200000
    assert one("5,000 air defence missiles")[3] == "missiles"


def test_years_and_plain_numbers_are_not_quantities() -> None:
    assert parse_quantities("In 2025 the talks went on for 3 days.") == []
    assert parse_quantities("No numbers here at all.") == []


def test_offsets_point_at_the_text() -> None:
    text = "Britain could send up to 10,000 troops and €3 billion a year."
    for q in parse_quantities(text, 0):
        assert text[q.start:q.end] == q.text


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(["troops", "soldiers", "personnel"]),
       st.sampled_from(["up to", "", "about", "at least"]))
@settings(max_examples=200, deadline=None)
def test_any_troop_number_round_trips(n: int, noun: str, bound: str) -> None:
    text = f"Ready to send {bound} {n:,} {noun} next year.".replace("  ", " ")
    qs = parse_quantities(text)
    assert len(qs) == 1
    q = qs[0]
    assert q.unit == "troops" and q.value == n
    assert q.low <= q.value <= q.high
    assert text[q.start:q.end] == q.text
