"""Kinds of statement that real reporting uses and the first rules missed: each test is a sentence written here.

These test the rules (``extract_statements_rules``), whose verdicts are the strongest features of the learned layer;
the public ``extract_statements`` is measured on real sentences instead (``test_extract_learn.py``,
``benchmarks/extract_eval.py``).
"""

from __future__ import annotations

import datetime as dt

from ceasefire.domain import Stance
from ceasefire.extract.pipeline import extract_statements_rules

MARCH_2025 = dt.date(2025, 3, 6)


def _stances(text: str, day: dt.date | None = MARCH_2025) -> dict[str, str]:
    return {s.actor: s.stance.value for s in extract_statements_rules(text, published=day)}


def test_an_actor_named_as_a_participant_without_a_cue_is_on_the_record_as_neutral() -> None:
    out = _stances("Participants in the coalition call included Norway, Denmark and Canada.")
    assert out == {"NOR": "neutral", "DNK": "neutral", "CAN": "neutral"}


def test_ukraine_and_russia_named_without_a_cue_are_the_topic_not_holders() -> None:
    out = _stances("Finland's president spoke about security guarantees for Ukraine and the threat from Russia.")
    assert out == {"FIN": "neutral"}


def test_a_participant_with_its_own_cue_keeps_it_beside_a_neutral_one() -> None:
    out = extract_statements_rules("Sweden is ready to send troops, while Spain attended the coalition meeting.",
                             published=MARCH_2025)
    assert {(s.actor, s.stance) for s in out} == {("SWE", Stance.WILLING), ("ESP", Stance.NEUTRAL)}


def test_officials_from_a_country_speak_for_it() -> None:
    out = _stances("Ministers from Portugal and Belgium are ready to send troops to Ukraine.")
    assert out == {"PRT": "willing", "BEL": "willing"}


def test_a_list_after_with_that_has_its_own_predicate_holds_the_stance() -> None:
    out = _stances("The coalition is taking shape, with Denmark and Norway ready to deploy troops after a ceasefire.")
    assert out == {"DNK": "willing", "NOR": "willing"}


def test_a_new_clause_after_a_target_is_not_part_of_the_targets_list() -> None:
    out = _stances("Sweden will train soldiers in Ukraine, and Portugal ruling out any deployment of troops.")
    assert out["SWE"] == "commits"
    assert out["PRT"] == "refuses"


def test_a_speaker_after_a_place_name_is_not_part_of_that_list() -> None:
    out = _stances("Any mission would require the consent of Moscow, Pistorius said.")
    assert out == {"DEU": "conditional"}


def test_the_routine_post_ceasefire_framing_is_no_condition_but_only_if_is() -> None:
    assert _stances("Portugal could deploy a company of troops once a ceasefire is in place.") == {"PRT": "willing"}
    assert _stances("Portugal could deploy troops if asked.") == {"PRT": "willing"}
    assert _stances("Portugal could deploy troops only if the US provides a backstop.") == {"PRT": "conditional"}


def test_a_future_promise_without_a_force_or_a_sum_is_willingness() -> None:
    assert _stances("Slovenia will play an important role in the security guarantees.") == {"SVN": "willing"}
    assert _stances("Slovenia will send 50 soldiers to the multinational force.") == {"SVN": "commits"}
    assert _stances("Slovenia announced its intention to join the coalition.") == {"SVN": "willing"}


def test_providing_as_a_verb_is_no_condition() -> None:
    out = _stances("Latvia is ready to contribute by providing staff officers to the force.")
    assert out == {"LVA": "willing"}


def test_a_title_and_name_after_a_demonym_are_one_speaker_in_a_list() -> None:
    out = _stances("Macron, British Prime Minister Keir Starmer and Danish Prime Minister Mette Frederiksen signed "
                   "a declaration on deploying troops.", dt.date(2026, 1, 6))
    assert out == {"FRA": "commits", "GBR": "commits", "DNK": "commits"}


