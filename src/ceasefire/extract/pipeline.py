"""Statements from text: who holds which stance, with the evidence sentence and the cue that decided it.

The pipeline, one pass per document:

1. split into sentences (datelines dropped, offsets kept);
2. find actor mentions with the actor table (names, demonyms, capitals, offices, groups, office holders);
3. decide for each mention whether it can hold a stance: a *target* follows a preposition or a transitive
   verb ("to Ukraine", "deter Russia", "told Starmer"), organisations that contain a country's name
   ("German Marshall Fund") are no mention at all, and a demonym counts only before a word for a government,
   an official or a force ("the French president", "German troops", not "German media");
4. find stance cues (``lexicon.CUES``) and give each to the nearest holder before it, its coordinated list
   ("France, Britain and the Baltic states") included; failing that to the speaker after a quotation
   ("..., Peskov said"), failing that to the actor a pronoun refers back to ("he", "the government");
5. a willing or committing cue in a clause with "if", "once", "unless" or "only" becomes ``conditional``;
   commitments, quantity and conditions come from the cue's clause;
6. the learned layer (``learn.py``) reads every actor the rules saw, with their verdicts as features, and decides
   who is on record and with which stance (``extract_statements_rules`` is the rules alone).

>>> [(s.actor, s.stance.value) for s in extract_statements("Italy ruled out sending troops to Ukraine.")]
[('ITA', 'refuses')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from ceasefire.domain import Condition, Stance
from ceasefire.extract.actors import Entry, Gazetteer, gazetteer
from ceasefire.extract.learn import (
    TOKEN,
    WORD_FEATURES,
    Candidate,
    LinearModel,
    StanceModel,
    candidates,
    feature_words,
    holder_features,
    load_model,
    stance_features,
)
from ceasefire.extract.lexicon import (
    CONCRETE_ASSET,
    CONCRETE_WOULD,
    CONDITIONS,
    CUES,
    FALLBACK,
    FALLBACK_OBJECT,
    FUTURE_PLEDGE,
    REPORTED_PAST,
    ROUTINE_AFTER,
    ROUTINE_MARKERS,
    STRONG_CONDITION,
    TIME_QUALIFIER,
    commitment_spans,
    cue_stance,
)
from ceasefire.extract.model import (
    CAPABILITY_OF,
    COMMITMENT_KINDS,
    EXTRACTOR_VERSION,
    RULES_VERSION,
    Quantity,
    Statement,
)
from ceasefire.extract.quantity import parse_quantities
from ceasefire.extract.text import Sentence, normalise, split_sentences


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words after a demonym or a possessive that make it a stance holder ("the French president").
_HOLDER_WORDS = _wordset("""
government governments official officials leader leaders leadership president presidency prime premier
chancellor minister ministers ministry secretary spokesman spokeswoman spokesperson diplomat diplomats ambassador
envoy counterpart counterparts troops soldiers forces army armies military militaries navy personnel contingent
contingents peacekeepers instructors side authorities administration cabinet parliament general generals commander
commanders chief chiefs head delegation negotiator negotiators jets warships frigates aircraft planes sources
officers participation contribution offer pledge proposal position plan decision readiness refusal commitment stance
representative representatives delegates lawmakers taoiseach state-secretary servicemen units brigade office
presidential ministerial foreign-minister defence-minister inclusion readiness willingness openness leadership
contributions focus involvement agency service services intelligence
""")
# After a possessive these nouns name the possessor's own stance ("welcomed Canada's readiness to ..."): the
# possessor holds it whatever verb stands before.
_STANCE_NOUNS = _wordset("""readiness willingness openness refusal decision offer pledge commitment contribution
contributions participation position plan plans role focus proposal opposition stance leadership support""")
_MILITARY_WORDS = _wordset("""troops soldiers forces army armies military militaries navy personnel contingent
contingents peacekeepers instructors jets warships frigates aircraft planes servicemen units brigade""")
# Words that may stand between a demonym and its head noun ("Italian Prime Minister", "British and French troops").
_FILLERS = _wordset("""and top senior former new defence defense foreign armed air deputy vice national security
federal interior finance economy outgoing incoming acting then current own special state the""")
# Nouns after a country or organisation name that make it a place or a thing, not a speaker.
_NAME_BLOCK = _wordset("""mandate mandated flag war conflict peace talks summit meeting meetings conference declaration
format process border borders frontier territory territories soil airspace membership accession sanctions invasion
aggression economy media press newspaper outlet news agency time citizens people public voters skies waters coast
region regions city cities backstop backing guarantee guarantees involvement participation cover umbrella crisis
question issue front frontline line aid-tracker recovery reconstruction contact tracker mission missions
peacekeeping operation operations framework charter allies ally members member countries nations partners""")
# Capitalised words of an organisation's name: a country inside such a name is no actor.
_ORG_HEADS = _wordset("""Institute Institution Fund Foundation University College School Centre Center Relations
Studies Endowment Forum Academy Society Museum Times Post Journal Telegraph Herald Tribune Independent Pravda
Review Magazine
Broadcasting Corporation Company Bank Airlines Agency Party Programme Program Tracker Group Initiative Project Press
News Network Media Radio Television TV Club Conference Summit Declaration Compact Format Council-on Observatory
Monitor Watch Service Services Fellow Chair Professor Analyst Analysts Economist Economics Affairs Policy Research
Network Partnership Alliance-for""")
_CONNECTORS = _wordset("of for the on and & de in")
# Words before a mention that make it the object, not the subject.
_TARGET_WORDS = _wordset("""to for in into on onto against with from toward towards at about over inside within across
between among amongst than like unlike versus vs via upon without near beyond around under behind during through
throughout outside alongside besides deter deterring deters defend defending defends protect protecting help helping
helped support supporting supported arm arming aid aiding attack attacked attacking invade invaded invading pressure
pressuring sanction sanctioned punish confront fight fighting fought told tell tells telling urged urge urges urging
asked asking ask thanked thank met meet meets meeting visited visit visits visiting called calling phoned hosted hosting
host welcomed train training trained equip equipping reassure reassuring guarantee guaranteeing back backing backed
secure securing give giving gave provide providing provided send sending sent deliver delivering supply supplying
accused accusing blamed blaming criticised criticized warned warning persuade convince involving join joining joined
lead leading led following leave leaving left entering enter entered
struck strike strikes hit hits shelled bombed targeted targeting""")
# Gerunds after which a name is still a subject: a list ("including Britain") or reported speech ("saying Italy ...").
_SUBJECT_GERUND = re.compile(r"(?:say|add|stress|not|argu|insist|claim|includ|suggest|emphasi[sz]|explain|stat|declar|"
                             r"confirm|announc|indicat|accord|reiterat|warn|underlin)ing$")
# Capitalised words before a country name that are no given name ("The Netherlands", "Meanwhile Britain").
_NOT_GIVEN = _wordset("""The A An And But Or In On At For From With By Of To As If When While After Before Since
Meanwhile However Both Neither Nor Also Only Even Yet So Then Now Still Eastern Western Northern Southern Central
New""")
_IN_PLACE = _wordset("officials sources diplomats authorities leaders officers ministers lawmakers politicians")
_BE_AUX = _wordset("is was were are be been being am")
_SKIP_BACK = _wordset("""the a an its their his her our any all some other fellow both each every more future possible
potential allied neighbouring neighboring own whole rest key major nuclear-armed""")
_REPORT = re.compile(r"\b(?:said|says|say|told|tells|added|adds|stated|states|insisted|insists|stressed|stresses|"
                     r"warned|warns|wrote|writes|tweeted|posted|declared|declares|noted|notes|explained|explains|"
                     r"argued|argues|according\s+to|announced|announces|confirmed|confirms|replied|asked|claimed|"
                     r"claims|reiterated|reiterates|suggested|suggests|indicated|indicates|emphasised|emphasized|"
                     r"underlined|acknowledged|admitted|answered|responded|commented|remarked|estimate|estimates|estimated|"
                     r"believe|believes|believed|think|thinks|thought|reckon|reckons|predicted|predict|predicts|"
                     r"found|find|finds|reported|reports|assured|assures|affirmed|affirms|asserted|asserts|clarified|clarifies)\b",
                     re.IGNORECASE)
_PRONOUN = re.compile(r"(?<![\w-])(?:he|she|they|we|I|it(?!\s+(?:is|was|remains|remained|seems|seemed|appears|"
                      r"appeared|'s|has\s+been|had\s+been|would\s+be|will\s+be|is\s+not|was\s+not))|his|her|their|our|the\s+(?:country|government|prime\s+"
                      r"minister|president|chancellor|minister|premier|leader|official|spokes\w+|administration|"
                      r"taoiseach|nation|kremlin\s+leader)|the\s+(?:[\w-]+\s+){0,4}?(?:member\s+state|member|state|country|ally|nation)"
                      r"(?=\s+(?:is|was|has|had|will|would|could|can|said|says|also|already|does|did)\b)|the\s+two\s+(?:leaders|countries|men|sides|governments)|"
                      r"both\s+(?:leaders|countries|men|governments)|(?:his|her|their|our)\s+(?:government|country|"
                      r"administration))(?![\w-])", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][\w'\-.À-ž]*|\d[\d,.]*|[^\sA-Za-z\d]")
_COORD_GAP = re.compile(r"^(?:\s|,|\band\b|\bor\b|&|\bas\s+well\s+as\b|\balong\s+with\b|\btogether\s+with\b|"
                        r"\bplus\b|\bthe\b|\bnor\b|\beither\b)*$",
                        re.IGNORECASE)
# A clause opened by one of these words states a condition; a cue inside it is the condition's content
# ("ready to send troops if the US provided a backstop": the US takes no stance here).
_CONDITION_OPENER = re.compile(r"\b(?:if|unless|once|provided|providing|as\s+long\s+as(?!\s+(?:it|necessary|needed)\b)|"
                               r"until|whether|in\s+case)\b",
                               re.IGNORECASE)
# Someone who is no actor speaking about an actor ("an analyst at ... said Britain could ...") is no evidence of
# that actor's stance.
_OPINION_VOICES = (r"analysts?|experts?|researchers?|fellow|professor|scholar|think[- ]tanks?|commentators?|"
                   r"academics?|economists?|historians?|observers|pollsters?")
_OPINION_BODIES = r"Institute|University|Centre|Center|Foundation|Endowment|Council\s+on"
_NON_ACTOR_SPEAKER = re.compile(rf"\b(?:{_OPINION_VOICES}|{_OPINION_BODIES}|Fund|diplomats?\s+(?:said|say)|media|"
                                r"newspaper|Times|Post|Journal|Reuters|Bloomberg|Politico|broadcaster|outlet|"
                                r"agency)\b", re.IGNORECASE)
# The opinion voices among them (no newspapers: their reports of a government's position are labelled as stated).
# (bodies only when capitalised: "the institute said" is rarely a think tank)
_ANALYST = re.compile(rf"\b(?:(?i:{_OPINION_VOICES})|{_OPINION_BODIES})\b")
# Plural agents named in reported speech ("Macron said several countries were ready"): the stance is theirs,
# not the speaker's, and they are no actor of ours.
_OTHER_AGENTS = re.compile(r"\b(?:countries|nations|states|allies|partners|members|europeans|others|leaders|"
                           r"governments|officials|diplomats|analysts|experts|capitals)\b",
                           re.IGNORECASE)
# After a name, what makes it the speaker of an inverted attribution ("..., said Peskov." / "said Peskov on Monday").
_AFTER_SPEAKER = re.compile(r"\s*(?:[,.;:!?\"')]|$|on\b|in\b|at\b|during\b|after\b|before\b|last\b|this\b|"
                            r"yesterday\b|today\b|earlier\b|later\b|according\b|adding\b|told\b|who\b)")
# A neutral statement is recorded only when the sentence is about the guarantee at all (not war news).
_ON_TOPIC = re.compile(r"\b(?:ceasefire|cease-fire|truce|peace\w*|coalition|guarantees?|backstop|reassurance|"
                       r"peacekeep\w*|deploy\w*|mission|contribut\w*|pledge\w*|"
                       r"commitment|support|aid|plan|proposal|talks|summit|deal|agreement|security|deterren\w*|"
                       r"mandate|sanctions|negotiat\w*|debate|discussion|position|prepar\w*|planning|participat\w*|involvement|"
                       r"inclusion|troops|soldiers|forces|meeting|military|defen[cs]e)\b",
                       re.IGNORECASE)
# "..., including the UK and France": a list of the members of the plural subject before it, not a speaker.
_MEMBER_LIST = re.compile(r"\b(?:including|such\s+as|among\s+them|notably|namely)\s+(?:the\s+)?$", re.IGNORECASE)
_ONLY_THE = re.compile(r"\s+(?:the\s+)?$", re.IGNORECASE)  # "Only the UK and France have ...": "only" picks the subject
# After a name, the thing a speaker needs from it ("Washington's involvement is crucial", "US security guarantee is
# essential"): the name is what is asked for, not who asks.
_DEMANDED_THING = re.compile(r"(?:'s?)?\s+(?:security\s+|military\s+)?(?:involvement|participation|support|backing|"
                             r"guarantees?|backstop|role|presence|help|commitment|cover)\b", re.IGNORECASE)
_ADJ_PAIR = re.compile(r"\s+(?:and|or)\s+$", re.IGNORECASE)
_PARTIES = frozenset({"UKR", "RUS"})
_CONSENT = re.compile(r"consent|agree|approv|accept", re.IGNORECASE)
_BY_AGENT = re.compile(r"\s*by\s+(?:the\s+)?", re.IGNORECASE)
_SINGULAR_PRONOUN = re.compile(r"(?:he|she|his|her)\b", re.IGNORECASE)
_PRONOUN_AFTER = re.compile(r"(?<=[,\"'] )(?:he|she|they|we|I)(?=\s+(?:said|told|added|says|stressed|insisted|noted|"
                            r"wrote|explained|emphasi[sz]ed)\b)")
_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she|they|we|I)\s+(?:said|told|added|says|stressed|insisted|noted|wrote)\b")
_TITLE_GAP = re.compile(r"^(?:'s)?(?:\s+[A-Z][\w.-]*){1,4}\s+$")
_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?$", re.IGNORECASE)
_TOPIC_ACTORS = frozenset({"UKR", "RUS", "UN"})
_MILITARY_STANCES = {Stance.OPPOSES, Stance.DEMANDS, Stance.DISTANCING}
_CONFIDENCE = {"subject": 0.8, "inside": 0.75, "speaker": 0.75, "pronoun": 0.6, "neutral": 0.5}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    kind: str
    actors: tuple[str, ...]
    holder: bool = True
    military: bool = False  # "German troops": the thing opposed or asked for, rarely the one opposing
    group: int = -1  # index of its coordinated list


@dataclass(slots=True)
class _Claim:
    actors: tuple[str, ...]
    stance: Stance
    cue: tuple[int, int] | None
    mention: Mention | None
    attribution: str
    window: tuple[int, int]
    pronoun: tuple[int, int] | None = None
    condition: Condition | None = None  # a condition the claim itself implies (over the sentence's keywords)
    confidence: float | None = None  # the learned layer's probability; None: the rules' fixed confidence


@dataclass(slots=True)
class _Context:
    """What a pronoun in the next sentence can refer to."""

    actors: tuple[str, ...] = ()
    mention: Mention | None = None
    hist: list[tuple[str, ...]] = field(default_factory=list)


def _words_after(norm: str, pos: int, limit: int, n: int = 6) -> list[str]:
    return _WORD.findall(norm, pos, min(len(norm), pos + 80))[:n] if pos < limit else []


def _head_follows(words: list[str]) -> tuple[bool, bool]:
    """(holder, military): do the words after a demonym reach a government/official/force noun?"""
    for i, w in enumerate(words[:5]):
        lw = w.lower()
        if lw in _HOLDER_WORDS:
            return True, lw in _MILITARY_WORDS
        if lw in _NAME_BLOCK:
            return False, False
        if (w[:1].isupper() and w.isalpha()) or lw in _FILLERS:
            continue
        if i > 0 and w == "-":
            continue
        return False, False
    return False, False


def _in_org_name(norm: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Is the name part of a capitalised organisation name such as "German Marshall Fund of the United States"?"""
    right = _WORD.findall(norm, end, min(hi, end + 60))[:6]
    for w in right:
        if w in _ORG_HEADS:
            return True
        if not (w[:1].isupper() or w in _CONNECTORS):
            break
    left = _WORD.findall(norm, max(lo, start - 60), start)[-6:]
    for w in reversed(left):
        if w in _ORG_HEADS:
            return True
        if not (w[:1].isupper() or w in _CONNECTORS):
            break
    return False


