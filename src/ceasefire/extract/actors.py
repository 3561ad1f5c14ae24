"""The actor table: which words name which state or organisation, on which date.

Names come from two places: pycountry (ISO 3166 names of every state) and the reviewed project table
``data/actors.yaml`` (short names, demonyms, capitals, seats of government, groups of states and office
holders with their terms). A person maps to the actor they spoke for on the article's date.

>>> import datetime as dt
>>> g = gazetteer()
>>> g.lookup("Rutte").actors_on(dt.date(2023, 5, 1)), g.lookup("Rutte").actors_on(dt.date(2025, 3, 1))
(('NLD',), ('NATO',))
>>> g.lookup("the Élysée") is None, g.lookup("Élysée").actors_on(None)
(True, ('FRA',))
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from ruamel.yaml import YAML

from ceasefire.errors import DataError
from ceasefire.reference import ORGANISATIONS, is_actor_code

Kind = Literal["name", "org", "office", "person", "group", "demonym", "capital"]
# When one surface form is listed twice, the reading that is least likely to be wrong wins.
_PRECEDENCE: dict[str, int] = {"name": 0, "org": 1, "office": 2, "person": 3, "group": 4, "demonym": 5, "capital": 6}
_URL = r"^https?://\S+$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Country(_Strict):
    names: list[str] = []
    demonyms: list[str] = []
    capital: str | list[str] | None = None


class _Org(_Strict):
    names: list[str]


def _code(v: str) -> str:
    if not is_actor_code(v):
        raise ValueError(f"{v!r} is neither an ISO 3166 alpha-3 code nor one of {sorted(ORGANISATIONS)}")
    return v


Code = Annotated[str, AfterValidator(_code)]


class _Group(_Strict):
    names: list[str]
    members: list[Code]
    source_url: Annotated[str, Field(pattern=_URL)]


class _Office(_Strict):
    names: list[str]
    actor: Code
    source_url: Annotated[str, Field(pattern=_URL)]


class _Person(_Strict):
    names: list[str]
    actor: Code
    office: str
    from_: Annotated[dt.date, Field(alias="from")]
    to: dt.date | None = None
    source_url: Annotated[str, Field(pattern=_URL)]

    @model_validator(mode="after")
    def _ordered(self) -> _Person:
        if self.to is not None and self.to < self.from_:
            raise ValueError(f"term of {self.names[0]} ends ({self.to}) before it starts ({self.from_})")
        return self


class ActorTable(_Strict):
    as_of: dt.date
    sources: dict[str, Annotated[str, Field(pattern=_URL)]]
    countries: dict[str, _Country]
    ambiguous_names: list[str] = []
    organisations: dict[str, _Org]
    groups: list[_Group]
    offices: list[_Office]
    people: list[_Person]

    @field_validator("countries")
    @classmethod
    def _iso(cls, v: dict[str, _Country]) -> dict[str, _Country]:
        for code in v:
            if not is_actor_code(code) or code in ORGANISATIONS:
                raise ValueError(f"{code!r} is not an ISO 3166 alpha-3 code")
        return v

    @field_validator("organisations")
    @classmethod
    def _orgs(cls, v: dict[str, _Org]) -> dict[str, _Org]:
        for org in v:
            if org not in ORGANISATIONS:
                raise ValueError(f"organisation {org!r} is not one of {sorted(ORGANISATIONS)}")
        return v


@dataclass(frozen=True, slots=True)
class Term:
    actor: str
    office: str
    start: dt.date
    end: dt.date | None
    source_url: str

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def distance(self, day: dt.date) -> int:
        if self.covers(day):
            return 0
        if day < self.start:
            return (self.start - day).days
        assert self.end is not None
        return (day - self.end).days


@dataclass(frozen=True, slots=True)
class Entry:
    """What one surface form names: fixed actors, or a person's terms of office."""

    kind: str
    actors: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()

    def actors_on(self, day: dt.date | None, title: str = "") -> tuple[str, ...]:
        """The actor(s) this name stands for on ``day``: the term covering it, else the nearest term;
        without a date, the latest term. A ``title`` written before the name ("Prime Minister Mark Rutte", "NATO
        Secretary General Jens Stoltenberg") decides first when it fits the terms of one actor only.

        >>> rutte = gazetteer().lookup("Rutte")
        >>> rutte.actors_on(None), rutte.actors_on(None, "Dutch Prime Minister")
        (('NATO',), ('NLD',))
        >>> rutte.actors_on(dt.date(2025, 9, 4), "former Dutch Prime Minister")
        ('NATO',)
        """
        if not self.terms:
            return self.actors
        if title and len({t.actor for t in self.terms}) > 1 and not _PAST_TITLE.search(title):
            roles = _roles(title)
            fitting = {t.actor for t in self.terms if roles & _roles(t.office)}
            if len(fitting) == 1:
                return (fitting.pop(),)
        if day is None:
            latest = max(self.terms, key=lambda t: (t.end or dt.date.max, t.start))
            return (latest.actor,)
        best = min(self.terms, key=lambda t: (t.distance(day), -t.start.toordinal()))
        return (best.actor,)


