"""The words that decide a stance, a commitment and a condition.

Cues are tried left to right through the sentence; at one position the first pattern in ``_CUES`` that
matches wins, so negated and longer forms come before the plain ones: "did not rule out" (willing) before
"rule out" (refuses), "will not send" (refuses) before "will send" (commits).
"""

from __future__ import annotations

import re

from ceasefire.domain import Condition, Stance

_NEG_AUX = (r"(?:(?:will|would|shall|should|can|could|do|does|did|is|are|was|were|has|have|had|am|may|might)"
            r"(?:\s+(?:also|still|certainly|definitely|absolutely|simply))?\s+(?:not|never)"
            r"(?:\s*,\s*(?:however|though|yet|for\s+now)\s*,)?"
            r"|(?:won|wouldn|shan|can|couldn|don|doesn|didn|isn|aren|wasn|weren|hasn|haven|hadn)'t|cannot|never)")
_ADV = (r"(?:\s+(?:\w+ly|yet|also|still|even|now|ever|be|being|be\s+able\s+to|going\s+to|planning\s+to|plan\s+to|"
        r"want\s+to|intend\s+to|consider|considering|seek\s+to|need\s+to|have\s+to|agree\s+to|consent\s+to|"
        r"allow|be\s+allowed\s+to))*")
_CONTRIBUTE = (r"(?:send|sending|deploy|deploying|contribute|contributing|participate|participating|take\s+part|"
               r"taking\s+part|join|joining|commit|committing|put|putting|provide|providing|dispatch|dispatching|"
               r"station|stationing|supply|supplying|lead|leading|be\s+part\s+of|be\s+among|be\s+involved|"
               r"become\s+involved|get\s+involved|be\s+deployed|be\s+sent|be\s+stationed|engage|place|station|"
               r"offer|host|provide|field|base|be\s+present|be\s+on\s+the\s+ground|have\s+(?:troops|soldiers)|"
               r"donate|give(?!\s+(?:details|a\s+figure|figures|numbers|specifics|a\s+timeline|further|more\s+details))|"
               r"fund|finance|guarantee|take\s+(?:on\s+)?(?:responsibility|a\s+role)|play\s+a\s+role)\b")
_VERB_OFFER = (r"(?:send|deploy|contribute|provide|participate|take\s+part|join|offer|lead|host|help|be\s+part|"
               r"supply|play|station|commit|consider|support|back|deliver|train|patrol|protect|secure|monitor|"
               r"guarantee|underwrite|fund|finance|dispatch|establish|set\s+up|build|be\s+(?:ready|willing|"
               r"prepared|happy|open|able|present|involved|among|in\s|on\s+the\s+ground|there|deployed|sent|"
               r"stationed)|welcome|look\s+at|assist|contribute|expand|extend|step\s+up|donate|give|mobili[sz]e|"
               r"allocate|spend|invest|take\s+(?:on\s+)?(?:responsibility|the\s+lead|charge|part)|police|guard|"
               r"coordinate|command|chair|equip|keep\s+(?:\w+ing|up)|continue|increase|boost|bolster|strengthen|"
               r"shoulder|"
               r"assume|pledge|be\s+part|be\s+ready|host|put|make\s+(?:a|an|its|their)\s+(?:\w+\s+)?contribution|"
               r"hand\s+over|make\s+(?:\w+\s+){1,3}?available|maintain|stand\s+(?:with|by)|"
               r"allow\s+(?:its|their|the\s+use))\b")