def _role_from_left(norm: str, start: int, lo: int) -> bool:
    """True if the words before a mention leave it the subject (or the agent after "by")."""
    words = _WORD.findall(norm, max(lo, start - 90), start)
    # Inside a relative clause (", which borders Ukraine,") a name is no subject.
    for w in reversed(words):
        if w in (",", ";", "(", '"'):
            break
        if w.lower() in ("which", "who", "whose", "whom", "where"):
            return False
    i = len(words) - 1
    while i >= 0:
        w = words[i]
        lw = w.lower()
        if lw in _SKIP_BACK or lw in ("'s", "s") or w[:1].isdigit() or (w[:1].isupper() and w.isalpha() and i > 0):
            i -= 1
            continue
        if w in ("'", '"') or lw.endswith("-strong"):
            i -= 1
            continue
        if lw == "to" and i > 0 and words[i - 1].lower() == "up":
            i -= 2  # "up to 97 NZDF personnel": a quantity, not a preposition
            continue
        break
    if i < 0:
        return True
    lw = words[i].lower()
    if lw == "to" and i > 0 and words[i - 1].lower() == "according":
        return True
    if lw == "with" and i > 0 and words[i - 1].lower() in ("along", "together"):
        return True  # "Sweden, along with Latvia, has joined": a co-subject
    if lw == "in" and i > 0 and words[i - 1].lower() in _IN_PLACE:
        return True  # "officials in Berlin": the capital speaks
    if lw == "by" and i > 0 and words[i - 1].lower().endswith("ed"):
        # "was rejected by Moscow": the agent holds the stance; "a coalition led by Britain": it does not
        return i > 1 and (words[i - 2].lower() in _BE_AUX or words[i - 2].lower() == "as")
    if lw in ("of", "for", "from"):
        j = i - 1
        while j >= 0 and words[j].lower() in _SKIP_BACK:
            j -= 1
        return j >= 0 and words[j].lower() in _HOLDER_WORDS
    if lw.endswith("ing") and len(lw) > 5 and words[i].islower() and not _SUBJECT_GERUND.match(lw):
        return False  # the object of a gerund: "representing the Nordic countries", "pressuring Moscow"
    return lw not in _TARGET_WORDS and not (lw.endswith("s") and lw[:-1] in _TARGET_WORDS)


