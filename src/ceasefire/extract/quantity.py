"""Quantities with units as news copy writes them.

>>> q = parse_quantities("Britain could send up to 10,000 troops and €3 billion a year.")
>>> [(x.low, x.high, x.unit, x.per) for x in q]
[(0.0, 10000.0, 'troops', None), (3000000000.0, 3000000000.0, 'EUR', 'year')]
>>> [(x.value, x.unit) for x in parse_quantities("£1.6bn of export finance for 5,000 air defence missiles")]
[(1600000000.0, 'GBP'), (5000.0, 'missiles')]
"""

from __future__ import annotations

import re

from ceasefire.extract.model import Quantity

_WORDS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "dozen": 12, "several": 3, "a few": 3, "a couple of": 2,
}
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "tn": 1e12}
_CURRENCY = {"€": "EUR", "$": "USD", "£": "GBP", "eur": "EUR", "euro": "EUR", "euros": "EUR", "usd": "USD",
             "dollars": "USD", "dollar": "USD", "gbp": "GBP", "pounds": "GBP", "pound": "GBP"}
# What troops are counted as; anything else keeps its own noun as the unit.
_TROOP_NOUNS = {"troops", "troop", "soldiers", "soldier", "personnel", "peacekeepers", "servicemen", "servicemembers",
                "service", "military", "men", "staff", "instructors", "boots", "forces", "strong"}
_UNIT_NOUNS = (r"troops|soldiers|personnel|peacekeepers|servicemen|service\s+members|military\s+personnel|men|"
               r"instructors|staff\s+officers|boots|forces|jets|fighter\s+jets|aircraft|planes|ships|warships|"
               r"frigates|minesweepers|vessels|missiles|air\s+defen[cs]e\s+(?:missiles|systems)|systems|drones|"
               r"interceptors|tanks|howitzers|shells|rounds|brigades?|battalions?|compan(?:y|ies)|"
               r"batteries|helicopters|vehicles|armou?red\s+vehicles|army|force")

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_WORDNUM = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|" \
           r"several|a\s+few|a\s+couple\s+of|a\s+dozen|dozens\s+of|tens\s+of|hundreds\s+of|thousands\s+of)"
_BOUND = r"(?P<bound>up\s+to|as\s+many\s+as|at\s+least|more\s+than|over|some|about|around|roughly|nearly|almost|" \
         r"fewer\s+than|less\s+than|at\s+most|no\s+more\s+than|a\s+maximum\s+of|a\s+minimum\s+of|between)?\s*"

# Cheap test first: most sentences hold no number at all.
_ANY_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                         r"thirty|forty|fifty|several|few|couple|dozens?|tens|hundreds|thousands)\b", re.IGNORECASE)
_MONEY = re.compile(
    r"(?<![\w.])" + _BOUND + r"(?P<cur>[€$£]|(?:US|C|A)\$)\s?(?P<num>" + _NUM
    + r")\s?(?P<scale>trillion|billion|million|thousand|"
    r"bn|tn|mn|m|b|k)?\b(?:\s*(?:(?:a|per)\s+(?P<per>year|month|annum)|annually))?"
    r"|" + _BOUND.replace("bound", "bound2") + r"(?P<num2>" + _NUM
    + r")\s?(?P<scale2>trillion|billion|million|bn|mn|m)?\s+"
    r"(?P<cur2>euros?|dollars|pounds)\b(?:\s*(?:(?:a|per)\s+(?P<per2>year|month|annum)|annually))?",
    re.IGNORECASE)
_COUNT = re.compile(
    r"(?<![\w.])" + _BOUND + r"(?P<num>" + _NUM + r"|" + _WORDNUM + r")(?:\s?(?P<scale>thousand|million|k)\b)?"
    r"(?:\s*(?:to|-|and)\s*(?P<hi>" + _NUM + r")(?:\s?(?P<scale_hi>thousand|k))?)?"
    r"(?P<strong>-strong)?\s+(?:(?:more|additional|extra|new|british|french|german|european|foreign|"
    r"allied|ukrainian|american|us|polish|italian|multinational|combat|ground|air\s+defen[cs]e|peacekeeping|"
    r"reassurance|military)\s+){0,2}(?P<unit>" + _UNIT_NOUNS + r")\b",
    re.IGNORECASE)


def _number(text: str) -> float:
    t = " ".join(text.lower().split())
    if t in _WORDS:
        return float(_WORDS[t])
    if t in ("dozens of",):
        return 24.0
    if t in ("tens of",):
        return 10.0
    if t in ("hundreds of",):
        return 100.0
    if t in ("thousands of",):
        return 1000.0
    if t == "a dozen":
        return 12.0
    return float(t.replace(",", ""))


def _bounds(bound: str | None, value: float) -> tuple[float, float]:
    b = " ".join((bound or "").lower().split())
    if b in ("up to", "as many as", "at most", "no more than", "a maximum of", "fewer than", "less than"):
        return 0.0, value
    if b in ("at least", "more than", "over", "a minimum of"):
        return value, value * 1.5 if b != "at least" else value * 2
    if b in ("about", "around", "roughly", "some", "nearly", "almost"):
        return value * 0.9, value * 1.1
    return value, value


def parse_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every money amount and counted quantity in ``text``, in order; offsets shifted by ``offset``."""
    found: list[Quantity] = []
    if not _ANY_NUMBER.search(text):
        return found
    taken: list[tuple[int, int]] = []
    for m in _MONEY.finditer(text):
        num = m.group("num") or m.group("num2")
        scale = (m.group("scale") or m.group("scale2") or "").lower()
        cur = (m.group("cur") or m.group("cur2") or "").lower()
        cur = cur[-1] if cur.endswith("$") else cur
        per = m.group("per") or m.group("per2")
        value = _number(num) * _SCALE.get(scale, 1.0)
        low, high = _bounds(m.group("bound") or m.group("bound2"), value)
        found.append(Quantity(value=value, low=low, high=high, unit=_CURRENCY.get(cur, cur.upper()),
                              per="year" if per and per.lower() in ("year", "annum") else per,
                              text=m.group(0).strip(), start=offset + m.start() + _lead(m.group(0)),
                              end=offset + m.end()))
        taken.append((m.start(), m.end()))
    for m in _COUNT.finditer(text):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
            continue
        raw = m.group("num")
        if re.fullmatch(r"(?:19|20)\d\d", raw):  # a year, not a count
            continue
        value = _number(raw) * _SCALE.get((m.group("scale") or "").lower(), 1.0)
        unit_words = m.group("unit").lower().split()
        unit = "troops" if unit_words[-1] in _TROOP_NOUNS or unit_words[0] in _TROOP_NOUNS else unit_words[-1]
        if m.group("strong"):
            unit = "troops"
        low, high = _bounds(m.group("bound"), value)
        if m.group("hi"):
            high = _number(m.group("hi")) * _SCALE.get((m.group("scale_hi") or m.group("scale") or "").lower(), 1.0)
            if value * 100 < high <= value * 1000:  # "10-15,000": the scale of the high end applies to both
                value *= 1000
            low, value = value, (value + high) / 2
        found.append(Quantity(value=value, low=low, high=high, unit=unit, text=m.group(0).strip(),
                              start=offset + m.start() + _lead(m.group(0)), end=offset + m.end()))
    found.sort(key=lambda q: q.start)
    return found


def _lead(s: str) -> int:
    return len(s) - len(s.lstrip())
