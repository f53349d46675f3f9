"""Word lists the readiness checks look for, as compiled patterns with the message for each.

Messages quote the matched words as `{phrase}`. Patterns are written for reviewers' pet hates
found in public advice on appeals; they aim at the phrase itself so the editor can jump to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from poa_tui.domain.checks.findings import Severity
from poa_tui.domain.vocab import Section


def _words(*alternatives: str) -> re.Pattern[str]:
    """Alternatives starting at a word boundary, written in lower case for lower-cased text.

    Matching lower-cased text without IGNORECASE lets the regex engine skip branches on their
    first letter, several times faster than the case-insensitive form on a long section.
    """
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")")


@dataclass(frozen=True)
class PhraseRule:
    """A pattern whose every match is one finding; it runs on the lower-cased section text."""

    id: str
    severity: Severity
    pattern: re.Pattern[str]
    message: str
    only_in: Section | None = None
    quiet_when: re.Pattern[str] | None = None
    """A match is no finding when its sentence also matches this (e.g. owns the cause)."""
    whole_sentence: bool = False
    """Mark the sentence the words sit in: the whole sentence is what should go or change."""


_BLAME = ("\"{phrase}\" puts the blame on %s. Reviewers want to read what in your own process "
          "let this happen.")
_WILL = r"(?:will|['\u2019]ll)"

_CARRIER = (r"(?:carrier|courier|delivery\s+(?:company|driver|firm)|postal\s+service"
            r"|post\s+office|usps|ups|fedex|dhl|royal\s+mail|evri|hermes|dpd|gls|canada\s+post"
            r"|australia\s+post)")

OWNED = re.compile(
    r"(?<!not )(?<!never )(?<!no fault of )\b(?:our|my)\s+(?:own\s+)?(?:decision|choice|mistake"
    r"|error|fault|responsibility|oversight|failure)\b"
    r"|\b(?:we|i)\s+(?:alone\s+)?(?:chose|decided|selected|picked|are\s+responsible"
    r"|were\s+responsible|should\s+have|take\s+(?:full\s+)?responsibility"
    r"|accept\s+(?:full\s+)?responsibility)\b"
    r"|\b(?:fault|responsibility)\s+(?:is|was|lies|lay)\s+(?:ours|mine|with\s+us)\b")
"""A sentence that holds the seller responsible: naming a carrier or a buyer in it is no blame."""
FACT = re.compile(
    r"\d|\b(?:january|february|march|april|june|july|august|september|october|november"
    r"|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|daily|weekly"
    r"|monthly|quarterly|manager|supervisor|lead|officer|director|specialist|bookkeeper"
    r"|inspector|auditor)\b")
"""A checkable fact in a sentence: a number, a date, a frequency or a role."""
FREQUENCY = re.compile(
    r"\b(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly|hourly|nightly"
    r"|(?:every|each)\s+(?:\d+\s+|other\s+)?(?:day|week|month|quarter|year|morning|evening"
    r"|shift|hour|monday|tuesday|wednesday|thursday|friday|saturday|sunday|working|business)"
    r"|(?:once|twice|\d+\s+times)\s+(?:a|per|each)\s+\w+|per\s+(?:day|week|month)"
    r"|within\s+\d+|\d+\s*(?:hours?|days?|weeks?|months?))\b")
"""How often: "every Monday", "weekly", "twice a day", "within 12 hours"."""

PHRASE_RULES: tuple[PhraseRule, ...] = (
    PhraseRule("blames_others", Severity.WARNING, _words(
        r"(?:buyer|customer|purchaser|client)s?(?:['\u2019]s?)?\s+(?:\w+\s+){0,3}?(?:lied|lies|lying"
        r"|abused|abusing|scammed|scamming|cheated|made\s+(?:it|this|that)\s+up|misused"
        r"|falsely\s+(?:claimed|reported|stated|said|accused)|(?:is|was|were|are)\s+(?:wrong"
        r"|dishonest|a\s+scammer))\b",
        r"(?:dishonest|lying|abusive|fraudulent|scamming|serial)\s+(?:buyer|customer|returner)s?\b",
        r"(?:buyer|customer)\s+(?:fraud|abuse|scam)\b"),
        _BLAME % "the buyer", quiet_when=OWNED),
    PhraseRule("blames_others", Severity.WARNING, _words(
        r"amazon(?:['\u2019]s)?\s+(?:own\s+)?(?:mistake|error|fault|bots?)\b",
        r"amazon\s+(?:made\s+a\s+mistake|got\s+(?:it|this)\s+wrong|(?:is|was)\s+wrong|lost"
        r"|damaged|mixed\s+up|commingled)\b",
        r"(?:wrongly|unjustly|wrongfully|mistakenly)\s+(?:suspended|deactivated|flagged|removed"
        r"|accused|banned|blocked)\b",
        r"(?:your|amazon['\u2019]s)\s+(?:warehouse|fulfil?l?ment\s+cent(?:er|re)|team|system)"
        r"\s+(?:lost|damaged|mixed|made\s+a\s+mistake|got\s+it\s+wrong)\b"),
        _BLAME % "Amazon", quiet_when=OWNED),
    PhraseRule("blames_others", Severity.WARNING, _words(
        _CARRIER + r"(?:['\u2019]s)?\s+(?:\w+\s+){0,2}?(?:lost|failed|messed|mishandled|damaged|delayed"
        r"|never\s+delivered|did\s+not\s+deliver|didn['\u2019]t\s+deliver|misdelivered"
        r"|(?:is|was)\s+to\s+blame|(?:is|was)\s+at\s+fault|fault|mistake|error"
        r"|did\s+not\s+(?:collect|pick\s+up|scan|turn\s+up|come)|didn['\u2019]t\s+(?:collect"
        r"|pick\s+up|scan|turn\s+up|come)|(?:was|were)\s+late)\b",
        r"(?:caused\s+by|due\s+to|because\s+of|(?:a\s+)?result\s+of)\s+(?:the\s+|our\s+)?"
        + _CARRIER + r"(?:['\u2019]s)?\s+(?:\w+\s+)?(?:delays?|mistakes?|errors?|failures?"
        r"|problems?|issues?)\b"),
        _BLAME % "the carrier", quiet_when=OWNED),
    PhraseRule("blames_others", Severity.WARNING, _words(
        r"competitors?(?:['\u2019]s?)?\s+(?:\w+\s+){0,3}?(?:sabotag\w*|attack\w*|targeted|fake"
        r"|false|malicious|jealous|reported\s+us|set\s+us\s+up)",
        r"sabotag\w+",
        r"(?:fake|bogus|fraudulent|malicious|baseless|unfounded|frivolous)\s+(?:complaints?"
        r"|reports?|claims?|feedback|a-to-z|chargebacks?|accusations?|allegations?)\b",
        r"false\s+(?:complaints?|reports?|accusations?|allegations?)\b",
        r"(?:complaints?|claims?|reports?|feedback|reviews?)\s+(?:is|was|are|were)\s+(?:fake|false|bogus"
        r"|fraudulent|malicious|baseless|unfounded|made\s+up)\b"),
        _BLAME % "a competitor or the complaint itself", quiet_when=OWNED),
    PhraseRule("blames_others", Severity.WARNING, _words(
        r"(?:not|never)\s+(?:our|my)\s+fault\b",
        r"(?:we|i)\s+did\s+nothing\s+wrong\b",
        r"no\s+fault\s+of\s+(?:our|my)\s+own\b",
        r"(?:we|i)\s+(?:am|are)\s+(?:completely\s+|totally\s+|entirely\s+)?innocent\b",
        r"(?:beyond|outside|out\s+of)\s+(?:our|my)\s+(?:control|hands)\b"),
        "\"{phrase}\" denies responsibility. Own the cause, even when others played a part."),
    PhraseRule("emotive_language", Severity.WARNING, _words(
        r"please(?:[\s,!.]+please)+\b",
        r"(?:beg|begs|begged|begging|implore|imploring|plead|pleading)\b",
        r"desperat(?:e|ely|ion)\b",
        r"(?:my|our)\s+(?:famil(?:y|ies)(?!\s+of\b)|kids|children|wife|husband|parents"
        r"|livelihood|life\s+savings)\b",
        r"livelihood\b", r"bankrupt(?:cy)?\b", r"ruin(?:ed|s|ing)?\s+(?:my|our|us|me)\b", r"devastat\w*",
        r"heart\s*broken\b", r"mercy\b", r"unfair(?:ly|ness)?\b", r"unjust\b",
        r"ridiculous\b", r"outrage\w*", r"disgrace\w*", r"absurd\b",
        r"feel\s+(?:so\s+)?(?:sad|terrible|awful|helpless|hopeless)\b"),
        "\"{phrase}\" is emotive. Reviewers decide on facts, figures and dates; leave feelings out."),
    PhraseRule("emotive_language", Severity.WARNING, _words(
        r"(?:will|would|shall|going\s+to|plan\s+to|intend\s+to|can|may|might|to)\s+sue\b",
        r"suing\b", r"sue\s+(?:amazon|you)\b", r"legal\s+action\b", r"law\s*suits?\b",
        r"(?:take|taking)\s+(?:you|amazon|this)\s+to\s+court\b",
        r"(?:my|our)\s+(?:lawyers?|attorneys?|solicitors?|legal\s+team)\s+(?:will|would|is|are"
        r"|has|have|says?)\b",
        r"(?:contact|involve|hear\s+from|speak\s+(?:to|with))\s+(?:my|our)\s+(?:lawyers?"
        r"|attorneys?|solicitors?|legal\s+team)\b",
        r"(?:we|i)\s+will\s+escalate\b", r"escalat\w*\s+(?:this|the\s+matter|it)\s+to\b",
        r"jeff\s+bezos\b", r"jeff@amazon\b"),
        "\"{phrase}\" reads as a threat. Legal or escalation talk inside the plan works against you."),
    PhraseRule("future_tense_remedy", Severity.WARNING, _words(
        r"(?:will|shall|won['\u2019]t)\b", r"['\u2019]ll\b", r"going\s+to\b",
        r"(?:plan|plans|planning|intend|intends|intending)\s+to\b", r"(?:is|are)\s+about\s+to\b"),
        "\"{phrase}\" points to the future. This section is for actions already taken; move plans "
        "to Systematic Changes or finish them first.", only_in=Section.IMMEDIATE_REMEDY),
    PhraseRule("support_case_reference", Severity.WARNING, _words(
        r"(?:case|ticket)\s*(?:id\b|#|number\b|no\.)\s*:?\s*#?\s*\d*",
        r"case\s+\d{6,}\b",
        r"(?:support|seller\s+support|open|previous|earlier|existing|pending)\s+(?:case|ticket)s?\b",
        r"as\s+(?:i|we)\s+(?:have\s+)?(?:already\s+)?(?:mentioned|said|stated|explained|wrote"
        r"|told\s+you)\s+(?:in|on|to)\s+(?:my|our|the|a|your)\s+(?:\w+\s+)?(?:case|ticket|call|chat"
        r"|e-?mail|message|appeal|submission|letter)s?\b",
        r"(?:see|refer\s+to)\s+(?:my|our|the)\s+(?:previous|earlier|last)\s+(?:appeal|e-?mail"
        r"|message|submission|case)\b"),
        "\"{phrase}\" points to a support case or an earlier message. Amazon asks for a plan that "
        "stands on its own."),
    PhraseRule("unaware_of_policy", Severity.WARNING, _words(
        r"(?:i|we)\s+(?:was|were|am|are)\s+(?:not\s+|un)aware\b",
        r"(?:i|we)\s+(?:wasn['\u2019]t|weren['\u2019]t)\s+aware\b",
        r"(?:i|we)\s+(?:did\s+not|didn['\u2019]t|never)\s+(?:know|realis\w*|realiz\w*|understand)\b",
        r"(?:i|we)\s+(?:was|were)\s+not\s+familiar\s+with\b", r"unfamiliar\s+with\b",
        r"unaware\s+(?:of|that)\b", r"(?:no\s*one|nobody)\s+(?:told|informed)\s+(?:us|me)\b",
        r"ignoran(?:t|ce)\s+of\b", r"new\s+to\s+(?:selling\s+on\s+)?amazon\b",
        r"lack(?:ed)?\s+(?:of\s+)?(?:knowledge|understanding|awareness)\s+of\b"),
        "\"{phrase}\": not knowing a rule is not a root cause Amazon accepts. Name the step your "
        "process was missing instead."),
    PhraseRule("business_introduction", Severity.WARNING, _words(
        r"(?:we|i)\s*(?:have|['\u2019]ve)\s+been\s+(?:selling|trading|in\s+business|an?\s+(?:amazon\s+)?"
        r"seller)(?:\s+on\s+amazon)?\s+(?:since|for)\b",
        r"(?:we\s+are|we['\u2019]re|i\s+am|i['\u2019]m)\s+an?\s+(?:small|family|family-run"
        r"|family-owned|growing|new|young|reputable|trusted|honest|legitimate|proud|dedicated"
        r"|passionate|hard-working)\s+(?:\w+\s+)?(?:business|company|seller|brand|shop|store)\b",
        r"our\s+(?:company|business|brand|store|shop)\s+was\s+(?:founded|established|started"
        r"|set\s+up)\b"),
        "\"{phrase}\" introduces the business. Amazon asks for no background: open with the facts."),
    PhraseRule("business_introduction", Severity.WARNING, re.compile(
        r"^[ \t]*(?:dear|hello|hi|greetings|to\s+whom\s+it\s+may\s+concern)\b[^\n]{0,40}$",
        re.MULTILINE),
        "\"{phrase}\" is a greeting. The plan needs no salutation: open with the facts."),
    PhraseRule("business_introduction", Severity.WARNING, _words(
        r"(?:professional|registered|established|experienced|trusted|top|successful|reputable)"
        r"\s+(?:amazon\s+)?sellers?\s+(?:since|for)\b",
        r"(?:selling|trading|in\s+business)\s+(?:on\s+amazon\s+)?(?:since\s+(?:19|20)\d\d"
        r"|for\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?(?:\d+|\w+)\s+years)\b",
        r"(?:thousands|hundreds|millions|tens\s+of\s+thousands)\s+of\s+(?:happy\s+|satisfied\s+"
        r"|loyal\s+)?(?:customers|buyers|orders|sales)\b",
        r"(?:excellent|great|positive|outstanding|spotless|perfect|impeccable)\s+(?:feedback|track"
        r"\s+record|selling\s+history|reputation|account\s+health)\b",
        r"(?:many|several|\d+|over\s+\d+)\s+years\s+of\s+experience\b",
        r"an?\s+established\s+(?:business|company|seller|brand)\b",
        r"(?:first|only)\s+(?:issue|complaint|problem|violation)\s+(?:we\s+have|we['\u2019]ve|i\s+have)"
        r"\s+(?:ever\s+)?had\b"),
        "\"{phrase}\" is business history. Amazon reads past it: the years you have sold say "
        "nothing about this problem. Open with what went wrong instead."),
    PhraseRule("generic_opening", Severity.WARNING, _words(
        r"thank(?:s|\s+you)\s+(?:(?:very\s+|so\s+)?much\s+)?for\b",
        r"(?:we|i)\s+(?:would\s+like\s+to\s+)?(?:sincerely\s+)?thank\s+(?:you|amazon|the|your)\b",
        r"(?:we|i)\s+(?:greatly\s+|truly\s+|really\s+)?appreciate\s+(?:the|this|your)\s+"
        r"(?:opportunity|chance|time|patience|consideration)\b",
        r"tak(?:e|es|ing)\s+(?:[\w'\u2019-]+\s+){0,8}?(?:very|extremely|most|really|highly|quite"
        r"|so)?\s*seriously\b"),
        "\"{phrase}\" is the opening every template uses; a reviewer skips it and it crowds out "
        "facts. Start with the first fact: what went wrong, for which orders or ASINs, and when.", whole_sentence=True),
    PhraseRule("policy_reading", Severity.WARNING, _words(
        r"(?:read|re-read|reread|reading|reviewed|reviewing|studied|studying|gone\s+through"
        r"|went\s+through|go\s+through|familiari[sz]ed\s+(?:ourselves|myself)\s+with"
        r"|educated\s+(?:ourselves|myself)\s+on|(?:read|reviewed)\s+and\s+understood)"
        r"\s+(?:[\w'\u2019-]+\s+){0,5}?(?:policies|policy|guidelines|terms\s+of\s+service"
        r"|help\s+pages|rules|code\s+of\s+conduct"
        r"|(?:business\s+solutions|seller|selling|participation)\s+agreement)\b"),
        "\"{phrase}\": reading the rules is not a fix Amazon can see. Say what changed because of "
        "them: which listing, setting or check, who does it, and since which date.",
        quiet_when=FACT, whole_sentence=True),
    PhraseRule("no_frequency", Severity.WARNING, _words(
        r"regularly|periodically|continuously|continually|constantly|consistently|frequently"
        r"|routinely|from\s+time\s+to\s+time|on\s+an?\s+(?:regular|continuous|periodic|ongoing"
        r"|consistent|routine)\s+basis|at\s+regular\s+intervals"),
        "\"{phrase}\" gives no frequency, so nobody can tell whether it happens. Say how often "
        "(every day at 14:00, each Monday), who does it and since when.",
        quiet_when=FREQUENCY, whole_sentence=True),
    PhraseRule("denial", Severity.WARNING, _words(
        r"(?:we|i)\s+(?:have\s+|had\s+)?never\s+(?:\w+\s+){0,2}?(?:sold|listed|sell|supplied"
        r"|offered|copied|infringed|violated|sourced)\b",
        r"(?:all\s+)?(?:of\s+)?(?:our|my)\s+(?:products|items|goods|inventory|stock|units)\s+"
        r"(?:are|is|were)\s+(?:all\s+|always\s+|completely\s+|entirely\s+)?(?:100\s*%\s+)?"
        r"(?:genuine|authentic|original|legitimate)\b",
        r"100\s*%\s+(?:genuine|authentic|original|legit\w*)\b",
        r"(?:it\s+was|it['\u2019]s|it\s+is)\s+(?:never|not)\s+(?:our|my)\s+intention\b",
        r"(?:we|i)\s+(?:only|always)\s+sell\s+(?:100\s*%\s+)?(?:genuine|authentic|original)\b"),
        "\"{phrase}\" argues with the notice. A reviewer weighs records, not assurances: show the "
        "invoice, the listing change or the inspection result that proves the point instead.", whole_sentence=True),
    PhraseRule("empty_apology", Severity.WARNING, _words(
        r"apologi[sz](?:e|es|ed|ing)\b", r"apolog(?:y|ies)\b",
        r"(?:we\s+are|we['\u2019]re|i\s+am|i['\u2019]m)\s+(?:very\s+|truly\s+|deeply\s+|so\s+"
        r"|sincerely\s+|extremely\s+)?sorry\b",
        r"(?:we|i)\s+(?:deeply\s+|sincerely\s+|truly\s+)?regret\b"),
        "\"{phrase}\" carries no fact, so it reads as a template. Drop it, or say what you did for "
        "the buyers affected: refunds, replacements, messages, with dates and numbers.",
        quiet_when=FACT, whole_sentence=True),
    PhraseRule("vague_wording", Severity.HINT, _words(
        r"(?:very|really|extremely|highly|greatly|significantly|substantially|considerably"
        r"|various|numerous|several|many|fairly|quite|somewhat|basically|generally|asap)\b",
        r"(?:lots\s+of|a\s+lot\s+of|a\s+number\s+of|some\s+of|more\s+or\s+less|almost\s+all"
        r"|most\s+of|as\s+soon\s+as\s+possible|in\s+a\s+timely\s+manner)\b"),
        "\"{phrase}\" is vague. A number or a date says more."),
)

PLACEHOLDER_MESSAGE = "Placeholder left in: \"{phrase}\". Put in the real detail or delete it."
PLACEHOLDERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?=[0-9-]*X)[0-9X]{3}-[0-9X]{7}-[0-9X]{7}\b"),
    re.compile(r"\bB0[0-9A-Z]{0,7}X{3,}[0-9A-Z]*\b"),
    re.compile(r"\[(?!\s?\]|\d+\])[^\[\]\n]{1,80}\](?![(\[:])"),
    re.compile(r"<(?!https?:|mailto:|/?(?:br|b|i|u|em|strong|p|sup|sub)\s*/?>)[A-Za-z][^<>@\n]{0,80}>"),
    re.compile(r"\{[^{}\n]{1,80}\}"),
    re.compile(r"\b(?:TODO|TBD|TBC|FIXME)\b|\b(?:XX|[Xx]{3,})\b"),
    re.compile(r"\blorem\s+ipsum\b|\((?:insert|enter|add)\s[^()\n]{1,60}\)"
               r"|\b(?:insert|enter)\s+[^.\n]{1,40}?\bhere\b", re.IGNORECASE),
)
CHECKBOX_PREFIX = re.compile(r"[ \t]*[-*+][ \t]+$")

VAGUE_PROMISE = _words(
    _WILL + r"\s+(?:do|be)\s+(?:much\s+|a\s+lot\s+|our\s+)?better\b",
    _WILL + r"\s+(?:always\s+)?(?:make\s+sure|ensure|try|strive|endeavou?r|aim|do\s+(?:our|my)\s+best"
    r"|be\s+(?:more\s+|extra\s+|very\s+)?(?:careful|vigilant|diligent|attentive|cautious)"
    r"|pay\s+(?:more\s+|closer\s+|close\s+)?attention|work\s+harder|improve|take\s+(?:more\s+|extra\s+)?care"
    r"|keep\s+an\s+eye|monitor|follow|read|review|comply|adhere|abide|learn|continue|check|verify"
    r"|audit|inspect|update)\b",
    _WILL + r"\s+(?:only\s+|now\s+|also\s+)?(?:carefully|closely|thoroughly|properly|strictly"
    r"|diligently)\b",
    r"(?:try|trying)\s+(?:our|my)\s+best\b", r"going\s+forward\b",
    r"(?:never|not|won['\u2019]t)\s+happen\s+again\b", r"more\s+careful(?:ly)?\b",
    r"best\s+efforts?\b")
VAGUE_PROMISE_MESSAGE = ("\"{phrase}\" is a promise with no date, number or person responsible. "
                         "Say who does what, how often and from when.")
SPECIFIC = re.compile(r"\d|\b(?:" + "|".join((
    r"daily|weekly|fortnightly|monthly|quarterly|annually|yearly|hourly"
    r"|once|twice|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred",
    r"january|february|march|april|june|july|august|september|october|november|december"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    r"manager|supervisor|officer|director|lead|head\s+of|coordinator|specialist|auditor"
    r"|inspector|accountant|ceo|coo|cfo|founder|owner|compliance\s+team")) + r")\b")
"""Anything that makes a promise checkable: a digit, a date or frequency word, a role."""
EFFECT_OF_CHANGE = re.compile(
    r"(?:this|these|that|those|which|it|together,?\s+these|doing\s+so|the\s+(?:new\s+)?"
    r"(?:change|changes|check|checks|step|steps|rule|rota|process|carton|set-?up))\b")
"""A sentence opening that points back to the change before it: "This will reduce ..." states
the effect of that change, which is as checkable as the change itself."""

EXCLAMATIONS = re.compile(r"!(?!\[)")
EXCLAMATION_RUN = re.compile(r"!{2,}")
CAPS_WORD = re.compile(r"\b[A-Z][A-Z'\u2019]*[A-Z]\b")
CAPS_GAP = re.compile(r"[\s,;:!.&/-]*")
COMPANY_WORDS = frozenset({"CO", "LTD", "LLC", "INC", "GMBH", "CORP", "LIMITED", "PLC", "COMPANY",
                           "SRL", "BV", "AG", "SA", "SAS", "SPA", "KG", "OY", "AB", "PTY"})
"""A run of capitals holding one of these is a company name, not shouting."""
EMPHATIC_CAPS = frozenset({"PLEASE", "URGENT", "NEVER", "HELP", "IMMEDIATELY", "NOTHING", "INNOCENT"})
ACRONYMS = frozenset("""
    A-TO-Z AG AM API APEX ASIN ASINS BSR BV CE CEO CFO CO COO CPC CPSC CS CSV DDP DHL DMCA DPD EAN
    EANS EPA ERP EU EUTM FAQ FBA FBM FC FCC FDA FTC GLS GMBH GS GTIN HR ID IDS IP ISBN IT KPI KPIS
    LLC LOA LSR LTD MFN MSDS NCX NV ODR OK PDF PLC PM PO POA PPC QA QC QR ROHS SA SAS SDS SKU SKUS
    SOP SOPS SP SPA SRL TM UK UKCA UPC UPS URL US USA USPS VA VAT VTR
""".split())