def test_a_condition_clause_ends_at_its_comma() -> None:
    assert _stances("If a ceasefire holds, Portugal will send troops.") == {"PRT": "commits"}
    assert _stances("Portugal could send troops if Spain provides a field hospital.") == {"PRT": "conditional"}


def test_a_possessive_with_a_stance_noun_holds_that_stance_whatever_verb_precedes() -> None:
    out = _stances("Zelensky welcomed Portugal's readiness to send troops.")
    assert out["PRT"] == "willing"


def test_the_object_of_a_gerund_or_a_third_person_verb_is_a_target() -> None:
    assert "DNK" not in _stances("Norway is representing Denmark at the coalition meeting on troops.")
    assert _stances("Spain supports Latvia, but will not deploy its troops.") == {"ESP": "refuses"}


def test_a_country_name_after_a_given_name_is_a_surname() -> None:
    out = _stances("Prime Minister Luis Montenegro said his country is ready to send troops.", dt.date(2025, 9, 1))
    assert "MNE" not in out


def test_armed_services_and_the_tanaiste_speak_for_their_state() -> None:
    assert _stances("Royal Air Force jets could patrol Ukrainian skies after a ceasefire.") == {"GBR": "willing"}
    assert _stances("Irish troops for the mission cannot be ruled out, the Tánaiste said.") == {"IRL": "willing"}


def test_hesitation_said_as_a_mere_possibility_or_no_decision() -> None:
    assert _stances("Sending Austrian troops remains only a possibility, the Austrian chancellor said.") == {
        "AUT": "hesitant"}
    assert _stances("Norway has not yet made any decision on troops.") == {"NOR": "hesitant"}
    assert _stances("Sending Swedish soldiers is unlikely, Sweden's defence minister said.") == {"SWE": "hesitant"}


def test_opposition_said_as_a_label_for_the_force() -> None:
    assert _stances("Moscow described the planned deployment of troops as an occupation.") == {"RUS": "opposes"}
    assert _stances("The Kremlin said foreign troops would be lawful targets.") == {"RUS": "opposes"}


def test_distancing_said_as_on_hold_or_rather_than() -> None:
    assert _stances("The Pentagon has put the shipments of aid on hold.") == {"USA": "distancing"}
    assert _stances("Slovakia will offer training rather than sending troops.")["SVK"] == "distancing"


def test_a_group_name_in_title_case_is_the_group() -> None:
    out = _stances("Britain, France and the Baltic States are ready to send troops.")
    assert out == {"GBR": "willing", "FRA": "willing", "EST": "willing", "LVA": "willing", "LTU": "willing"}


def test_a_speaker_who_names_his_own_country_beside_other_agents_keeps_the_stance() -> None:
    out = _stances("Pistorius said allies are not discussing troops and any German deployment would require "
                   "Bundestag approval.")
    assert out == {"DEU": "conditional"}


def test_conditions_said_as_conditioned_on_or_only_occur_once() -> None:
    assert _stances("Portugal's prime minister conditioned the deployment of Portuguese troops on a ceasefire.") == {
        "PRT": "conditional"}
    assert _stances("Belgium's government said any deployment would only occur once a peace deal is signed.") == {
        "BEL": "conditional"}


def test_willingness_said_as_a_preference_a_capacity_or_being_among_them() -> None:
    assert _stances("Croatia prefers tasks like demining at sea.") == {"HRV": "willing"}
    assert _stances("Croatia has the capacity to send a company of troops.") == {"HRV": "willing"}
    assert _stances("Croatia should be among the countries that guarantee a ceasefire.") == {"HRV": "willing"}


def test_a_pronoun_speaker_after_the_quotation_refers_back() -> None:
    text = ('Croatia will send a field hospital, Plenkovic said. "Up to 40 Croatian medics will continue to train '
            'Ukrainian soldiers," he said.')
    out = [(s.actor, s.stance.value, s.sentence_index) for s in extract_statements_rules(text, published=MARCH_2025)]
    assert ("HRV", "commits", 1) in out


