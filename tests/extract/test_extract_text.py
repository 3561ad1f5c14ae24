"""Sentence splitting: datelines, quotes, abbreviations; every sentence is a span of the original text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.extract.text import normalise, split_sentences


def texts(s: str) -> list[str]:
    return [x.text for x in split_sentences(s)]


def test_datelines_are_not_sentences() -> None:
    assert texts("KYIV, March 3 (Reuters) - Zelensky spoke. Then he left.") == ["Zelensky spoke.", "Then he left."]
    assert texts("MOSCOW, February 17. /TASS/. Russia objected. Peskov said so.") == ["Russia objected.",
                                                                                      "Peskov said so."]
    assert texts("BRUSSELS -- EU leaders met.") == ["EU leaders met."]
    # a sentence that merely starts with a short capitalised word keeps it
    assert texts("The UK - and France - agreed.") == ["The UK - and France - agreed."]


def test_quotes_abbreviations_and_initials() -> None:
    assert texts('"We are ready," he said. "We will go." Fine.') == ['"We are ready," he said.', '"We will go."',
                                                                    "Fine."]
    assert texts("The U.S. paused aid. J.D. Vance spoke to Mr. Starmer. Done.") == [
        "The U.S. paused aid.", "J.D. Vance spoke to Mr. Starmer.", "Done."]
    assert texts("Is France ready? Yes! It is.") == ["Is France ready?", "Yes!", "It is."]


def test_paragraphs_split_and_curly_quotes_keep_offsets() -> None:
    text = "\u201cReady,\u201d said Starmer.\n\nItaly\u00a0refused."
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["\u201cReady,\u201d said Starmer.", "Italy\u00a0refused."]
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert len(normalise(text)) == len(text)


words = st.sampled_from(["France", "said", "the", "U.S.", "Mr.", "ready", "troops", "KYIV", "(Reuters)", "-", "\"",
                         "'", ".", "?", "!", ",", "\n", "\n\n", "Jan.", "3", "2025", "é", "\u201c", "\u201d",
                         "/TASS/.", "J.D.", "no", "10,000"])


@given(st.lists(words, max_size=40).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_sentences_are_ordered_trimmed_spans(text: str) -> None:
    sents = split_sentences(text)
    last = 0
    for i, s in enumerate(sents):
        assert s.index == i
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= last
        last = s.end
