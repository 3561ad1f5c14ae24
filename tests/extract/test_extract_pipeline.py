"""The extractor end to end: actors, stances, targets, coordination, pronouns, conditions, evidence offsets."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.domain import Condition, Stance
from ceasefire.extract import extract_statements
from ceasefire.extract.evaluate import load, score
from ceasefire.extract.pipeline import extract_statements_rules

DATA = Path(__file__).resolve().parents[1] / "data"
MARCH_2025 = dt.date(2025, 3, 6)

# Written for this test: the positions of early March 2025 as a wire story would put them, with think tanks
# whose names contain a country, analysts talking about countries, and Ukraine and Russia as objects.
ARTICLE = """LONDON, March 6 (Wire) - Britain is ready to lead a coalition of the willing to guarantee a ceasefire in \
Ukraine, Prime Minister Keir Starmer said on Thursday, as European capitals scrambled to respond to Washington's shift.

French President Emmanuel Macron said France was willing to deploy troops to Ukraine after a peace deal, to deter \
Russia from attacking again.

Germany is not prepared to send soldiers, a government spokesman in Berlin said.

Italy has ruled out sending Italian troops, Prime Minister Giorgia Meloni told reporters in Rome.

The United States paused military aid to Kyiv on Monday, the White House said.

"Europe has to show it can defend itself," said Malcolm Chalmers of the Royal United Services Institute.

Analysts at the German Marshall Fund said Berlin's caution reflected the election campaign.