def _mentions(norm: str, sent: Sentence, found: list[tuple[int, int, Entry, tuple[str, ...]]]) -> list[Mention]:
    """``found``: the sentence's names with the actors each stands for on the article's date (``_actors_of``)."""
    out: list[Mention] = []
    lo, hi = sent.start, sent.end
    for k, (start, end, entry, actors) in enumerate(found):
        if k + 1 < len(found) and _ADJ_PAIR.match(norm, end, found[k + 1][0]) and (
                _words_after(norm, found[k + 1][1], hi, 1) or [""])[0].lower() in _NAME_BLOCK:
            continue  # "EU and NATO countries": both names modify the noun after them
        kind = entry.kind
        if kind != "person" and _in_org_name(norm, start, end, lo, hi):
            continue
        nxt = _words_after(norm, end, hi)
        possessive = norm.startswith("'s", end) or (norm.startswith("' ", end) and norm[end - 1] == "s")
        military = False
        if kind == "demonym":
            ok, military = _head_follows(nxt)
            if not ok:
                continue
        elif kind in ("name", "org", "capital"):
            before = _WORD.findall(norm, max(lo, start - 40), start)[-2:]
            if (len(before) == 2 and before[1][:1].isupper() and before[1].isalpha() and before[1] not in _NOT_GIVEN
                    and (before[0][:1].isupper() or before[0] in (",", "by"))):
                continue  # a surname after a given name and a title ("Prime Minister Luis Montenegro")
            if possessive:
                owned = [w for w in nxt if w not in ("'", "s", "'s")]
                ok, military = _head_follows(owned)
                if not ok and not any(w.lower() in _STANCE_NOUNS for w in owned[:3]):
                    continue
            elif (nxt and nxt[0].lower() in _NAME_BLOCK) or (
                    kind == "capital" and not (nxt and (nxt[0][:1].islower() or nxt[0] in (",", "'s")))):
                continue
            elif nxt and nxt[0].lower() in _MILITARY_WORDS:
                military = True
        elif kind == "person" and possessive and any(w.lower() in ("war", "invasion", "regime", "aggression")
                                                     for w in nxt[:4]):
            continue  # "Putin's invasion": the war, not a statement
        if not actors:
            continue
        m = Mention(start, end, kind, actors, military=military)
        m.holder = _role_from_left(norm, start, lo) or (
            possessive and any(w.lower() in _STANCE_NOUNS for w in nxt[:4] if w not in ("'", "s", "'s")))
        out.append(m)
    # Coordinated lists share the role of their first member ("to Ukraine and Moldova", "France and Britain").
    group = -1
    prev: Mention | None = None
    for m in out:
        gap = norm[prev.end:m.start] if prev is not None else ""
        if prev is not None and prev.kind in ("demonym", "name") and m.kind == "person" \
                and set(prev.actors) == set(m.actors) and _TITLE_GAP.match(gap):
            # "Ukrainian President Volodymyr Zelensky", "Canada's Prime Minister Mark Carney": one speaker
            m.group, m.holder = prev.group, prev.holder
        elif prev is not None and _COORD_GAP.match(gap) is not None and not (
                "," in gap and not prev.holder and _own_clause(norm, m)):
            m.group = prev.group
            m.holder = out[_first_of(out, m.group)].holder
        else:
            group += 1
            m.group = group
        prev = m
    # "with France, Britain and Canada ready to station troops": the list is the subject of its own predicate.
    last: dict[int, Mention] = {m.group: m for m in out}
    for g, m in last.items():
        first = out[_first_of(out, g)]
        if not first.holder and _WITH_BEFORE.search(norm, max(lo, first.start - 12), first.start) \
                and _OWN_PREDICATE.match(norm, m.end):
            for x in out:
                if x.group == g:
                    x.holder = True
    return out