# Words of a title and of an office that name the same role ("Foreign Minister" and "Minister for Europe and Foreign
# Affairs"), so a title before a name can pick the term it speaks of.
_ROLE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((role, re.compile(rx, re.IGNORECASE)) for role, rx in (
    ("head of government", r"\bprime\s+minister\b|\bpremier\b|\bPM\b|\btaoiseach\b"),
    ("secretary general", r"\bsecretary[\s-]+general\b|\bNATO\s+chief\b"),
    ("foreign", r"\bforeign\b|\btop\s+diplomat\b|\bhigh\s+representative\b"),
    ("defence", r"\bdefen[cs]e\b|\barmed\s+forces\b|\bwar\s+secretary\b"),
    ("head of state", r"\bpresident\b(?!\s+of\s+the\s+European\s+Commission)"),
    ("chancellor", r"\bchancellor\b"),
    ("finance", r"\bfinance\b|\btreasury\b"),
))


# "former NATO chief Stoltenberg": the title names an office no longer held, so the date decides.
_PAST_TITLE = re.compile(r"\b(?:former|ex|then|outgoing|erstwhile|previous|one-time|onetime|late)\b", re.IGNORECASE)


def _roles(words: str) -> set[str]:
    return {role for role, rx in _ROLE_WORDS if rx.search(words)}


def _variants(name: str) -> set[str]:
    out = {name}
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    out.add(plain.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L"))
    if name.startswith("the "):
        out |= {"The " + name[4:]}
    return {v for v in out if v}


def _trie_regex(words: list[str]) -> str:
    """One alternation compiled as a character trie, so matching costs one pass however many names."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


class Gazetteer:
    """All names, compiled into one regular expression."""

    def __init__(self, table: ActorTable) -> None:
        self.table = table
        entries: dict[str, Entry] = {}
        person_terms: dict[str, list[Term]] = {}

        def add(name: str, entry: Entry) -> None:
            for v in _variants(name):
                old = entries.get(v)
                if old is None or _PRECEDENCE[entry.kind] < _PRECEDENCE[old.kind]:
                    entries[v] = entry

        ambiguous = set(table.ambiguous_names)
        listed = {n for c in table.countries.values() for n in c.names}
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                name = getattr(c, attr, None)
                if name and name not in ambiguous and not re.search(r"[,()]", name) and name not in listed:
                    add(name, Entry("name", (c.alpha_3,)))
        for code, c in table.countries.items():
            for n in c.names:
                add(n, Entry("name", (code,)))
            for n in c.demonyms:
                add(n, Entry("demonym", (code,)))
            caps = [c.capital] if isinstance(c.capital, str) else (c.capital or [])
            for n in caps:
                add(n, Entry("capital", (code,)))
        for code, o in table.organisations.items():
            for n in o.names:
                add(n, Entry("org", (code,)))
        for g in table.groups:
            for n in g.names:
                add(n, Entry("group", tuple(g.members)))
        for o in table.offices:
            for n in o.names:
                add(n, Entry("office", (o.actor,)))
        for p in table.people:
            term = Term(p.actor, p.office, p.from_, p.to, p.source_url)
            for n in p.names:
                for v in _variants(n):
                    person_terms.setdefault(v, []).append(term)
        for name, terms in person_terms.items():
            old = entries.get(name)
            if old is None or _PRECEDENCE["person"] < _PRECEDENCE[old.kind]:
                entries[name] = Entry("person", terms=tuple(terms))
        self.entries = entries
        # Longest names first through the trie; a name must not be glued to a word or a hyphen
        # ("non-NATO", "Franco-British", "US-led" are not the actor speaking).
        self.regex = re.compile(r"(?<![\w\-])(?:" + _trie_regex(sorted(entries, key=len, reverse=True))
                                + r")(?![\w\-]|\.\w)")

    def lookup(self, name: str) -> Entry | None:
        return self.entries.get(name)

    def finditer(self, text: str) -> list[tuple[int, int, Entry]]:
        return [(m.start(), m.end(), self.entries[m.group(0)]) for m in self.regex.finditer(text)]


def load_table(text: str, source: str) -> ActorTable:
    """Parse and validate an actor table; errors name the file and the field."""
    try:
        data = YAML(typ="safe", pure=True).load(text)
    except Exception as exc:  # ruamel raises several unrelated classes for malformed input
        raise DataError(f"malformed YAML: {str(exc).splitlines()[0]}", source=source) from None
    try:
        return ActorTable.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise DataError(err["msg"], source=source, field=loc) from None


@cache
def gazetteer() -> Gazetteer:
    text = resources.files("ceasefire.extract").joinpath("data/actors.yaml").read_text(encoding="utf-8")
    return Gazetteer(load_table(text, "actors.yaml"))