def test_a_generic_subject_like_the_baltic_member_refers_back() -> None:
    text = "Estonia is ready to send troops, Kristen Michal said. The Baltic NATO member is ready to deploy a company."
    out = [(s.actor, s.stance.value, s.sentence_index) for s in extract_statements_rules(text, published=MARCH_2025)]
    assert ("EST", "willing", 1) in out


def test_a_first_person_offer_with_an_aside_between_ready_and_to() -> None:
    text = 'Sánchez spoke in Madrid. "We are prepared, as we have done elsewhere, to send troops to keep the peace."'
    out = [(s.actor, s.stance.value, s.sentence_index) for s in extract_statements_rules(text, published=MARCH_2025)]
    assert ("ESP", "willing", 1) in out


def test_a_co_subject_after_along_with_and_a_passive_agent_after_as_proposed_by() -> None:
    assert _stances("Sweden, along with Latvia, has joined the drone coalition.") == {"SWE": "commits",
                                                                                      "LVA": "commits"}
    out = _stances("Meloni rejected the sending of European troops, as proposed by Britain and France.",
                   dt.date(2025, 3, 1))
    assert out["GBR"] == out["FRA"] == "willing"


def test_a_participle_opening_the_sentence_does_not_make_the_subject_a_target() -> None:
    out = _stances("Starting in May, Norwegian forces will patrol the airspace with F-35 jets.")
    assert out == {"NOR": "commits"}


def test_his_country_refers_to_the_person_named_earlier_in_the_sentence() -> None:
    out = _stances("A journalist asked Estonian minister Hanno Pevkur about it, and he said his country is ready "
                   "to send troops.", dt.date(2025, 3, 1))
    assert out.get("EST") == "willing"


def test_the_need_for_troops_is_a_demand_and_number_words_count_as_amounts() -> None:
    assert _stances("Zelensky stressed the need for 100,000 peacekeepers.") == {"UKR": "demands"}
    assert _stances("Ireland provided two demining systems to Ukraine.") == {"IRL": "commits"}


def test_provided_as_a_verb_is_no_condition() -> None:
    assert _stances("Britain provided the jets to the coalition.") == {"GBR": "commits"}
    assert _stances("Britain will send troops, provided the US backs the force.")["GBR"] == "conditional"


def test_a_cue_inside_a_condition_clause_is_the_conditions_content() -> None:
    assert _stances("Britain will send troops, provided the US backs the force.") == {"GBR": "conditional"}
    assert _stances("Canada cannot say for certain whether it will send troops.") == {"CAN": "hesitant"}
    # "for as long as it takes" is no condition clause
    assert _stances("Norway will stand with Ukraine for as long as it takes and is open to sending troops.") == {
        "NOR": "willing"}


def test_a_refusal_of_troops_then_an_offer_is_one_conditional_statement() -> None:
    (s,) = extract_statements_rules("Slovenia will not send troops to Ukraine but will provide logistics.",
                              published=MARCH_2025)
    assert s.stance is Stance.CONDITIONAL
    assert s.conditions[0].value == "no_troops_in_ukraine"
    assert set(s.commitments) == {"troops", "logistics"}


def test_only_picking_the_subject_or_the_only_two_is_no_condition() -> None:
    assert _stances("Only Britain and France have committed soldiers.") == {"GBR": "commits", "FRA": "commits"}
    assert _stances("Norway and Denmark are the only two countries willing to send troops.") == {
        "NOR": "willing", "DNK": "willing"}


def test_a_speaker_reporting_what_other_nations_pledged_is_neutral() -> None:
    out = _stances("Twenty nations have pledged troops to the force, Spain's prime minister said.")
    assert out == {"ESP": "neutral"}


def test_a_vague_pledge_is_willingness() -> None:
    assert _stances("Austria pledged continued support for peace in Ukraine.") == {"AUT": "willing"}
    assert _stances("Austria pledged 200 soldiers to the force.") == {"AUT": "commits"}


def test_no_promises_is_hesitation_and_firming_up_an_offer_commits() -> None:
    assert _stances("However, Sweden makes no promises to send ground troops.") == {"SWE": "hesitant"}
    assert _stances("Sweden firmed up its offer to send 100 troops.") == {"SWE": "commits"}