# What makes a name the subject of its own small clause: a predicate right after it ("with France and Britain ready
# to send troops", "..., and Italy ruling out ...") or a report verb ("..., Pistorius said").
_OWN_PREDICATE = re.compile(r"[\"']?\s*(?:(?:is|are|was|were|now|already|also|still|both)\s+)?"
                            r"(?:ready|willing|prepared|open|keen|eager|poised|set\s+to|participating|contributing|ruling|refusing|declining|"
                            r"offering|pledging|sending|providing|joining|deploying|committing|opting|preferring)\b",
                            re.IGNORECASE)


def _own_clause(norm: str, m: Mention) -> bool:
    return (_OWN_PREDICATE.match(norm, m.end) is not None
            or _REPORT.match(norm, m.end + 1) is not None)


def _first_of(ms: list[Mention], group: int) -> int:
    return next(i for i, m in enumerate(ms) if m.group == group)


def _group_start(ms: list[Mention], m: Mention) -> int:
    """Where the coordinated list of ``m`` begins ("the UK and France": at "UK")."""
    return min((x.start for x in ms if x.group == m.group), default=m.start)


def _group_actors(ms: list[Mention], group: int) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for m in ms:
        if m.group == group:
            for a in m.actors:
                seen.setdefault(a, None)
    return tuple(seen)


def _speaker_after(norm: str, ms: list[Mention], pos: int, sent: Sentence) -> Mention | None:
    # First the mention right next to a report verb ('..., Starmer said' / 'said Peskov'), then any near one.
    for m in ms:
        if m.start < pos or m.military or not m.holder:
            continue
        if _REPORT.match(norm, m.end + 1) or _REPORT.search(norm, max(sent.start, m.start - 12), m.start):
            return m
    for m in ms:
        if m.start < pos or m.military or not m.holder:
            continue
        window = norm[max(sent.start, m.start - 30):min(sent.end, m.end + 30)]
        if _REPORT.search(window):
            return m
    return None


@dataclass(slots=True)
class SentenceAnalysis:
    """What the rules saw in one sentence: its actor mentions, the claims they made, and the pronoun context.

    The learned layer (``ceasefire.extract.learn``) reads these to decide who holds a stance and which one.
    """

    sentence: Sentence
    mentions: list[Mention]
    claims: list[_Claim]
    context: tuple[str, ...]  # the actors a pronoun in this sentence refers back to
    named: list[tuple[int, int, tuple[str, ...]]]  # every name found, holder or not: (start, end, actors)
    pronoun: tuple[int, int] | None = None  # the first pronoun that may refer back to ``context``
    on_topic: bool = True  # the sentence is about the guarantee, not only war news
    non_actor_speaker: int | None = None  # where an analyst, a newspaper ... is named, if one is
    analyst: bool = False  # an analyst or a think tank speaks in the sentence