_CUE_TABLE: list[tuple[Stance, str]] = [
    # -- willing: a refusal denied ("did not rule out")
    (Stance.WILLING, rf"(?:{_NEG_AUX}|refus\w*\s+to|declin\w*\s+to|unwilling\s+to)\s+(?:\w+\s+)?rul(?:e|ing)\s+"
                     rf"(?:it\s+|this\s+|that\s+|anything\s+)?out"),
    (Stance.WILLING, r"not\s+(?:\w+\s+)?rul(?:ed|ing)\s+(?:it\s+|this\s+|that\s+)?out|"
                     rf"{_NEG_AUX}\s+(?:\w+ly\s+)?be\s+ruled\s+out|{_NEG_AUX}\s+(?:\w+ly\s+)?reject\b|"
                     rf"{_NEG_AUX}\s+exclude|exclud\w*\s+nothing|nothing\s+is\s+(?:ruled\s+out|excluded)|"
                     r"not\s+(?:be\s+)?(?:opposed|against)\s+(?:to\s+)?(?:sending|deploying|the\s+idea)|"
                     r"(?:not|never)\s+shy\s+away|(?:not|never)\s+hesitate|no\s+reason\s+(?:why|not\s+to)|why\s+not\s+(?:send|deploy|"
                     r"contribute|take\s+part)"),
    # -- hesitant: refusals qualified in time ("not yet ready")
    (Stance.HESITANT, rf"(?:{_NEG_AUX}|not)\s+(?:yet|currently|at\s+this\s+stage|for\s+now)\s+(?:\w+\s+)?"
                      r"(?:ready|prepared|decided|committed|pledged|in\s+a\s+position|clear)|"
                      rf"{_NEG_AUX}\s+(?:yet\s+)?(?:decided|committed|pledged|confirmed\s+(?:sending|deploying|"
                      r"(?:any|a|its|their)\s+(?:\w+\s+)?(?:contribution|participation|deployment))|made\s+(?:a|any)\s+decision|commit\s+to)|"
                      r"(?:still\s+)?consider\w*\s+whether|still\s+(?:considering|weighing|assessing|deciding)|"
                      r"(?:declin|refus)\w*\s+to\s+(?:say\s+(?:how|when|whether|if)|be\s+drawn|specify|give\s+details|speculate|"
                      r"commit\s+to\s+(?:a|any)\s+(?:number|figure|specific)|commit\b)|pledged\s+nothing|"
                      r"(?:remains?|is|was)\s+(?:only\s+|merely\s+|just\s+|still\s+)?[\"']?(?:a|an)\s+[\"']?(?:\w+\s+)?"
                      r"[\"']?possibility|no\s+(?:\w+\s+)?(?:decisions?|commitments?)\s+(?:(?:have|has|had)\s+been|"
                      r"(?:was|were)|yet)|no\s+(?:concrete|firm|specific|immediate)\s+(?:plans?|decisions?|commitments?)|"
                      rf"{_NEG_AUX}\s+(?:\w+ly\s+)?(?:going\s+to\s+)?(?:yet\s+)?(?:make|made|take|taken)\s+"
                      r"(?:(?:a|any)\s+)?(?:\w+\s+)?(?:decisions?|commitments?)|(?:is|are|was|were)\s+not\s+(?:currently\s+)?considering|"
                      r"not\s+(?:the\s+)?time\s+to|far\s+from\s+(?:talking|discussing|deciding)|"
                      r"(?:difficult|hard|impossible)\s+to\s+(?:prejudge|say|predict)|must\s+wait|(?:wait|waiting)\s+until|"
                      rf"{_NEG_AUX}\s+see\s+(?:any|much|the)\s+point|unlikely|"
                      r"(?:makes?|made|making|gave|gives?|giving)\s+no\s+(?:firm\s+)?(?:promises?|commitments?|pledges?)|"
                      r"(?:cannot|can't|could\s+not|couldn't|not)\s+(?:\w+ly\s+)?say\s+(?:for\s+(?:certain|sure)|whether|if|"
                      r"when|how)"),
    # -- distancing: declining to back others' effort (before refusals, which would take "would not provide")
    (Stance.DISTANCING, r"(?:not|never)\s+(?:going\s+to\s+)?(?:be|act\s+as|serve\s+as)\s+(?:the|a|any)\s+"
                        r"(?:\w+\s+)?(?:backstop|back-stop|guarantor)|"
                        r"(?:will|would|does|do|did)\s+not\s+(?:provide|offer|give|extend)\s+(?:a\s+|any\s+)?"
                        r"(?:\w+\s+)?(?:backstop|back-stop|security\s+guarantees?|guarantees?)|"
                        r"(?:won't|wouldn't)\s+(?:provide|offer|give)\s+(?:a\s+|any\s+)?(?:\w+\s+)?(?:backstop|"
                        r"guarantees?)"),
    # -- willing: an intention or readiness announced is not yet a commitment (before "announced" as commits)
    (Stance.WILLING, r"(?:announced|announces|confirmed|confirms|declared|declares|expressed|expresses|stated|"
                     r"signall?ed|reaffirmed|reiterated)\s+(?:\w+ly\s+)?(?:its|their|his|her|our)\s+(?:\w+\s+)?(?:intention|"
                     r"intentions|readiness|willingness|interest|desire|openness|plans?)|"
                     r"(?:would|will)\s+give\s+(?:\w+\s+)?consideration|open(?:-minded)?[\"']?\s+(?:to|about)\b|"
                     r"(?:remains?|remained|is|are)\s+[\"']?open(?:-minded)?\b"),
    (Stance.WILLING, r"(?:(?:ready|prepared|willing)[\"']?\s*,[^,]{1,60},\s*to\b)|(?:been|are|is|was|were)\s+willing\b|"
                     r"prefers?\s+(?:to\b|tasks|roles?|missions?)|(?:strongly\s+)?supports?\s+(?:these|this|the)\s+"
                     r"(?:\w+\s+){0,2}(?:protocols?|guarantees?|arrangements?|framework)|"
                     r"commitment\s+to\s+(?:help|provid|support|send|deploy|contribut|participat|join)\w*|"
                     r"(?:capacity|capability|ability|means)\s+to\s+(?:send|deploy|contribute|provide|participate)|"
                     r"interest(?:ed)?\s+in\s+being\s+(?:active|part|involved)|foresee\s+(?:us|it|them)\s+(?:to\s+)?be|"
                     r"(?:assume|assumes|resume|resumes|take\s+on|takes\s+on)\s+(?:\w+\s+)?responsibility|"
                     r"(?:should|would|will)\s+be\s+among\b|decision\s+to\s+(?:participate|join|take\s+part|contribute)|"
                     r"(?:intends?|intended|plans?|planned)\s+to\s+(?:work\s+on|present|collaborate|cooperate|co-operate)|"
                     r"announced\s+plans\s+to|(?:proposed|offered|suggested|floated|championed)\s+(?=by\b)"),
    # -- distancing: the burden shifted to Europe ("European nations must assume the overwhelming burden"), before
    # demands, which would take "must take"
    (Stance.DISTANCING, r"(?:europe|europeans|european\s+(?:nations|countries|allies|states|partners))\s+"
                        r"(?:must|should|will\s+have\s+to|are\s+going\s+to\s+have\s+to|need\s+to|have\s+to|would\s+have\s+to)\s+"
                        r"(?:\w+\s+){0,2}?(?:assume|take|shoulder|bear|carry)\s+(?:[\w']+\s+){0,3}?(?:burden|"
                        r"responsibility|lead|lion's\s+share)|lion's\s+share\s+of\s+the\s+burden|"
                        r"(?:is|are|was|were)\s+not\s+[\"']?(?:directly\s+|formally\s+)?involved[\"']?\b"),
    # -- refuses: no interest in taking part (before willing "interest in joining"); reports of readiness denied
    (Stance.REFUSES, r"(?:no\s+|not\s+(?:have\s+)?(?:an?\s+|any\s+)?|lack\s+of\s+|lacks\s+)interest\s+in\s+"
                     r"(?:participat|join|send|contribut|taking\s+part|offering|deploying)\w*|"
                     r"den(?:y|ies|ied|ying)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?reports?\b"),
    # -- distancing: a minimal role, aid stopped
    (Stance.DISTANCING, r"(?:play\w*\s+(?:a|an|only\s+a)\s+)?(?:minimal|minor|marginal)\s+role|"
                        r"stop(?:s|ped|ping)?\s+(?:all\s+)?(?:military\s+)?(?:aid|"
                        r"support|assistance|deliveries|intelligence|weapons)"),
    # -- refuses: an offer or a role turned down
    (Stance.REFUSES, r"(?:refus|reject|declin|turn)\w*\s+(?:down\s+)?(?:[\w-]+'s\s+|the\s+|an?\s+)?(?:offer|invitation|"
                     r"request|proposal)\s+to\s+(?:participate|join|send|contribute|take\s+part)|"
                     r"(?:does|do|did)\s+not\s+see\s+(?:its|their|a|any)\s+role"),
    # -- demands: a say for oneself ("guarantees without us lead nowhere")
    (Stance.DEMANDS, r"without\s+(?:us|russia|the\s+russian\s+federation|moscow)\s+(?:is|are|would\s+be|will\s+be|"
                     r"leads?|is\s+a\s+road)"),
    # -- commits: a pledge reported in indirect speech ("announced it would donate")
    (Stance.COMMITS, r"(?:announced|announces|pledged|pledges|promised|promises|vowed|vows|confirmed|confirms|"
                     r"decided|decides)\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:it|they|he|she|we|the\s+\w+)\s+would\s+"
                     rf"(?:\w+ly\s+)?{_VERB_OFFER}"),
    # -- refuses: the speaker's own contribution denied
    (Stance.REFUSES, rf"{_NEG_AUX}{_ADV}\s+(?:be\s+)?(?:prepared\s+to\s+|ready\s+to\s+|willing\s+to\s+|able\s+to\s+)?"
                     rf"{_CONTRIBUTE}\b"),
    (Stance.REFUSES, r"(?:not|never)\s+(?:\w+\s+)?(?:prepared|ready|willing|in\s+a\s+position)\s+to|unwilling\s+to|"
                     r"(?:has|have|had)\s+no\s+(?:plans?|intention|intentions)\s+(?:to|of)|"
                     r"no\s+(?:plans?|intention)\s+(?:to|of)\s+(?:send|deploy|contribut|participat|join|put)|"
                     r"not\s+to\s+expect\s+(?:[\w-]+\s+){0,2}(?:troops|soldiers|forces|boots|a\s+backstop)|"
                     r"(?:has|have|had)\s+not\s+agreed\s+to|(?:hasn|haven|hadn)'t\s+agreed\s+to|"
                     r"reject\w*\s+(?:the\s+idea\s+of\s+|calls\s+(?:for\s+it\s+)?to\s+|suggestions?\s+(?:of|that\s+it)\s+)?"
                     r"(?:sending|deploying|putting)\b|"
                     r"no\s+question\s+of\s+(?:\w+ing)|not\s+something\s+(?:we|i|they|it|he|she)\s+(?:are|is|am|were|was)\s+"
                     r"(?:considering|planning|discussing|contemplating)|"
                     r"(?:(?:do|does|did)\s+not|(?:don|doesn|didn)'t)\s+(?:envisage|envision|foresee|see|expect|anticipate)"
                     r"\s+(?:[\w-]+\s+){0,3}?(?:troops|soldiers|forces|deployment|participation|contingent)|"
                     r"(?:do|does|did)\s+not\s+(?:plan|intend|want|expect|envisage|foresee|see)\s+(?:to\s+)?"
                     r"(?:send|deploy|contribut|participat|join|put|take\s+part|a\s+deployment|any\s+deployment)"),
    (Stance.REFUSES, r"rul(?:ed|es|e|ing)\s+(?:it\s+|this\s+|that\s+)?out|"
                     r"exclud(?:ed|es|e|ing)\s+(?:sending|deploying|the\s+(?:possibility|deployment|idea|option)|any|"
                     r"participat|taking\s+part|its\s+participation)|"
                     r"(?:refus|declin)(?:ed|es|e|ing)\s+to\s+(?:send|deploy|contribute|participate|take\s+part|join|"
                     r"commit\s+(?:troops|soldiers|forces)|put|provide|be\s+part|be\s+drawn\s+into|become|sign)|"
                     r"there\s+(?:will|would|shall)\s+(?:be\s+no|not\s+be)|there\s+(?:are|is)\s+no\s+plans?|"
                     r"(?:is|was|are|were)\s+not\s+(?:\w+\s+)?(?:planned|foreseen|envisaged|envisioned|on\s+the\s+table|"
                     r"under\s+consideration|being\s+considered|an\s+option|among\s+the\s+(?:countries|nations|states))|"
                     r"(?:never|not)\s+(?:\w+\s+)?considered\s+(?:sending|deploying|putting|participating)|"
                     r"\bsaid\s+no\b(?!\s+(?:decision|final|one|plans?|details|further|agreement|deal))|"
                     r"\bsays\s+no\b(?!\s+(?:decision|final|one|plans?|details|further|agreement|deal))|\bno\s+to\b|"
                     r"(?:stay|stays|stayed|keep|keeps)\s+out\s+of|(?:will|would)\s+not\s+be\s+drawn\s+into|"
                     r"not\s+(?:take|send|deploy|put)\s|not\s+on\s+the\s+(?:agenda|cards)|"
                     r"(?:stay|stays|stayed|staying|remain|remains|remained|keep|keeps|kept)\s+(?:out|at\s+home|"
                     r"away|on\s+the\s+sidelines)\b|sit\s+(?:it\s+)?out|(?:opt|opts|opted)\s+out"),
    # -- demands: a number asked for ("would need at least 100,000 troops"), before "would need" as a condition
    (Stance.DEMANDS, r"(?:would|will|does|do)\s+need\s+(?:at\s+least|\d|more|tens|hundreds|thousands|a\s+force)"),
    # -- distancing: no longer
    (Stance.DISTANCING, r"(?:would|will|could|can|is|are|was)\s+no\s+longer|no\s+longer\s+(?:prioriti[sz]e|support|"
                        r"fund|provide|send|guarantee|be\s+(?:part|involved))"),
    # -- conditional: the condition is the message
    (Stance.CONDITIONAL, r"only\s+(?:be\s+\w+\s+|take\s+place\s+|happen\s+|work\s+|go\s+ahead\s+|proceed\s+|"
                         r"occur\s+|apply\s+|start\s+|begin\s+|come\s+into\s+(?:effect|force)\s+|be\s+viable\s+|"
                         r"come\s+)?(?:if|when|after|under|with|once|as\s+part|in\s+the\s+context|within)|"
                         r"(?:be\s+)?put\s+to\s+(?:a\s+)?(?:vote|parliament)|"
                         r"provided\s+that|(?<=,\s)provided\b|providing\s+that|as\s+long\s+as(?!\s+(?:it|necessary|needed)"
                         r"\b)|on\s+(?:the\s+)?condition|"
                         r"conditional\s+(?:on|upon)|condition(?:ed|s|ing)\s+(?:[\w-]+\s+){0,8}?(?:on|upon)\b|"
                         r"(?:obtain|seek|get|secure|need)\w*\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:mandate|approval|consent)\s+"
                         r"(?:from|of)\s+(?:the\s+)?(?:parliament|bundestag|congress|riigikogu|saeima|seimas|sejm|storting|"
                         r"riksdag|folketing|d[aá]il)|(?:a\s+)?necessary\s+condition|(?<!a\s)(?<!the\s)(?<!its\s)(?<!military\s)(?<!peacekeeping\s)contingent\s+(?:on|upon)|"
                         r"depend(?:s|ed|ing)?\s+on|hing(?:e|es|ed|ing)\s+on|subject\s+to|"
                         r"(?:would|will|must|should)\s+(?:first\s+)?(?:require|need)\b|requires?\b|"
                         r"\bunless\b|first\s+(?:we\s+)?need|must\s+first|pre-?conditions?|prerequisite|"
                         r"in\s+exchange\s+for|(?:a|the)\s+condition\s+(?:for|of)|depends\b|"
                         r"(?:would|will|must|should)\s+(?:first\s+)?(?:have\s+to|need\s+to)\s+(?:approve|agree|"
                         r"vote|endorse|consent|sign\s+off|authori[sz]e)|(?:needs?|requires?)\s+(?:the\s+)?(?:approval|"
                         r"consent|endorsement|authori[sz]ation|green\s+light)|"
                         r"(?:would|will|must)\s+(?:first\s+)?(?:have\s+to\s+|need\s+to\s+)?(?:go|be\s+put)\s+"
                         r"(?:to|before|through)\s+(?:the\s+)?(?:parliament|bundestag|congress|house|sejm|"
                         r"national\s+assembly|cortes|riigikogu|storting|riksdag)|"
                         r"without\s+(?:the\s+)?(?:us|u\.s\.|american|united\s+states|washington)(?:'s)?\s+"
                         r"(?:participation|support|backing|involvement|backstop|help|air\s+cover|cover|protection|"
                         r"guarantees?|security\s+guarantees?|air\s+support)|"
                         r"only\s+(?:accept|agree\s+to|allow|consider|countenance)\b|"
                         r"not\s+before\s+(?:a\s+|the\s+|any\s+)?(?:ceasefire|truce|peace|deal|agreement|settlement)|"
                         r"(?:involvement|participation|support|backing|backstop|guarantees?|cover)\s+(?:\w+\s+){0,2}?"
                         r"(?:is|was|are|were|would\s+be|will\s+be)\s+(?:crucial|essential|indispensable|vital|key|"
                         r"necessary|a\s+prerequisite|a\s+must|needed)|"
                         r"under\s+(?:the\s+)?(?:right|certain|clear|proper|strict)\s+conditions|"
                         r"(?:but\s+)?with\s+(?:certain\s+|clear\s+|strict\s+)?conditions|"
                         r"(?:the|its)\s+only\s+(?:framework|way|condition|scenario|circumstances?)\b|"
                         r"ask\w*\s+(?:the\s+)?(?:parliament|bundestag|congress|lawmakers|mps|legislators|riksdag|"
                         r"storting|folketing|sejm|seimas|saeima|riigikogu|eduskunta|commons|house)\s+(?:to\s+"
                         r"(?:approve|vote|endorse|authori[sz]e)|for\s+(?:a\s+|its\s+)?(?:mandate|approval|vote))|seek\w*\s+(?:parliamentary|parliament's|congressional)\s+"
                         r"(?:approval|consent|backing)"),
    # -- opposes: against the idea itself (mostly Russia about foreign troops)
    (Stance.OPPOSES, r"oppos(?:e|es|ed|ing)\b|opposition\s+to|non-?starter|no\s+place\s+for|"
                     r"react\w*\s+(?:angrily|furiously|sharply|with\s+anger)|drag\w*\s+(?:\w+\s+){0,2}into\s+(?:a\s+)?"
                     r"(?:war|conflict|confrontation)|denounc\w+|slamm?(?:ed|s)?\s+(?:the|any|a)\b|"
                     r"blast(?:ed|s)?\s+(?:the|any|a)\b|lash\w*\s+out|"
                     r"critici[sz]\w*\s+(?:the|any|a)\s+(?:\w+\s+)?(?:plan|idea|proposal|deployment|force|mission)|"
                     r"warn\w*\s+of\s+(?:\w+\s+)?(?:consequences|retaliation|escalation|war)|"
                     r"(?:would|will)\s+(?:\w+ly\s+)?respond\s+(?:militarily|with\s+force|accordingly|harshly)|"
                     r"(?:declaration\s+of\s+war|hostile\s+act|unfriendly\s+act)|"
                     r"(?:will|would|do|does|did|could|can)\s+not\s+(?:support|back|endorse)\b|"
                     r"(?:won't|wouldn't|don't|doesn't|didn't)\s+(?:support|back|endorse)\b|"
                     r"provocati\w+|provocative|(?:risky|ineffective|reckless|counterproductive|counter-productive|"
                     r"unworkable|unrealistic|a\s+(?:grave\s+|big\s+|serious\s+)?mistake|a\s+bad\s+idea|dangerous)\b|"
                     r"(?:inevitable|unavoidable)\b|"
                     r"(?:would|will)\s+be\s+(?:a|an)\s+(?:\w+\s+)?(?:provocation|escalation|threat|red\s+line|"
                     r"act\s+of\s+(?:war|aggression))|"
                     r"(?:regard|consider|see|view|treat)\w*\s+(?:[\w-]+\s+){0,14}?as\s+(?:a\s+|an\s+)?(?:direct\s+|enemy\s+|"
                     r"hostile\s+|military\s+|legitimate\s+)?"
                     r"(?:threat|provocation|legitimate\s+targets?|targets?|party\s+to\s+the\s+conflict|escalation|"
                     r"act\s+of\s+(?:war|aggression)|hostile|intervention|occupiers|combatants)|"
                     r"(?:amount\w*|tantamount)\s+to\s+(?:a\s+)?(?:direct\s+)?(?:involvement|intervention|war|"
                     r"participation|escalation)|no\s+room\s+for\s+(?:compromise|discussion|"
                     r"debate)|non-negotiable|(?:block|blocks|blocked|blocking|veto|vetoes|vetoed|vetoing|torpedo\w*|"
                     r"obstruct\w*)\s+(?:any|the|a|all|such|it|this)\b|(?:would|will)\s+(?:\w+ly\s+)?be\s+"
                     r"(?:legitimate\s+)?targets?|"
                     r"(?:categorically|firmly|strongly|resolutely|flatly|totally|completely)\s+(?:against|reject)|"
                     r"against\s+(?:any|such|the\s+(?:deployment|idea|presence|plan|proposal|sending)|deploying|"
                     r"sending|this|a\s+(?:deployment|presence)|it)|unacceptable|"
                     r"(?:will|would|could|can|do|does)\s+not\s+(?:accept|tolerate|allow|agree\s+to|permit)|"
                     r"(?:won't|cannot|can't|couldn't|wouldn't|don't|doesn't)\s+(?:accept|tolerate|allow|agree\s+to|"
                     r"permit)|never\s+(?:accept|agree\s+to|allow|tolerate)|"
                     r"reject(?:s|ed|ing)?\s+(?:any|the|such|a|all|outright|calls|proposals|this|it)|rejection\s+of|"
                     r"object(?:s|ed|ing)?\s+to|condemn(?:s|ed|ing)?|"
                     r"legitimate\s+(?:military\s+|combat\s+)?targets?|"
                     r"warn(?:s|ed|ing)?\s+(?:against|that\s+(?:any|such|the\s+deployment|european|western|foreign|"
                     r"nato|troops|peacekeepers))|red\s+line|out\s+of\s+the\s+question|"
                     r"(?:would|could|will)\s+(?:mean|lead\s+to|provoke|trigger|risk|amount\s+to)\s+(?:a\s+|an\s+)?"
                     r"(?:direct\s+)?(?:war|conflict|confrontation|escalation|clash)|"
                     r"no\s+(?:foreign|western|nato|european)\s+(?:troops|peacekeepers|forces|presence|contingents?)|"
                     r"insane|absurd|madness|(?:lawful|legitimate)\s+(?:military\s+)?targets?|"
                     r"(?:described|called|labell?ed|branded|considered|regarded|seen|viewed|treated)\s+(?:\w+\s+){0,6}?"
                     r"(?:as\s+)?(?:an?\s+)?(?:effective\s+|direct\s+|foreign\s+|military\s+)?(?:occupation|intervention|"
                     r"invasion|provocation)|(?:cannot|can't|not)[\"']?\s+(?:be\s+)?acceptable|"
                     r"(?:does|do|did)\s+not\s+recogni[sz]e|"
                     r"sees?\s+no\s+(?:possibility|opportunity|prospects?|chance)\s+(?:for|of)\s+(?:achieving\s+(?:a\s+)?)?"
                     r"(?:compromise|agreement)|direct\s+(?:\w+\s+){0,3}involvement\s+of\s+nato"),
    # -- refuses: "but no military personnel" (after opposes, which takes "no foreign troops")
    (Stance.REFUSES, r"\bno\s+(?:[\w-]+\s+){0,3}?(?:troops|soldiers|personnel|boots\s+on\s+the\s+ground|"
                     r"ground\s+forces)\b|"
                     r"\b(?:but|and|though|although|yet)\s+not\s+(?:with\s+)?(?:\w+\s+)?(?:troops|soldiers|boots|"
                     r"ground\s+forces|personnel)\b"),
    # -- distancing: stepping back from the effort without a refusal
    (Stance.DISTANCING, r"(?:stay|stays|stayed|remain|remains|remained)\s+neutral|paus(?:ed|es|ing)|"
                        r"(?:a\s+)?matter\s+for\s+(?:the\s+)?europe(?:ans)?|for\s+(?:the\s+)?europeans\s+to\s+"
                        r"(?:decide|provide|handle|sort\s+out)|europe'?s\s+(?:business|affair)|"
                        r"scal(?:e|es|ed|ing)\s+back|wash\w*\s+(?:its|their|his|her|our)\s+hands|back\s+seat|"
                        r"reduc(?:e|es|ed|ing)\s+(?:its\s+|their\s+|military\s+|the\s+)?(?:aid|support|presence|"
                        r"troops|commitment|funding)|(?:leave|leaves|left|leaving)\s+it\s+to\s+(?:europe|the\s+"
                        r"europeans)|"
                        r"pause\s+(?:all|military|its|the|aid|weapons|deliveries|intelligence)|on\s+hold|"
                        r"rather\s+than\s+(?:send|deploy|commit|put|provid)\w*|instead\s+of\s+(?:send|deploy)\w*|"
                        r"not\s+(?:formally\s+)?(?:a\s+)?part\s+of|"
                        r"halt(?:ed|s|ing)\b|suspend(?:ed|s|ing)?\b|froze\b|freez(?:es|ing)\b|cut\s+off|"
                        r"withdr(?:ew|aw|awn|awing)|step(?:ped|ping|s)?\s+back|"
                        r"distanc(?:ed|es|ing)\s+(?:itself|himself|herself|themselves)|"
                        r"(?:not|no\s+longer)\s+(?:be\s+)?(?:part\s+of|involved\s+in)|"
                        r"up\s+to\s+(?:europe|the\s+europeans)|europe'?s\s+(?:responsibility|job|problem)|"
                        r"(?:non-nato|not\s+a\s+nato)\s+mission|not\s+(?:be\s+)?covered\s+by\s+article\s+5|"
                        r"did\s+not\s+sign|didn't\s+sign|dismiss(?:ed|es|ing)?\b|scoff(?:ed|s)?\s+at|derided|"
                        r"posturing|simplistic|not\s+our\s+(?:responsibility|problem|war|fight)|hands-off|"
                        r"(?:will|would)\s+not\s+(?:provide|offer|give)\s+(?:a\s+|any\s+)?(?:backstop|security\s+"
                        r"guarantees?)|no\s+(?:us|u\.s\.|american)\s+backstop"),
    # -- hesitant
    (Stance.HESITANT, r"premature|too\s+(?:early|soon)|wait(?:s|ing)?\s+(?:and\s+see|for)|wait-and-see|"
                      r"cautious(?:ly)?|caution(?:ed|s)?\b|sceptic\w*|skeptic\w*|reluctan\w*|hesitan\w*|"
                      r"hesitat\w*|undecided|(?:has|have|had)\s+yet\s+to\s+(?:decide|commit)|no\s+decision|"
                      r"questions\s+remain|remains?\s+to\s+be\s+seen|(?:many|lot\s+of)\s+(?:things|questions|"
                      r"unanswered)|need\s+to\s+be\s+clarified|not\s+convinced|non-?committal|"
                      r"nothing\s+to\s+announce|(?:will|would)\s+(?:first\s+)?assess|(?:be|been)\s+(?:mutually\s+)?"
                      r"assessed|no\s+appetite|wary|doubts?\b|doubtful|not\s+the\s+(?:right\s+)?time|wrong\s+time|"
                      r"(?:kept|keep|keeps|keeping)\s+(?:its|their|his|her|our)\s+options\s+open|"
                      r"play(?:ed|s|ing)?\s+down|downplay\w*|unclear|too\s+many\s+unknowns|"
                      r"(?:examin|stud|assess|review|weigh|look)\w*\s+(?:at\s+)?(?:the\s+|any\s+|this\s+|such\s+)?"
                      r"(?:\w+\s+)?(?:carefully|closely)|carefully\s+(?:examin|stud|assess|weigh)\w*|"
                      r"inappropriate|not\s+appropriate|(?:highly|completely|entirely)\s+(?:premature|speculative)|"
                      r"speculative|not\s+(?:sure|certain)|unsure|uncertain|(?:does|did|do)\s+not\s+(?:yet\s+)?arise|"
                      r"reservations|(?:expressed|voiced|raised)\s+(?:\w+\s+)?concerns|stopp?(?:ed|ing|s)?\s+short\s+of|"
                      r"avoid\w*\s+commit\w*|lukewarm|balk\w*|baulk\w*|drag\w*\s+(?:its|their|his|her)\s+feet|"
                      r"still\s+weigh\w*|no\s+firm\s+decision|hedg(?:ed|es|ing)|holding\s+back"),
    # -- demands: asking others
    (Stance.DEMANDS, r"(?:the|a)\s+need\s+for\s+(?:\d|more|at\s+least|troops|peacekeepers|guarantees|"
                     r"security\s+guarantees|air\s+defen[cs]e|a\s+(?:force|backstop|contingent))|demand(?:s|ed|ing)?\b|call(?:s|ed|ing)?\s+(?:for|on)\b|urg(?:e|es|ed|ing)\b|"
                     r"insist(?:s|ed|ing)?\s+(?:on|that)|press(?:es|ed|ing)?\s+(?:for|allies|partners|europe)|"
                     r"press(?:es|ed|ing)?\s+(?:\w+\s+){1,2}?(?:for|allies|partners|leaders|countries|governments)\b|"
                     r"count(?:s|ed|ing)?\s+on\s+(?!us\b|me\b|our\b)(?:the\s+)?(?:coalition|allies|partners|europe|"
                     r"us|united\s+states|washington|support|\w+'s\s+support)|"
                     r"push(?:es|ed|ing)?\s+for|(?:must|should)\s+(?:\w+ly\s+)?(?:provide|send|give|offer|guarantee|"
                     r"deliver|step\s+up|do\s+more|contribute|take|commit|shoulder|bear|stay|remain|keep|continue|"
                     r"act|maintain|increase|help|support|pressure|join)\b|"
                     r"want(?:s|ed)?\s+(?:its|their|his|her|the)\s+(?:allies|partners|europeans?|friends|us|united\s+"
                     r"states|americans)\s+to\b|"
                     r"need(?:s|ed)?\s+(?:security\s+guarantees|guarantees|troops|air\s+defen[cs]e|a\s+backstop|"
                     r"more|at\s+least|real|strong|reliable|a\s+force)|"
                     r"ask(?:s|ed|ing)?\s+(?:for|allies|partners|europe)|"
                     r"need(?:s|ed)?\s+(?:[\w-]+\s+){0,2}?(?:systems|patriots?|air\s+defen[cs]e|weapons|jets|"
                     r"ammunition|missiles|interceptors|help|guarantees|troops|backstop|support|army|force|presence|"
                     r"partners|allies|boots)\b|"
                     r"(?:would|will|is|are|was|were)\s+not\s+(?:be\s+)?(?:enough|sufficient)|insufficient|"
                     r"appeal(?:s|ed|ing)?\s+(?:for|to)|request(?:s|ed|ing)?\s+(?:more|the|a|that|additional|further)\b|"
                     r"plead\w*|lobb(?:y|ies|ied|ying)\s+(?:for|allies|partners)|"
                     r"want(?:s|ed)?\s+(?:security\s+guarantees|guarantees|troops|a\s+force|real|strong|at\s+least)|"
                     r"it'?s\s+a\s+minimum|at\s+(?:a\s+|the\s+very\s+)?minimum|(?:is|are)\s+(?:essential|"
                     r"indispensable|vital)|seek(?:s|ing)?\s+(?:security|guarantees|a\s+)|sought\b|"
                     r"expect(?:s|ed|ing)?\s+(?:\w+\s+)?(?:commitments|guarantees|support|troops|partners|allies|"
                     r"europe|more|the\s+(?:us|united\s+states|allies|europeans))|"
                     r"want(?:s|ed)?\s+(?:a|an|more|strong|firm|real|allied|nato|the\s+us|binding)\b"),
    # -- willing
    (Stance.WILLING, r"(?:ready|prepared|willing|available|eager|keen|poised)[\"']?\s+to|stands?\s+ready|"
                     r"(?:are|is|am|were|was|stand|stands)\s+(?:\w+ly\s+)?ready\b(?!\s+to)|"
                     r"work(?:s|ed|ing)?\s+on\s+(?:options|plans?|proposals?|a\s+(?:plan|proposal|framework))|"
                     r"draw(?:s|ing|n)?\s+up\s+(?:plans?|options|proposals?)|drew\s+up\s+(?:plans?|options|proposals?)|"
                     r"should\s+(?:\w+ly\s+)?(?:be\s+)?(?:deployed|sent|stationed)\b|"
                     r"prepar(?:e|es|ed|ing)\s+(?:\w+\s+)?(?:options|plans|units?|forces|troops|contingent|brigade|"
                     r"contribution|deployment)\b|"
                     r"float(?:ed|s|ing)?\s+(?:the\s+)?(?:idea|plan|prospect|possibility|proposal)|"
                     r"open\s+to|open\s+mind|(?:readiness|willingness|openness)\s+to|"
                     rf"(?:could|may|might|can)\s+(?:\w+ly\s+)?(?:also\s+)?(?:be\s+)?{_VERB_OFFER}|"
                     rf"would\s+(?:\w+ly\s+)?(?:also\s+)?(?:be\s+)?{_VERB_OFFER}|"
                     r"(?:offered|offers|offer|volunteered|volunteers|proposed|proposes)\s+(?:to|an?|its|the|up|"
                     r"troops|soldiers|jets|ships|\w+ing\b)|(?:is|are|was|were)\s+expected\s+to\s+(?:be\s+(?:limited|confined|"
                     r"restricted)\s+to|provide|send|"
                     r"contribute|lead|focus|deploy|take|supply|offer|play|join|help)|"
                     r"(?:focus|focuses|focused|focusing|concentrate\w*)\s+on\s+(?:air|naval|training|logistics|"
                     r"financ\w+|money|weapons|funding|intelligence|demining|monitoring|maritime|cyber)|"
                     r"(?:all\s+)?options\s+(?:on\s+the\s+table|open)|nothing\s+(?:is\s+)?off\s+the\s+table|"
                     r"(?:would\s+be\s+)?happy\s+to|(?:look|looking|looked|explor\w+|study|studying|studied|"
                     r"discuss\w*)\s+(?:at\s+)?(?:options|ways|how\s+(?:it|they|we)\s+(?:could|can)|a\s+contribution|"
                     r"its\s+contribution|its\s+role|possible\s+contributions?)|interest(?:ed)?\s+in\s+(?:joining|"
                     r"contributing|taking\s+part|participating|sending)|(?:weigh|weighs|weighing|mull|mulls|"
                     r"mulling)\s+(?:a|an|whether|sending|deploying|joining|the\s+possibility)|"
                     r"(?:do|doing)\s+(?:its|our|their|his|her)\s+(?:part|share|bit)|"
                     r"(?:play|take|shoulder)\s+(?:its|our|their)\s+(?:part|share)|on\s+board\b|count\s+us\s+in|"
                     r"(?:is|are|was|were|been)\s+considering|consider(?:s|ed|ing)?\s+(?:sending|deploying|joining|"
                     r"contributing|participating|taking\s+part|a\s+contribution|a\s+role|the\s+possibility)|"
                     r"(?:intends?|intended|intending|plans?|planned|planning|aims?|hopes?|wants?|wishes)\s+to\s+"
                     r"(?:send|deploy|contribute|provide|lead|host|participate|take\s+part|join|play|help|support|"
                     r"station|establish|set\s+up|supply|be\s+part|transfer|deliver|donate|hand\s+over|train)|"
                     r"play\s+(?:a|an|its|their)\s+(?:\w+\s+){0,2}(?:role|part)|(?:a|the)\s+possibility|"
                     r"(?:support|supports|supported|backs|backed|back|welcomed|welcomes|welcome|endorsed|endorses)"
                     r"\s+(?:the\s+|a\s+|an\s+)?(?:idea|plan|proposal|initiative|deployment|coalition|force|mission|"
                     r"creation|efforts?|reassurance|franco-british|british|french|european|multinational)|"
                     r"count\s+on\s+(?:us|me|our)|(?:signal|indicat|express)\w*\s+(?:its\s+|their\s+|his\s+|her\s+)?"
                     r"(?:readiness|willingness|openness|interest)|in\s+principle|we\s+are\s+in\b|"
                     r"(?:is|are)\s+(?:among|one\s+of)\s+the\s+(?:countries|nations|states)\s+(?:ready|willing|"
                     r"prepared)"),
    # -- commits
    (Stance.COMMITS, r"(?:will|shall|'ll)\s+(?:\w+ly\s+)?(?:also\s+)?(?:continue\s+to\s+)?"
                     r"(?:send|deploy|contribute|provide|supply|deliver|"
                     r"dispatch|establish|lead|host|participate|take\s+part|join|station|fund|finance|commit|"
                     r"allocate|donate|give|train|set\s+up|build|be\s+part\s+of|be\s+sending|be\s+deploying|"
                     r"take\s+(?:the\s+)?lead|put|spend|underwrite|guarantee|help|support|increase|boost|protect|patrol|"
                     r"police|guard|transfer|"
                     r"proceed|be\s+the\s+leading|play\s+(?:a|an|the)\s+leading|be\s+responsible|expand|extend|"
                     r"step\s+up|be\s+(?:the|a)\s+(?:\w+\s+){0,2}(?:hub|lead|leader|anchor|framework\s+nation)|"
                     r"hand\s+over|make\s+(?:\w+\s+){1,3}?available|maintain|act\s+as|serve\s+as|"
                     r"be\s+(?:a\s+)?(?:key|leading)|ensure|create|contribute|form)|"
                     r"(?:pledg|promis|vow)(?:ed|es|e|s|ing)?\b(?!\s+nothing)|(?<!\")commit(?:s|ted|ting)?\b(?!\s+(?:nothing|and)\b)|"
                     r"(?:announced|announces|announce|unveiled|unveils|approved|approves|signed|signs|agreed|agrees|"
                     r"allocated|allocates|earmarked|delivered|delivers|sent|dispatched|deployed|provided|provides|"
                     r"donated|donates|granted|grants|transferred|established)\s+(?:to\s+|an?\s+|the\s+|two\s|three\s|"
                     r"four\s|five\s|six\s|seven\s|eight\s|nine\s|ten\s|several\s|dozens\s|hundreds\s|thousands\s|"
                     r"\$|€|£|\d|additional|new|further|more|its|their|another|up\s+to|some|over|nearly|almost|"
                     r"about|around|troops|soldiers|jets|ships|funding|aid|weapons)|"
                     r"(?:is|are|was|were)\s+(?:already\s+)?(?:sending|deploying|providing|contributing|supplying|"
                     r"leading|training|funding)|"
                     r"contribut(?:ed|es)\s+(?:[€$£]|\d|some|about|around|more|over|nearly|troops|soldiers)|"
                     r"participat(?:es|ed)\s+in\s+(?:\w+\s+){0,4}?(?:coalitions?|missions?|operations?|force)\b|"
                     r"decided\s+to\s+(?:send|deploy|provide|allocate|accelerate|contribute|join|donate|fund)|"
                     r"(?:has|have|had)\s+(?:already\s+)?(?:trained|accelerated|financed|funded)\b|"
                     r"(?:has|have|had)\s+(?:already\s+)?(?:sent|deployed|provided|contributed|supplied|pledged|committed|"
                     r"allocated|signed|agreed|joined|delivered|donated|earmarked|approved|authori[sz]ed|adopted|"
                     r"ordered|set\s+aside)\b|(?:set|sets)\s+aside\s+(?:\$|€|£|\d|funds|money)|"
                     r"joined\s+the\s+coalition|signed\s+up|signed\s+on(?:to|\s+to)\b|"
                     r"firm(?:ed|s)?\s+up(?:\s+(?:\w+\s+){0,2}?(?:offer|pledge|commitment|plans?)(?:\s+to)?)?\b|signed\s+(?:a|an|the)\s+(?:\w+\s+){0,2}(?:agreement|accord|"
                     r"declaration|pact|deal)|ratifi\w+|will\s+take\s+over|unveil\w*|"
                     r"(?:has|have|had)\s+given\s+(?:the\s+)?(?:go-ahead|"
                     r"green\s+light|approval)|(?:will|'ll)\s+be\s+(?:there|at\s+your\s+side|with\s+you)|"
                     r"(?:said|says)\s+(?:it|they|he|she|we)\s+will(?=\s*[,.;])|(?:has|have|had)\s+(?:already\s+)?(?:begun|started)\s+"
                     r"(?:planning|preparing|work|training|to\s+plan|to\s+prepare)|(?:unbreakable|firm|formal|binding)\s+(?:pledge|"
                     r"commitment)"),
]