def test_viewing_a_deployment_as_an_intervention_is_opposition_even_with_a_long_object() -> None:
    out = _stances("Moscow would view any deployment of troops by European nations to Ukraine after a ceasefire "
                   "as a military intervention.")
    assert out == {"RUS": "opposes"}


def test_with_conditions_makes_an_offer_conditional() -> None:
    assert _stances("Latvia is ready to discuss a contribution, but with conditions.") == {"LVA": "conditional"}


def test_shifting_the_burden_to_europe_is_distancing() -> None:
    out = _stances("Vance said that European nations must assume the overwhelming burden of providing guarantees.")
    assert out == {"USA": "distancing"}


def test_turning_down_an_offer_to_take_part_is_a_refusal() -> None:
    out = _stances("Meloni refused Macron's offer to participate in a contingent on Ukrainian territory.",
                   dt.date(2025, 3, 1))
    assert out["ITA"] == "refuses"


def test_support_for_others_after_a_refusal_does_not_make_it_conditional() -> None:
    out = extract_statements_rules('"We will not send Polish soldiers, but we will support countries that want to," '
                                   "Tusk assured.", published=MARCH_2025)
    assert ("POL", Stance.REFUSES) in {(s.actor, s.stance) for s in out}


def test_the_country_whose_involvement_is_needed_is_not_the_one_who_needs_it() -> None:
    out = _stances("Finland's defence minister hinted that Washington's involvement is crucial for Finnish "
                   "participation.")
    assert out == {"FIN": "conditional"}


def test_the_parties_whose_consent_is_needed_take_no_stance() -> None:
    assert _stances("Both Russia and Ukraine would have to consent to the deployment of foreign forces.") == {}


def test_names_that_jointly_modify_a_noun_are_no_actors() -> None:
    out = _stances("Several EU and NATO countries, such as Poland, have said that they cannot participate.")
    assert "EU" not in out and "NATO" not in out


def test_no_interest_in_taking_part_and_denied_reports_are_refusals() -> None:
    assert _stances("Mexico has shown no interest in participating in the force.") == {"MEX": "refuses"}
    assert _stances("Beijing denied the reports about sending Chinese peacekeepers.") == {"CHN": "refuses"}


def test_a_minimal_role_and_stopping_aid_are_distancing() -> None:
    assert _stances("The Pentagon said the United States will play a minimal role in the guarantees.") == {
        "USA": "distancing"}
    assert _stances("Washington would stop military aid for Ukraine.") == {"USA": "distancing"}


def test_only_natural_is_no_condition_and_not_rejecting_is_openness() -> None:
    assert _stances("It is only natural that Türkiye is ready to lead the naval mission.") == {"TUR": "willing"}
    assert _stances("Austria does not reject the deployment of its troops.") == {"AUT": "willing"}
    assert _stances("Austria is open to talks, but we are not going to make commitments yet.")["AUT"] == "hesitant"


def test_a_ukrainian_or_russian_official_named_without_a_cue_is_on_record_but_not_the_country_name() -> None:
    out = _stances("Zelensky attended the coalition meeting in Paris.")
    assert out == {"UKR": "neutral"}
    assert _stances("Britain's prime minister discussed peace for Ukraine.") == {"GBR": "neutral"}


def test_a_leaders_war_is_no_statement_of_his() -> None:
    text = 'Ten years after Putin\u2019s invasion, a framework takes shape, said Sánchez. "We should join," he said.'
    out = [(s.actor, s.sentence_index) for s in extract_statements_rules(text, published=MARCH_2025)]
    assert ("RUS", 1) not in out


def test_a_demonym_before_an_agency_or_an_involvement_holds_the_stance() -> None:
    assert _stances("The Russian intelligence agency described the plan as an occupation.") == {"RUS": "opposes"}
    assert _stances("Dutch involvement would hinge on a clear mandate.") == {"NLD": "conditional"}