def analyse(text: str, *, published: dt.date | None = None) -> tuple[str, list[SentenceAnalysis]]:
    """The rules' reading of ``text``: the normalised text and one analysis per sentence."""
    if not text or not text.strip():
        return "", []
    norm = normalise(text)
    gaz: Gazetteer = gazetteer()
    sentences = split_sentences(text)
    found = gaz.finditer(norm)
    cues = [(m.start(), m.end(), cue_stance(m)) for m in CUES.finditer(norm)]
    out: list[SentenceAnalysis] = []
    ctx = _Context()
    fi = ci = 0
    for sent in sentences:
        while fi < len(found) and found[fi][0] < sent.start:
            fi += 1
        fj = fi
        while fj < len(found) and found[fj][1] <= sent.end:
            fj += 1
        while ci < len(cues) and cues[ci][0] < sent.start:
            ci += 1
        cj = ci
        while cj < len(cues) and cues[cj][1] <= sent.end:
            cj += 1
        resolved = [(a, b, e, _actors_of(norm, a, e, published, sent.start)) for a, b, e in found[fi:fj]]
        ms = _mentions(norm, sent, resolved)
        sent_cues = cues[ci:cj] + _fallback_cues(norm, sent, cues[ci:cj])
        sent_cues.sort()
        context_before = ctx.actors  # what a pronoun here refers to, before this sentence updates it
        claims = _claims(norm, sent, ms, sent_cues, ctx, [(a, acts) for a, _, _, acts in resolved])
        pron = _PRONOUN.search(norm, sent.start, sent.end)
        other = _NON_ACTOR_SPEAKER.search(norm, sent.start, sent.end)
        out.append(SentenceAnalysis(sent, ms, claims, context_before, [
            (a, b, acts) for a, b, e, acts in resolved  # a name inside an organisation's name is no candidate
            if e.kind == "person" or not _in_org_name(norm, a, b, sent.start, sent.end)],
            pronoun=(pron.start(), pron.end()) if pron else None,
            on_topic=_ON_TOPIC.search(norm, sent.start, sent.end) is not None,
            non_actor_speaker=other.start() if other else None,
            analyst=_analyst_speaks(norm, sent.start, sent.end)))
        _update_context(ctx, ms, claims)
        fi, ci = fj, cj
    return norm, out


_TITLE_STOP = re.compile(r"[,;:.!?()\"]")


def _title_before(norm: str, start: int, lo: int) -> str:
    """The words before a person's name in its own phrase ("NATO Secretary General" before "Jens Stoltenberg")."""
    before = norm[max(lo, start - 60):start]
    stops = list(_TITLE_STOP.finditer(before))
    phrase = before[stops[-1].end():] if stops else before
    return " ".join(re.split(r"\s+(?:and|or|with)\s+", phrase)[-1].split()[-5:])  # not an earlier name's title


def _actors_of(norm: str, start: int, entry: Entry, day: dt.date | None, lo: int) -> tuple[str, ...]:
    return entry.actors_on(day, _title_before(norm, start, lo) if entry.terms else "")


def _analyst_speaks(norm: str, lo: int, hi: int) -> bool:
    """Is the speaker of the sentence an analyst or a think tank ("analysts at X said", "..., said N of the Y
    Institute")? The labelling rules (``benchmarks/data/README.md``) give such sentences no actor."""
    for m in _ANALYST.finditer(norm, lo, hi):
        if _REPORT.search(norm, m.end(), min(hi, m.end() + 60)) or _REPORT.search(norm, max(lo, m.start() - 60),
                                                                                    m.start()):
            return True
    return False


def extract_statements_rules(text: str, *, published: dt.date | None = None) -> list[Statement]:
    """The rules alone, without the learned layer (kept to measure what the learned layer adds)."""
    norm, analyses = analyse(text, published=published)
    out: list[Statement] = []
    for a in analyses:
        out.extend(_statements(text, norm, a.sentence, a.claims, published, RULES_VERSION))
    return out


def _fallback_cues(norm: str, sent: Sentence, cues: list[tuple[int, int, Stance]]) -> list[tuple[int, int, Stance]]:
    """Modal + verb + a commitment word, where no lexicon cue stands in that verb phrase."""
    out = []
    for fm in FALLBACK.finditer(norm, sent.start, sent.end):
        if any(cs < fm.end() + 60 and ce > fm.start() for cs, ce, _ in cues):
            continue
        if not FALLBACK_OBJECT.search(norm, fm.end(), min(sent.end, fm.end() + 80)):
            continue
        modal = fm.group("modal").lower()
        out.append((fm.start(), fm.end(), Stance.COMMITS if modal in ("will", "shall") else Stance.WILLING))
    return out


_CLAUSE_CONDITION = re.compile(r"only\b|provided\b|providing\b|as\s+long\s+as|unless\b|on\s+(?:the\s+)?condition|"
                               r"subject\s+to|depend|hing|conditional|contingent|involvement|participation|support|"
                               r"backing|backstop|guarantee|cover|without\b", re.IGNORECASE)
_YES_NO_QUESTION = re.compile(r"\s*[\"']?(?:will|would|could|can|should|shall|is|are|does|do|did|has|have|may|might)"
                              r"\b[^?]*\?\s*[\"']?\s*$", re.IGNORECASE)
_NEITHER = re.compile(r"\bneither\b", re.IGNORECASE)


def _in_condition(norm: str, lo: int, pos: int) -> bool:
    """Is ``pos`` inside a clause opened by "if", "unless", "once" ...? ("if the US provided a backstop": the US is
    the condition's content.) The clause ends at a comma or semicolon ("If a ceasefire holds, Britain will ...")."""
    openers = list(_CONDITION_OPENER.finditer(norm, lo, pos))
    last = openers[-1] if openers else None
    return last is not None and not any(ch in norm[last.end():pos] for ch in ",;")