_CUE_STANCES: list[Stance] = []
_parts = []
for _i, (_stance, _pattern) in enumerate(_CUE_TABLE):
    _CUE_STANCES.append(_stance)
    _parts.append(f"(?P<c{_i}>{_pattern})")
CUES = re.compile(r"(?<![\w-])(?:" + "|".join(_parts) + r")", re.IGNORECASE)


# Last resort when no cue above matched near a subject: a modal and a verb with a commitment word in reach
# ("could field a brigade", "would stand with the coalition"); "will" commits, "would/could/may" is willing.
FALLBACK = re.compile(r"(?<![\w-])(?P<modal>will|shall|would|could|may|might|can)\s+(?:\w+ly\s+)?(?!be\b|have\b|"
                      r"not\b|never\b|no\b|also\b|say\b|tell\b|meet\b|talk\b|discuss\b|speak\b|visit\b|"
                      r"travel\b|decide\b|see\b|hear\b|know\b|ask\b|regard\b|consider\b|need\b|require\b|become\b|"
                      r"remain\b|seem\b|appear\b|happen\b|mean\b|lead\s+to\b|cost\b|take\s+(?:years|months|time)\b|"
                      r"get\b|go\b|come\b|end\b|fall\b|collapse\b|fail\b|struggle\b)"
                      r"(?P<verb>[a-z]+)\b", re.IGNORECASE)