The Institute for the Study of War said Russian forces were preparing a new offensive.
"""


def stances(text: str, day: dt.date | None = MARCH_2025) -> set[tuple[str, str]]:
    return {(s.actor, s.stance.value) for s in extract_statements(text, published=day)}


def rule_stances(text: str, day: dt.date | None = MARCH_2025) -> set[tuple[str, str]]:
    """What the rules alone say: the tests of single rules use it (the learned layer is measured on real text)."""
    return {(s.actor, s.stance.value) for s in extract_statements_rules(text, published=day)}


def test_march_2025_article_yields_exactly_the_five_positions() -> None:
    assert stances(ARTICLE) == {("GBR", "willing"), ("FRA", "willing"), ("DEU", "refuses"), ("ITA", "refuses"),
                                ("USA", "distancing")}


def test_every_statement_carries_its_evidence() -> None:
    for s in extract_statements(ARTICLE, published=MARCH_2025):
        assert ARTICLE[s.start:s.end] == s.quote
        assert s.cue is not None and ARTICLE[s.cue_start:s.cue_end] == s.cue
        assert s.start <= s.cue_start < s.cue_end <= s.end
        assert ARTICLE[s.mention_start:s.mention_end] == s.mention
        assert s.published == MARCH_2025


TEXTBOOK = [
    ("Italy ruled out sending troops to Ukraine.", {("ITA", "refuses")}),
    ("Meloni did not rule out a role for Italy.", {("ITA", "willing")}),
    ("Germany will not send troops.", {("DEU", "refuses")}),
    ("Germany will send troops.", {("DEU", "commits")}),
    ("Germany is not yet ready to decide.", {("DEU", "hesitant")}),
    ("Russia said any deployment of NATO troops would be unacceptable.", {("RUS", "opposes")}),
    ("The Kremlin said British and French troops in Ukraine would be legitimate targets.", {("RUS", "opposes")}),
    ("Zelensky called for at least 200,000 European troops.", {("UKR", "demands")}),
    ("Britain and France would send troops to help Ukraine deter Russia.", {("GBR", "willing"), ("FRA", "willing")}),
    ("The Baltic states are ready to contribute.", {("EST", "willing"), ("LVA", "willing"), ("LTU", "willing")}),
    ("Sweden is open to joining if the conditions are right.", {("SWE", "conditional")}),
    ("Any British deployment would require a US backstop, Starmer said.", {("GBR", "conditional")}),
    ('"We will not send troops to Ukraine," Fico told reporters.', {("SVK", "refuses")}),
    ("Trump spoke with Putin for two hours on Tuesday.", set()),
    # the one who thanks is on record, neutrally (development-set convention); those thanked are targets
    ("Zelensky thanked Britain and France for their support.", {("UKR", "neutral")}),
    ("A report by the Kiel Institute showed that aid to Ukraine fell.", set()),
    ("Analysts at the German Marshall Fund said Germany's reluctance reflected domestic politics.", set()),
]


@pytest.mark.parametrize(("text", "expected"), TEXTBOOK)
def test_stance_rules(text: str, expected: set[tuple[str, str]]) -> None:
    assert rule_stances(text) == expected


# Where the real-sentence development sets label otherwise than the rules: thanking a state for its support puts that
# support on record (nine such sentences in extract_dev3/extract_dev4 are labelled so).
LEARNED_CONVENTION = {
    "Zelensky thanked Britain and France for their support.": {("UKR", "neutral"), ("GBR", "commits"),
                                                               ("FRA", "commits")},
}


def test_the_learned_layer_keeps_the_textbook_cases() -> None:
    # The learned layer overrules the rules where real reporting taught it to; on plain sentences it must not
    # drift: at most three of these 17 (measured at the last training: three, a neutral US statement for "Trump
    # spoke with Putin", the British and French troops the Kremlin threatens taken for willing contributors, and
    # only France of the two thanked states on record).
    wrong = [text for text, expected in TEXTBOOK if stances(text) != LEARNED_CONVENTION.get(text, expected)]
    assert len(wrong) <= 3, wrong


def test_pronouns_and_the_speaker_carry_across_sentences() -> None:
    text = "Giorgia Meloni spoke to reporters in Rome. She added that she would never send soldiers to Ukraine."
    assert rule_stances(text) == {("ITA", "refuses")}
    (s,) = extract_statements_rules(text, published=MARCH_2025)
    assert s.attribution == "pronoun" and s.mention == "She"
    refusal = [s for s in extract_statements(text, published=MARCH_2025) if s.stance is Stance.REFUSES]
    assert [(s.actor, s.attribution, s.mention) for s in refusal] == [("ITA", "pronoun", "She")]


def test_office_holders_follow_the_date() -> None:
    assert stances("Rutte said the Netherlands would send jets.", dt.date(2023, 8, 20)) == {("NLD", "commits")}
    assert stances("Rutte said allies must provide more air defence.", dt.date(2025, 6, 1)) == {("NATO", "demands")}


def test_conditions_quantities_and_commitments() -> None:
    # "only once": the actor stresses the ceasefire as its precondition (plain "once a ceasefire is agreed" is the
    # routine framing of a post-war force and stays willing, the development set's convention)
    (s,) = extract_statements("Britain could send up to 10,000 troops to Ukraine only once a ceasefire is agreed.",
                              published=MARCH_2025)
    assert s.stance is Stance.CONDITIONAL
    assert s.condition is Condition.CEASEFIRE_FIRST and s.condition_text == "ceasefire"
    assert s.quantity is not None and s.quantity.high == 10000 and s.quantity.unit == "troops"
    assert s.commitments == ["troops"] and s.capability is not None
    (m,) = extract_statements("Canada has pledged $2 billion a year in military aid.", published=MARCH_2025)
    assert m.stance is Stance.COMMITS and "money" in m.commitments
    assert m.quantity is not None and m.quantity.unit == "USD" and m.quantity.per == "year"


def test_one_sentence_can_hold_two_stances_of_one_actor() -> None:
    # The rules keep an offer first and the refusal after it as two statements; the later development sets label
    # help from outside Ukraine beside a refusal of troops as one conditional statement, so the learned layer may
    # give either reading, but not one half of it (the reverse order the rules merge too: test_extract_recall.py).
    text = "Italy is ready to support monitoring outside Ukraine but will not deploy troops, Tajani said."
    assert rule_stances(text, dt.date(2025, 9, 4)) == {("ITA", "refuses"), ("ITA", "willing")}
    assert stances(text, dt.date(2025, 9, 4)) in ({("ITA", "conditional")}, {("ITA", "refuses"), ("ITA", "willing")})


def test_empty_text_gives_nothing() -> None:
    assert extract_statements("") == [] and extract_statements(" \n ") == []


def _dev_sentences() -> list[str]:
    with (DATA / "extract_dev.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


@given(st.lists(st.sampled_from(_dev_sentences()), min_size=1, max_size=6), st.sampled_from([" ", "\n", "\n\n"]))
@settings(max_examples=150, deadline=None)
def test_offsets_always_point_at_the_evidence(sentences: list[str], sep: str) -> None:
    text = sep.join(sentences)
    out = extract_statements(text, published=MARCH_2025)
    assert out == extract_statements(text, published=MARCH_2025)  # deterministic
    for s in out:
        assert text[s.start:s.end] == s.quote
        assert text[s.mention_start:s.mention_end] == s.mention
        if s.cue is not None:
            assert text[s.cue_start:s.cue_end] == s.cue
        if s.quantity is not None:
            assert text[s.quantity.start:s.quantity.end] == s.quantity.text


@pytest.mark.parametrize("name", ["extract_dev.jsonl", "extract_check.jsonl", "extract_check2.jsonl",
                                  "extract_fresh.jsonl", "extract_final.jsonl", "extract_blind.jsonl",
                                  "extract_r7.jsonl", "extract_r8.jsonl", "extract_r9.jsonl",
                                  "extract_r10.jsonl", "extract_r11.jsonl",
                                  "extract_r12.jsonl"])
def test_accuracy_on_the_written_sets_meets_the_targets(name: str) -> None:
    # The rules were written against these sets: a rule change that breaks an earlier case fails here.
    sc = score(load(DATA / name), extract_statements_rules)
    assert sc.f1 >= 0.92, sc.errors
    assert sc.rate(sc.stance_right) >= 0.85, sc.errors


def test_the_public_extractor_fits_the_written_sets_together() -> None:
    # They are training data of the learned layer too, so this is a fit, pooled over all of them (one slip in a
    # 25-sentence set moves its F1 by several points); extract_r13 is kept back and judged in test_extract_learn.
    items = [i for name in ("extract_dev.jsonl", "extract_check.jsonl", "extract_check2.jsonl", "extract_fresh.jsonl",
                            "extract_final.jsonl", "extract_blind.jsonl", "extract_r7.jsonl", "extract_r8.jsonl",
                            "extract_r9.jsonl", "extract_r10.jsonl", "extract_r11.jsonl", "extract_r12.jsonl")
             for i in load(DATA / name)]
    sc = score(items)
    assert sc.f1 >= 0.92 and sc.rate(sc.stance_right) >= 0.85, (sc.f1, sc.rate(sc.stance_right))