def _claims(norm: str, sent: Sentence, ms: list[Mention], cues: list[tuple[int, int, Stance]],
            ctx: _Context, named: list[tuple[int, tuple[str, ...]]] | None = None) -> list[_Claim]:
    """``named``: every name found in the sentence (position, actors), holder or not."""
    named = named or []
    holders = [m for m in ms if m.holder]
    claims: list[_Claim] = []
    reported_others = False  # the speaker reported what other agents do: the speaker is on record, neutrally
    if _YES_NO_QUESTION.match(norm, sent.start, sent.end):
        return claims  # "Will Britain send troops?" asks; it states no stance
    for k, (cs, ce, stance) in enumerate(cues):
        lo = cues[k - 1][1] if k > 0 else sent.start
        hi = cues[k + 1][0] if k + 1 < len(cues) else sent.end
        # A mention inside an earlier cue ("no European or NATO soldiers") belongs to that cue.
        usable = [m for m in holders if not (m.military and stance in _MILITARY_STANCES)
                  and not any(ps <= m.start < pe for ps, pe, _ in cues[:k])]
        before = [m for m in usable if m.end <= cs and not (
            stance in (Stance.CONDITIONAL, Stance.DEMANDS) and _DEMANDED_THING.match(norm, m.end)
            and (any(x.end <= m.start for x in usable) or _PRONOUN.search(norm, sent.start, m.start)))]
        # (the involvement of the first one named, with no speaker before it, is its own)
        inside = [m for m in usable if cs <= m.start < ce]
        chosen: Mention | None = None
        how = ""
        by = _BY_AGENT.match(norm, ce)
        agent = next((m for m in usable if by is not None and m.start == by.end()), None)
        if agent is not None:
            chosen, how = agent, "inside"  # "as proposed by Britain": the passive agent holds the stance
        elif before:
            chosen, how = before[-1], "subject"
        elif inside:
            chosen, how = inside[0], "inside"
        else:
            sp = _speaker_after(norm, ms, ce, sent)
            if (sp is not None and stance is not Stance.DEMANDS and _OTHER_AGENTS.search(norm, sent.start, cs)
                    and not _PRONOUN.search(norm, sent.start, cs)
                    and not _MEMBER_LIST.search(norm, max(sent.start, _group_start(ms, sp) - 30),
                                                _group_start(ms, sp))):
                # "Twenty-six nations have pledged ..., Macron said": the speaker reports others' stance
                reported_others = True
                continue
            if sp is not None:
                chosen, how = sp, "speaker"
        if (stance is Stance.CONDITIONAL and claims and claims[-1].cue is not None
                and _CLAUSE_CONDITION.match(norm, cs)):
            # "ready to send troops ..., but only if ...": the condition qualifies the claim before it
            if claims[-1].stance in (Stance.WILLING, Stance.COMMITS, Stance.REFUSES):
                claims[-1].stance = Stance.CONDITIONAL
            claims[-1].window = (claims[-1].window[0], hi)
            continue
        if (chosen is not None and stance is Stance.CONDITIONAL and set(chosen.actors) <= _PARTIES
                and _CONSENT.search(norm, cs, ce)):
            continue  # "Russia and Ukraine would have to consent": the parties' consent is the condition's content
        if chosen is not None and how == "subject":
            if _in_condition(norm, sent.start, chosen.start) or (
                    stance is not Stance.CONDITIONAL and _in_condition(norm, sent.start, cs)):
                continue  # the cue states the condition's content ("..., provided the US backs the force")
            who = _NON_ACTOR_SPEAKER.search(norm, sent.start, chosen.start)
            said = _REPORT.search(norm, who.end(), chosen.start) if who is not None else None
            if said is not None and not any(who.end() <= m.start < said.start() for m in holders):
                continue  # the one speaking is no actor (an analyst, a newspaper), not the actor named after
            reports = list(_REPORT.finditer(norm, chosen.end, cs))
            if (stance is not Stance.DEMANDS and reports and _OTHER_AGENTS.search(norm, reports[-1].end(), cs)
                    and not _PRONOUN.search(norm, reports[-1].end(), cs)
                    and not any(set(acts) & set(chosen.actors) for pos, acts in named
                                if reports[-1].end() <= pos < cs)):
                # (unless the speaker's own country is named there: "any German deployment would require ...")
                reported_others = True
                continue
        if chosen is not None:
            actors = _group_actors(ms, chosen.group) if chosen.holder else chosen.actors
            # The cue's clause: from its subject, unless another cue stands between them (a second verb phrase of
            # the same subject: "will not send soldiers but will provide logistics" -> logistics only).
            window = (min(lo, chosen.start) if how == "subject" and not (k > 0 and cues[k - 1][0] > chosen.start)
                      else (cs if k > 0 and how == "subject" else lo), hi)
            claims.append(_Claim(actors, stance, (cs, ce), chosen, how, window))
            continue
        p = _PRONOUN.search(norm, sent.start, cs)
        if p is None:
            # '"... will continue to train soldiers," she said': the pronoun speaks after the quotation
            p = _PRONOUN_AFTER.search(norm, ce, sent.end)
        if p is not None:
            # "he", "his country" after a person named earlier in the same sentence ("He criticised Croatian Prime
            # Minister Plenkovic's ..., saying his country ...") refer to that person before the previous sentence
            same = [m for m in ms if m.end <= p.start() and not m.military and (
                m.kind == "person" or (m.kind == "demonym" and not m.holder))] \
                if _SINGULAR_PRONOUN.match(norm, p.start()) else []
            if same:
                claims.append(_Claim(same[-1].actors, stance, (cs, ce), same[-1], "pronoun", (lo, hi),
                                     pronoun=(p.start(), p.end())))
            elif ctx.actors:
                claims.append(_Claim(ctx.actors, stance, (cs, ce), ctx.mention, "pronoun", (lo, hi),
                                     pronoun=(p.start(), p.end())))
    if not claims and (reported_others or _ON_TOPIC.search(norm, sent.start, sent.end)):
        # No stance taken: an actor who speaks is on the record, neutrally ("X said ...", "..., said X.").
        speaker_by_analyst = _NON_ACTOR_SPEAKER.search(norm, sent.start, sent.end)
        for m in holders:
            if m.military or (speaker_by_analyst is not None and speaker_by_analyst.start() < m.start):
                continue
            after = _REPORT.match(norm, m.end + 1) if m.end + 1 < sent.end else None
            if after is None:
                after = _REPORT.search(norm, m.end, min(sent.end, m.end + 40))
                if after is not None and (norm.count(",", m.end, after.start()) == 0 and
                                          len(_WORD.findall(norm, m.end, after.start())) > 4):
                    after = None
            before = _REPORT.search(norm, max(sent.start, m.start - 12), m.start)
            inverted = before is not None and _AFTER_SPEAKER.match(norm, m.end) is not None
            if after is not None or inverted:
                claims.append(_Claim(_group_actors(ms, m.group), Stance.NEUTRAL, None, m, "neutral",
                                     (sent.start, sent.end)))
                break
        else:
            p = _PRONOUN_SPEAKER.search(norm, sent.start, sent.end)
            if p is not None and ctx.actors and not holders:
                first = p.start() + len(p.group(0).split()[0])
                claims.append(_Claim(ctx.actors, Stance.NEUTRAL, None, ctx.mention, "pronoun",
                                     (sent.start, sent.end), pronoun=(p.start(), first)))
    if _ON_TOPIC.search(norm, sent.start, sent.end) and not _NON_ACTOR_SPEAKER.search(norm, sent.start, sent.end):
        # An actor named as a holder with no cue of its own is still on the record in a sentence about the
        # guarantee ("Key participants included Starmer and Rutte"): neutral, so the reviewer sees it.
        claimed = {a for c in claims for a in c.actors}
        for m in holders:
            # Ukraine and Russia are mostly the recipient and the adversary, the UN mostly a mandate's source:
            # named without a cue they are the topic, not a holder.
            if m.military or set(m.actors) <= claimed or (set(m.actors) & _TOPIC_ACTORS and m.kind not in (
                    "person", "office")) or _in_condition(
                    norm, sent.start, m.start) or (_DEMANDED_THING.match(norm, m.end) and m.start > sent.start + 4):
                continue  # ("... crucial is Washington's involvement": what is asked for, not who asks)
            acts = _group_actors(ms, m.group)
            claimed.update(acts)
            claims.append(_Claim(acts, Stance.NEUTRAL, None, m, "neutral", (sent.start, sent.end)))
    for c in claims:
        if c.mention is not None and c.attribution == "subject" and _NEITHER.search(
                norm, max(sent.start, c.mention.start - 40), c.mention.start):
            # "Neither Spain nor Portugal has committed troops": the list is negated
            c.stance = {Stance.COMMITS: Stance.HESITANT, Stance.WILLING: Stance.REFUSES}.get(c.stance, c.stance)
            continue
        if (c.stance is Stance.WILLING and c.cue is not None and CONCRETE_WOULD.match(norm, c.cue[0])
                and REPORTED_PAST.search(norm, sent.start, c.cue[0])):
            c.stance = Stance.COMMITS
        if (c.stance is Stance.COMMITS and c.cue is not None and FUTURE_PLEDGE.match(norm, c.cue[0])
                and not CONCRETE_ASSET.search(norm, c.cue[0], min(c.window[1], c.cue[1] + 90))):
            # "will play a leading role", "will contribute to the efforts": a promise without a force, a sum or
            # equipment named is willingness, not a commitment
            c.stance = Stance.WILLING
        if c.stance is Stance.OPPOSES and any(
                m.military and set(m.actors) & set(c.actors) and c.window[0] <= m.start < c.window[1] for m in ms):
            c.stance = Stance.REFUSES  # opposing sending one's own troops is refusing to send them
        if (c.stance is Stance.REFUSES and c.cue is not None
                and TIME_QUALIFIER.search(norm, c.cue[0], c.window[1])):
            c.stance = Stance.HESITANT
        if c.stance in (Stance.WILLING, Stance.COMMITS, Stance.REFUSES) and c.cue is not None:
            clause = norm[c.window[0]:c.window[1]]
            subject_at = (_group_start(ms, c.mention) - c.window[0]
                          if c.mention is not None and c.attribution == "subject" else 0)
            strong = next((m for m in STRONG_CONDITION.finditer(clause)
                           if not (m.group(0).lower() in ROUTINE_MARKERS and ROUTINE_AFTER.match(clause, m.end()))
                           and not (m.group(0).lower() == "only" and m.start() < subject_at
                                    and _ONLY_THE.match(clause, m.end(), subject_at))), None)
            if strong and (c.stance is not Stance.REFUSES or strong.group(0).lower() in (
                    "unless", "as long as", "until", "only")):
                c.stance = Stance.CONDITIONAL
    return _merge_no_troops_but(norm, claims)