FALLBACK_OBJECT = re.compile(r"\b(?:troops|soldiers|forces?|brigades?|battalions?|company|contingent|personnel|"
                             r"jets|aircraft|ships|vessels|frigates|coalition|mission|guarantees?|support|aid|"
                             r"contribution|peacekeep\w*|air\s+defen[cs]e|drones|weapons|ammunition|training|"
                             r"instructors|experts|specialists|monitor\w*|security|deployment|assistance|funding|"
                             r"billion|million|package)\b", re.IGNORECASE)


def cue_stance(m: re.Match[str]) -> Stance:
    """The stance of a match of ``CUES`` (which named group matched)."""
    return _CUE_STANCES[int(m.lastgroup[1:])]  # type: ignore[index]


# A refusal qualified in time ("not prepared to ... at this stage") is hesitation, not a refusal.
TIME_QUALIFIER = re.compile(r"\b(?:at\s+(?:this|the\s+present)\s+(?:stage|time|point)|for\s+now|for\s+the\s+time\s+"
                            r"being|at\s+the\s+moment|at\s+present|yet)\b", re.IGNORECASE)

# "X said it would send ...": reported speech turns "will" into "would"; with a concrete verb that is a
# commitment, while "would be ready", "would consider", "would help" stay willing.
REPORTED_PAST = re.compile(r"\b(?:said|told|added|confirmed|announced|stated|insisted|stressed|declared|pledged|"
                           r"promised|vowed|reiterated|explained|wrote|responded|replied|made\s+clear)\b",
                           re.IGNORECASE)
