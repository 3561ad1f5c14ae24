"""Text hygiene and sentence splitting with character offsets into the original text.

News copy brings datelines ("KYIV, March 3 (Reuters) -", "MOSCOW, February 17. /TASS/."), quotes that
end sentences ("... ready," he said.), abbreviations (U.S., Mr., Gen.) and initials (J.D. Vance). The
splitter returns spans of the original string, so offsets computed on a sentence map back unchanged.

>>> [s.text for s in split_sentences('LONDON (Reuters) - The U.S. paused aid. "We are ready," he said. Fine.')]
['The U.S. paused aid.', '"We are ready," he said.', 'Fine.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One-to-one replacements (same length) so that offsets in the normalised copy are offsets in the original.
_SAME_LENGTH = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200b": " ", "\t": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
})


def normalise(text: str) -> str:
    """Straight quotes, plain spaces and hyphens; the same length as ``text``.

    >>> normalise("\u201cReady\u201d \u2013 she said") == '"Ready" - she said'
    True
    """
    return text.translate(_SAME_LENGTH)


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "sen", "rep", "gov",
    "pres", "st", "jr", "sr", "no", "nos", "vs", "v", "etc", "e.g", "i.e", "approx", "est", "dept", "govt", "min",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n",
    "e.u", "n.a.t.o", "u.s.a", "inc", "ltd", "co", "corp", "fig", "al", "op", "mt", "ft", "rt", "hon",
}

# A dateline at the start of a paragraph: capitals, an optional date, an optional agency, then a dash or
# the TASS-style "/TASS/." marker.
_DATELINE = re.compile(
    r"""^[ ]*(?:[A-Z][A-Z'.\-]+(?:[ ,]+[A-Z][A-Z'.\-]+)*)        # KYIV / NEW YORK / ROME
        (?:,?[ ]+(?:[A-Z][a-z]{2,8}\.?[ ]+\d{1,2}|\d{1,2}[ ]+[A-Z][a-z]{2,8}))?(?:,?[ ]+\d{4})?  # , March 3
        [ ]*(?:\.[ ]*)?(?:\([A-Za-z .&]+\)|/[A-Za-z\-]+/\.?)?[ ]*   # (Reuters) or /TASS/.
        (?:(?:--?|[|:])[ ]+|(?<=/\.)[ ]*|(?<=/)[ ]+)""",
    re.VERBOSE,
)

_BOUNDARY = re.compile(r"""[.!?]+['")\]]*(?=\s+['"(\[]?[A-Z0-9\u00c0-\u024f])|[.!?]+['")\]]*(?=\s*$)|\n\s*\n|\n""")
_INITIAL = re.compile(r"(?:^|[\s(])(?:[A-Z]\.)+$")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.$")


def _strip_dateline(text: str, start: int, end: int) -> int:
    m = _DATELINE.match(text, start, end)
    if m and (m.group(0).strip().endswith(("-", "|", ":", "/.", "/")) or "/" in m.group(0)):
        # Only an all-capital place name counts: "The UK -" is prose, not a dateline.
        head = re.match(r"[ ]*([A-Z][A-Z'.\-]+)", m.group(0))
        if head and len(head.group(1).rstrip(".")) >= 3:
            return m.end()
    return start


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, each a span of ``text`` (datelines left out, whitespace trimmed)."""
    norm = normalise(text)
    out: list[Sentence] = []
    pos = 0
    para_start = True
    n = len(norm)
    for m in _BOUNDARY.finditer(norm):
        cut = m.end()
        piece = norm[pos:m.start() + 1] if not m.group(0).startswith("\n") else ""
        if not m.group(0).startswith("\n"):
            # Abbreviations and initials: "U.S.", "Mr.", "J.D." do not end a sentence.
            before = norm[pos:m.start() + 1]
            w = _WORD_BEFORE.search(before)
            if m.group(0) == "." and w and (w.group(1).lower().rstrip(".") in _ABBREVIATIONS
                                            or _INITIAL.search(before)):
                continue
            del piece
        else:
            cut = m.start()
        _emit(norm, text, pos, cut, out, para_start)
        para_start = m.group(0).startswith("\n")
        pos = m.end()
    if pos < n:
        _emit(norm, text, pos, n, out, para_start)
    return out


def _emit(norm: str, text: str, start: int, end: int, out: list[Sentence], para_start: bool) -> None:
    if para_start or not out:
        start = _strip_dateline(norm, start, end)
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    if end > start and any(c.isalnum() for c in norm[start:end]):
        out.append(Sentence(len(out), start, end, text[start:end]))