_BUT = re.compile(r"\b(?:but|while|though|although|however|instead|yet)\b", re.IGNORECASE)


def _merge_no_troops_but(norm: str, claims: list[_Claim]) -> list[_Claim]:
    """"will not send troops, but is ready to help at sea": one combined stance of the actor, conditional on staying
    out of Ukraine (the development sets' convention: one label per actor, the combined reading). The reverse order
    ("ready to help, but will not send soldiers") keeps both statements: the refusal is the message."""
    out: list[_Claim] = []
    closed: list[_Claim] = []  # refusals whose next statement was no offer of the actor's own
    for c in claims:
        prev = next((r for r in out if r.stance is Stance.REFUSES and r.actors == c.actors and r.cue and c.cue
                     and r.cue[1] <= c.cue[0] and _BUT.search(norm, r.cue[1], c.cue[0])
                     and not any(r is x for x in closed)), None)
        if prev is not None and c.stance in (Stance.WILLING, Stance.COMMITS) and c.cue is not None and not (
                _OTHER_AGENTS.search(norm, c.cue[1], c.cue[1] + 30)):
            prev.stance, prev.condition = Stance.CONDITIONAL, Condition.NO_TROOPS_IN_UKRAINE
            prev.window = (prev.window[0], max(prev.window[1], c.window[1]))
            continue
        if prev is not None:
            closed.append(prev)  # "but we will support countries that ...": support for others, no offer
        out.append(c)
    return out


def _statements(text: str, norm: str, sent: Sentence, claims: list[_Claim],
                published: dt.date | None, extractor: str = EXTRACTOR_VERSION) -> list[Statement]:
    out: list[Statement] = []
    seen: set[tuple[str, Stance]] = set()
    sent_text = norm[sent.start:sent.end]
    conditions: list[tuple[int, int, Condition]] = []
    for cond, rx in CONDITIONS:
        m = rx.search(sent_text)
        if m:
            conditions.append((sent.start + m.start(), sent.start + m.end(), cond))
    conditions.sort()
    spans = commitment_spans(sent_text, sent.start) if claims else []
    sent_quantities: list[Quantity] | None = None
    for c in claims:
        wlo, whi = c.window
        clause = norm[wlo:whi]
        kinds = {k for pos, k in spans if wlo <= pos < whi}
        if not kinds and c.stance is not Stance.NEUTRAL:
            kinds = {k for _, k in spans}
        commitments = [k for k in COMMITMENT_KINDS if k in kinds]
        capability = next((CAPABILITY_OF[k] for k in commitments if k in CAPABILITY_OF), None)
        quantities = parse_quantities(clause, wlo)
        if not quantities:
            if sent_quantities is None:  # the sentence's, parsed once however many claims fall back to it
                sent_quantities = parse_quantities(sent_text, sent.start)
            quantities = sent_quantities
        if c.pronoun is not None:
            ms, me, mention_text = c.pronoun[0], c.pronoun[1], text[c.pronoun[0]:c.pronoun[1]]
        else:
            assert c.mention is not None
            ms, me, mention_text = c.mention.start, c.mention.end, text[c.mention.start:c.mention.end]
        cond_list = list(dict.fromkeys(([c.condition] if c.condition else []) + [cd for _, _, cd in conditions]))
        for actor in c.actors:
            if (actor, c.stance) in seen:
                continue
            seen.add((actor, c.stance))
            out.append(Statement(
                actor=actor, stance=c.stance, commitments=commitments, capability=capability,
                quantity=quantities[0] if quantities else None,
                condition=cond_list[0] if cond_list else None, conditions=cond_list,
                condition_text=(text[c.cue[0]:c.cue[1]] if c.condition and c.cue else
                                text[conditions[0][0]:conditions[0][1]] if conditions else None),
                quote=sent.text, cue=text[c.cue[0]:c.cue[1]] if c.cue else None,
                start=sent.start, end=sent.end, cue_start=c.cue[0] if c.cue else None,
                cue_end=c.cue[1] if c.cue else None, mention=mention_text, mention_start=ms, mention_end=me,
                attribution=c.attribution, sentence_index=sent.index,
                confidence=round(c.confidence, 3) if c.confidence is not None else _CONFIDENCE[c.attribution],
                published=published, extractor=extractor))
    return out