CONCRETE_WOULD = re.compile(r"would\s+(?:\w+ly\s+)?(?:also\s+)?(?:send|deploy|contribute|provide|supply|deliver|donate|"
                            r"give|fund|finance|lead|host|establish|set\s+up|build|station|maintain|keep\s+(?:\w+ing|up)|"
                            r"continue|"
                            r"hand\s+over|take\s+part|participate|join|be\s+part|take\s+(?:the\s+)?lead|make|"
                            r"mobili[sz]e|allocate|spend|invest|train|equip|increase|boost|step\s+up|expand|extend|"
                            r"put|commit|guarantee|underwrite|stand\s+(?:with|by)|bring)\b", re.IGNORECASE)

# A future promise ("will ...", reported "would ..."): a commitment only when something concrete is named.
FUTURE_PLEDGE = re.compile(r"(?:will|shall|'ll|would|is\s+going\s+to|are\s+going\s+to|pledged|pledges|promised|"
                           r"promises|vowed|vows)\b", re.IGNORECASE)
CONCRETE_ASSET = re.compile(r"(?:[€$£]\s?\d|\b\d[\d,.]*\s*(?:million|billion|bn|m|troops|soldiers|jets|aircraft|"
                            r"ships|personnel)\b|\b(?:troops|soldiers|personnel|servicem[ae]n|jets|fighters|aircraft|"
                            r"planes|ships|warships|frigates|minesweepers|vessels|brigades?|battalions?|compan(?:y|ies)|"
                            r"contingents?|instructors|trainers|systems|patriots?|missiles|weapons|arms|ammunition|"
                            r"equipment|drones|forces|units?|boots|million|billion|funding|package|hubs?|headquarters|"
                            r"air\s+defen[cs]e|air\s+policing|mine-?\w+|minehunters|demining|training|assets|army|navy|air\s+force|"
                            r"bases|airspace|logistics|financial|assistance|aid|f-16s|coalition|force|mission|operation)\b)",
                            re.IGNORECASE)

