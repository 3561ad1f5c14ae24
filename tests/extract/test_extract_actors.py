"""The actor table: every entry sourced, codes valid, office holders resolved by date."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest

from ceasefire.errors import DataError
from ceasefire.extract.actors import gazetteer, load_table
from ceasefire.reference import is_actor_code


def test_bundled_table_is_sourced_and_valid() -> None:
    table = gazetteer().table
    assert table.people and table.offices and table.groups
    for p in table.people:
        assert p.source_url.startswith("https://") and is_actor_code(p.actor)
    for o in table.offices:
        assert o.source_url.startswith("https://") and is_actor_code(o.actor)
    for g in table.groups:
        assert g.source_url.startswith("https://") and all(is_actor_code(m) for m in g.members)


@pytest.mark.parametrize(("name", "day", "actor"), [
    ("Rutte", dt.date(2023, 5, 1), "NLD"), ("Rutte", dt.date(2025, 3, 1), "NATO"),
    ("Stoltenberg", dt.date(2024, 6, 1), "NATO"), ("Stoltenberg", dt.date(2025, 6, 1), "NOR"),
    ("Kallas", dt.date(2023, 1, 1), "EST"), ("Kallas", dt.date(2025, 1, 1), "EU"),
    ("Starmer", dt.date(2025, 3, 1), "GBR"), ("Élysée", None, "FRA"), ("Elysee", None, "FRA"),
    ("Orban", dt.date(2025, 1, 1), "HUN"), ("Zelenskyy", None, "UKR"), ("Kremlin", None, "RUS"),
    ("Türkiye", None, "TUR"), ("Russian Federation", None, "RUS"),
])
def test_names_resolve_on_the_day(name: str, day: dt.date | None, actor: str) -> None:
    entry = gazetteer().lookup(name)
    assert entry is not None
    assert entry.actors_on(day) == (actor,)


def test_groups_expand_to_members() -> None:
    assert gazetteer().lookup("Baltic states").actors_on(None) == ("EST", "LVA", "LTU")
    assert len(gazetteer().lookup("Nordic and Baltic states").actors_on(None)) == 8


def _table_text() -> str:
    return resources.files("ceasefire.extract").joinpath("data/actors.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "field"), [
    ("actor: GBR, office: Prime Minister, from: 2024-07-05", "actor: XXX, office: Prime Minister, from: 2024-07-05",
     "people"),
    ("source_url: https://en.wikipedia.org/wiki/Prime_Minister_of_Italy", "source_url: not-a-url", "people"),
    ("from: 2022-10-22, source_url: https://en.wikipedia.org/wiki/Prime_Minister_of_Italy",
     "from: 2022-10-22, to: 2020-01-01, source_url: https://en.wikipedia.org/wiki/Prime_Minister_of_Italy", "people"),
])
def test_a_bad_table_is_refused_with_the_field(old: str, new: str, field: str) -> None:
    text = _table_text()
    assert old in text
    with pytest.raises(DataError) as err:
        load_table(text.replace(old, new, 1), "actors.yaml")
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith("actors.yaml") and field in msg