def _update_context(ctx: _Context, ms: list[Mention], claims: list[_Claim]) -> None:
    named = [c for c in claims if c.attribution != "pronoun" and c.mention is not None]
    if named:
        ctx.actors, ctx.mention = named[0].actors, named[0].mention
        return
    holders = [m for m in ms if m.holder and not m.military]
    if holders:
        ctx.actors, ctx.mention = _group_actors(ms, holders[0].group), holders[0]


def extract_statements(text: str, *, published: dt.date | None = None) -> list[Statement]:
    """Propose statements for every actor that takes a stance in ``text``.

    Deterministic and offline: the same text and date give the same statements. ``published`` picks the
    office holder a name refers to (Rutte is the Netherlands before October 2024, NATO after). The rules read the
    text; the shipped learned layer (``learn.py``) then decides who holds a stance and which one: one statement
    per actor and sentence, and a second where the rules found another stance of it across a "but".
    """
    model = load_model()
    if model is None:
        return extract_statements_rules(text, published=published)
    norm, analyses = analyse(text, published=published)
    out: list[Statement] = []
    for a in analyses:
        out.extend(_statements(text, norm, a.sentence, _learned_claims(norm, a, model), published))
    return out


def _learned_claims(norm: str, a: SentenceAnalysis, model: StanceModel) -> list[_Claim]:
    s = a.sentence
    cands = candidates(a)
    out: list[_Claim] = []
    for c in cands:
        held = model.holder.probabilities(holder_features(norm, a, c, len(cands)))[1]
        if held <= model.threshold:
            continue
        feats = stance_features(norm, a, c)
        probs = model.stance.probabilities(feats)
        k = max(range(len(probs)), key=probs.__getitem__)
        stance = Stance(model.stance.classes[k])
        same = next((cl for cl in c.claims if cl.stance is stance), None)
        # A second stance the rules found across a "but" ("will send instructors but will not deploy combat troops")
        # stays beside the learned one, with the learned probability of that stance.
        classes = model.stance.classes
        out.extend(replace(cl, actors=(c.actor,), mention=_own_mention(c, cl.mention), confidence=held * (
            probs[classes.index(cl.stance.value)] if cl.stance.value in classes else 0.0))
                   for cl in _second_stances(norm, c.claims, stance))
        if same is not None:  # a rule found this stance: its cue, mention and clause are the evidence
            out.append(replace(same, actors=(c.actor,), mention=_own_mention(c, same.mention),
                               confidence=held * probs[k]))
            continue
        src = c.claims[0] if c.claims else None
        mention = _own_mention(c, src.mention if src is not None else (c.mentions[0] if c.mentions else None))
        pronoun = src.pronoun if src is not None else None
        if mention is None and pronoun is None:
            if c.named_at:
                start, end = c.named_at[0]
                mention = Mention(start, end, "name", (c.actor,), holder=False)
            elif a.pronoun is not None:
                pronoun = a.pronoun
            else:
                continue
        window = src.window if src is not None else (s.start, s.end)
        cue = _learned_cue(norm, window, model.stance, feats, k, [(a0, a1) for a0, a1, _ in a.named])
        attribution = src.attribution if src is not None else ("pronoun" if pronoun is not None else "learned")
        out.append(_Claim((c.actor,), stance, cue, mention, attribution, window, pronoun=pronoun,
                          confidence=held * probs[k]))
    return out


def _second_stances(norm: str, claims: list[_Claim], stance: Stance) -> list[_Claim]:
    """Rule claims of one actor that stand after or before a contrast ("but", "while") from a rule claim of the
    chosen ``stance``, with a cue and a stance of their own: two things the actor said, not two readings of one."""
    out: list[_Claim] = []
    cued = sorted((cl for cl in claims if cl.cue is not None), key=lambda cl: cl.cue[0])  # type: ignore[index]
    for a, b in pairwise(cued):
        assert a.cue is not None and b.cue is not None
        if a.stance is b.stance or not _BUT.search(norm, a.cue[1], b.cue[0]):
            continue
        other = b if a.stance is stance else a if b.stance is stance else None
        if other is not None and not any(other is x for x in out):
            out.append(other)
    return out


def _own_mention(c: Candidate, mention: Mention | None) -> Mention | None:
    """The candidate's own mention where a claim of its coordinated list points at another member's name."""
    if mention is None or c.actor in mention.actors:
        return mention
    return next((m for m in c.mentions if c.actor in m.actors), mention)


def _learned_cue(norm: str, window: tuple[int, int], model: LinearModel, feats: list[str],
                 k: int, names: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The words of the feature that weighed most for the chosen stance, found in the clause (never an actor's
    name: a name is no evidence of a stance)."""
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in TOKEN.finditer(norm, *window)]
    # a name's words match nothing, so a cue neither is a name nor spans one
    words = [None if any(n0 <= t0 < n1 for n0, n1 in names) else w for w, t0, _ in tokens]
    for name in model.ranked([f for f in feats if f.startswith(WORD_FEATURES)], k):
        want = feature_words(name)
        n = len(want)
        for i in range(len(words) - n + 1):
            if words[i:i + n] == want:
                return tokens[i][1], tokens[i + n - 1][2]
    return None