# "once a ceasefire is reached", "if peace is agreed": the routine framing of a post-war force, not a condition
# of the actor's own (the labelling convention); "only if", "provided", "unless" stay conditions.
ROUTINE_MARKERS = frozenset({"if", "once", "in case"})
ROUTINE_AFTER = re.compile(r"\s+(?:(?:and|or)\s+when\s+)?(?:there\s+is\s+|a\s+|the\s+|any\s+|it\s+|they\s+|"
                           r"such\s+(?:a\s+)?)?(?:\w+\s+){0,3}?(?:cease-?fire|truce|peace|hostilities|fighting|"
                           r"war|settlement|deal|agreement|is\s+concluded|are\s+needed|is\s+needed|needed|"
                           r"required|asked|requested)\b", re.IGNORECASE)

# Markers that make a willing or committing statement conditional ("ready to ... if", "once there is ...").
STRONG_CONDITION = re.compile(r"\b(?:if(?!\s+(?:necessary|needed|need\s+be))|once|unless|"
                              r"as\s+long\s+as(?!\s+(?:it|necessary|needed)\b)|(?<!the\s)only(?!\s+(?:\d|one|two|three|four|five|a\s+few|"
                              r"a\s+handful|countries|nations|states|in\s+the\s+form|natural|logical|fair|right))|provided\s+that|(?<=,\s)provided|providing\s+that|until(?!\s+(?:\d|the\s+end|"
                              r"january|february|march|april|may|june|july|august|september|october|november|"
                              r"december|next|the\s+spring|the\s+summer|the\s+autumn|the\s+winter))|"
                              r"on\s+condition|but\s+first|under\s+(?:the\s+)?(?:right|certain|clear)\s+conditions|"
                              r"in\s+case|assuming|were\s+(?:troops|forces|soldiers)\s+to)\b", re.IGNORECASE)

COMMITMENTS: list[tuple[str, re.Pattern[str]]] = [(k, re.compile(p, re.IGNORECASE)) for k, p in [
    ("troops", r"\b(?:troops?|soldiers?|boots\s+on\s+the\s+ground|peacekeep\w*|personnel|contingents?|brigades?|"
               r"battalions?|ground\s+(?:forces|combat\s+unit|units?)|military\s+presence|reassurance\s+force|"
               r"(?:a|one|two)\s+compan(?:y|ies)|forces\s+(?:to|in|on|into)\s+ukraine|deploy\w*\s+forces|"
               r"forces\s+on\s+the\s+ground|on\s+the\s+ground|servicem[ae]n|instructors|staff\s+officers|"
               r"multinational\s+force|deterrent\s+force|military\s+mission|ground\s+mission|"
               r"military\s+personnel|the\s+military|(?<!air\s)(?:ground\s+|peacekeeping\s+|european\s+|"
               r"multinational\s+|international\s+|foreign\s+|western\s+|stabili[sz]ation\s+|military\s+)?"
               r"forces?|deployments?|units?|specialists|boots|military\s+mission)\b"),
    ("air_defence", r"\b(?:air\s+defen[cs]es?|anti-?aircraft|patriots?|samp/t|iris-t|nasams|air-defen[cs]e|"
                    r"missile\s+defen[cs]e|interceptors?|skyshield|sky\s+shield)\b"),
    ("counter_drone", r"\b(?:counter-?drones?|anti-?drones?|drone\s+(?:defen[cs]e|wall|interceptors?)|"
                      r"interceptor\s+drones?|c-?uas)\b"),
    ("electronic_warfare", r"\b(?:electronic\s+warfare|jamm\w+|ew\s+(?:systems|units|capabilit\w+))\b"),
    ("isr", r"\b(?:surveillance|reconnaissance|intelligence|isr|awacs|satellites?|early\s+warning|"
            r"intelligence-sharing|sensors?|radars?)\b"),
    ("air_power", r"\b(?:jets?|fighters?|f-16s?|f-35s?|eurofighters?|typhoons?|rafales?|gripens?|air\s+policing|"
                  r"air\s+power|air\s+cover|air\s+support|planes|aircraft|in\s+the\s+(?:air|sky|skies)|air\s+force|"
                  r"by\s+air|air\s+(?:patrols?|component|capabilit\w+|mission)|aviation)\b"),
    ("naval", r"\b(?:naval|navy|navies|minesweep\w*|mine-?clear\w*|mine\s+countermeasures|warships?|frigates?|"
              r"destroyers?|ships|at\s+sea|maritime|black\s+sea\s+(?:security|mission|task)|fleet|demining\s+at\s+sea)\b"),
    ("logistics", r"\b(?:logistic\w*|hubs?|transport|airlift|supply\s+lines?|infrastructure|bases|"
                  r"staging|lift)\b"),
    ("training", r"\b(?:train\w*|instructors?|mentor\w*|advisers|advisors|exercis\w+)\b"),
    ("money", r"(?:[€$£]\s?\d|\b\d[\d,.]*\s?(?:bn|m)\b|\b(?:billion|million|bn|funding|financ\w+|loans?|budget|"
              r"euros?|dollars|pounds|crowns|kroner|grants?|money|contribution\s+of\s+[€$£]|fund|funds|"
              r"percent\s+of\s+gdp|%\s+of\s+gdp)\b)"),
    ("weapons", r"\b(?:weapons?|arms|ammunition|shells|missiles?|tanks?|artillery|howitzers?|military\s+aid|"
                r"equipment|armou?red\s+vehicles|drones|rockets?|munitions|military\s+(?:assistance|support)|"
                r"defen[cs]e\s+industry|purl)\b"),
    ("monitoring", r"\b(?:monitor\w*|verif\w+|observers?|observation\s+mission|ceasefire\s+compliance)\b"),
    ("security_guarantee", r"\b(?:security\s+guarantees?|guarantees?|guarantor|article\s+5|backstop|back-stop|"
                           r"reassurance|security\s+assurances?|deterrence)\b"),
]]

# All commitment kinds in one pattern: one pass per sentence finds every kind and where it is.
COMMITMENT_ANY = re.compile("|".join(f"(?P<k{i}>{rx.pattern})" for i, (_, rx) in enumerate(COMMITMENTS)),
                            re.IGNORECASE)


def commitment_spans(text: str, offset: int = 0) -> list[tuple[int, str]]:
    """(position, kind) of every commitment word in ``text``."""
    return [(offset + m.start(), COMMITMENTS[int(m.lastgroup[1:])][0])  # type: ignore[index]
            for m in COMMITMENT_ANY.finditer(text)]


CONDITIONS: list[tuple[Condition, re.Pattern[str]]] = [(c, re.compile(p, re.IGNORECASE)) for c, p in [
    (Condition.US_BACKSTOP, r"\b(?:back-?stop|security\s+net|(?:us|u\.s\.|american|united\s+states|washington)(?:'s)?"
                            r"\s+(?:\w+\s+){0,2}?(?:backing|support|guarantees?|participation|involvement|air\s+cover|"
                            r"cover|commitment|role|presence)|participation\s+and\s+support\s+of\s+the\s+united\s+states|"
                            r"support\s+(?:from|of)\s+(?:the\s+)?(?:us|u\.s\.|united\s+states|americans|washington)|"
                            r"count\s+on\s+the\s+americans)\b"),
    (Condition.UN_MANDATE, r"\b(?:un|u\.n\.|united\s+nations)(?:-|\s+)(?:mandated?|mandate|flag|contingent|"
                           r"resolution|peacekeeping\s+mission|mission|umbrella)|security\s+council\s+(?:resolution|"
                           r"mandate|decision|vote|approval)|blue\s+helmets|under\s+(?:the\s+)?(?:un|u\.n\.|united\s+"
                           r"nations)|voted\s+in\s+the\s+security\s+council|international\s+mandate"),
    (Condition.EU_MANDATE, r"\b(?:eu|european\s+union)(?:-|\s+)(?:mandated?|mandate|flag)|mandate\s+(?:of|from)\s+"
                           r"the\s+(?:eu|european\s+union)|eu\s+mission"),
    (Condition.NATO_COVER, r"\b(?:nato(?:'s)?\s+(?:cover|umbrella|protection|guarantee|backing)|article\s+5\s+"
                           r"(?:protection|cover|guarantee)|under\s+nato)\b"),
    (Condition.PEACE_AGREEMENT, r"\b(?:peace\s+(?:deal|agreement|settlement|treaty|accord|plan|is\s+(?:signed|agreed|"
                                r"secured|reached))|settlement\s+is\s+reached|once\s+peace|after\s+peace|"
                                r"consolidated\s+peace|peace\s+takes\s+hold|end\s+of\s+the\s+war|war\s+ends|"
                                r"after\s+the\s+war|(?:a|any)\s+settlement|negotiated\s+settlement)\b"),
    (Condition.CEASEFIRE_FIRST, r"\b(?:cease-?fire|cessation\s+of\s+hostilities|truce|armistice|end\s+of\s+"
                                r"(?:hostilities|the\s+fighting)|fighting\s+(?:stops|ends|is\s+over)|"
                                r"war\s+is\s+(?:not\s+)?over|after\s+(?:the\s+)?hostilities|post-?war)\b"),
    (Condition.RUSSIA_CONSENT, r"\b(?:(?:russia|moscow)(?:'s|n)?\s+(?:consent|agreement|approval|acceptance|"
                               r"agrees|accepts|consents)|(?:consent|agreement|approval)\s+(?:of|from|with)\s+"
                               r"(?:russia|moscow)|agreement\s+with\s+russia|both\s+sides\s+(?:agree|accept)|"
                               r"(?:acceptable|agreed)\s+to\s+(?:russia|moscow|both\s+sides))\b"),
    (Condition.PARLIAMENT_VOTE, r"\b(?:parliament\w*|bundestag|riigikogu|sejm|storting|riksdag|folketing|eduskunta|"
                                r"saeima|seimas|tweede\s+kamer|national\s+assembly|cortes|house\s+of\s+commons|"
                                r"congress(?:ional)?\s+(?:approval|vote|backing)|backed\s+by\s+parliaments|"
                                r"to\s+the\s+house\s+for\s+a\s+vote|lawmakers\s+(?:must|would|will)|mps\s+vote|"
                                r"legislat\w+\s+(?:approval|vote)|constitutional\s+(?:approval|requirement)|"
                                r"cabinet\s+decision|decision\s+would\s+rest\s+with\s+cabinet)\b"),
    (Condition.NO_TROOPS_IN_UKRAINE, r"\b(?:outside\s+(?:of\s+)?ukraine|beyond\s+ukraine|from\s+(?:neighbouring|"
                                     r"neighboring)|on\s+(?:neighbouring|neighboring)|not\s+(?:be\s+)?(?:deployed\s+)?"
                                     r"(?:in|on|inside|into)\s+ukrain\w*|no\s+boots\s+on\s+the\s+ground|"
                                     r"without\s+(?:sending\s+|deploying\s+)?(?:troops|soldiers|boots)|"
                                     r"on\s+nato\s+territory|from\s+(?:poland|romania|its\s+own\s+territory)|"
                                     r"not\s+on\s+ukrainian\s+soil|away\s+from\s+the\s+front)\b"),
]]
