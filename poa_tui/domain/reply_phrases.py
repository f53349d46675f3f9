"""Families of phrases that mark each kind of reply from Amazon.

Patterns, not fixed sentences: Amazon rewords its emails often. In each pattern a space stands
for any run of whitespace (phrases break across lines) and ' for any apostrophe.
"""

from __future__ import annotations

import functools
import re

from poa_tui.domain.reply_phrases_i18n import TABLES, UNSPACED

APOSTROPHE = "['\u2019\u2018\u02bc`\u00b4]"


def phrases(*patterns: str) -> re.Pattern[str]:
    """One case-insensitive pattern; a space may be any run of whitespace, ' any apostrophe."""
    body = "|".join(patterns).replace("'", APOSTROPHE).replace(" ", r"\s+")
    return re.compile(rf"\b(?:{body})", re.IGNORECASE)


FINAL = phrases(
    r"decided (?:not to (?:reinstate|reactivate|restore)|that you (?:may|can) no longer sell)",
    r"(?:may|can|will) no longer sell on (?:amazon|this marketplace|our)",
    r"(?:may|will) not (?:respond|reply) to (?:any )?further (?:e-?mails?|messages|contacts?"
    r"|correspondence|appeals|submissions)|(?:will|may) no longer (?:respond|reply) to",
    r"(?:will no longer (?:review|accept|consider) (?:any )?(?:further |new )?|not (?:review|accept"
    r"|consider|respond to) (?:any )?further )(?:appeals|submissions|e-?mails|messages"
    r"|correspondence|requests)",
    r"(?:no further (?:appeals|correspondence|submissions) will|further (?:appeals|submissions) "
    r"will not) be (?:reviewed|considered|accepted)",
    r"we will not (?:reinstate|reactivate|restore) your(?![^.]*\b(?:until|unless|without)\b)",
    r"(?:cannot|can't|will not|won't) be (?:reinstated|reactivated)(?! (?:without|unless|until))",
    r"(?:action|decision|closure|deactivation) is (?:permanent|final)|cannot be appealed",
    r"(?:this|it) is (?:our|a) final decision|(?:closed|removed|deactivated|banned) for good",
    r"decision (?:[\w.]+ ){0,5}will not (?:change|be reversed|be reconsidered)",
    r"(?:been|are|were|is|was) (?:removed|deactivated|closed|suspended) permanently"
    r"|been permanently (?:deactivated|closed|removed|suspended|banned)",
    r"not (?:be )?(?:able|permitted|allowed|eligible) to open (?:a )?new (?:seller |selling )?"
    r"account",
)
REINSTATED = phrases(
    r"decided to (?:reinstate|reactivate|restore)|welcome back|back in good standing",
    r"(?:has|have) been (?:reinstated|reactivated|restored)",
    r"we(?:'ve| have)? (?:now )?(?:reinstated|reactivated|restored) (?:your|the following|the "
    r"listings?|these|some of your|all of your|[0-9]+ of your|(?:asins?|listings?|offers?) b0)",
    r"(?:listings?|offers?|asins?) (?:b0[0-9a-z]{8}(?:,? (?:and )?b0[0-9a-z]{8})* )?(?:was|were|is"
    r"|are) (?:now )?"
    r"(?:reinstated|reactivated|restored)\b",
    r"(?:privileges|account|listings?|offers?|asins?) (?:are|is) (?:now )?(?:restored|reinstated"
    r"|reactivated|active again)|(?:account|listings?|asins?) (?:is|are) now active",
    r"(?:accepted|approved) your (?:plan of action|appeal|poa)",
    r"(?:appeal|request) (?:has been|was|is) (?:approved|accepted|successful)",
    r"(?:you can|you may) (?:now )?(?:resume|start|continue) selling|(?:you can|you may) now "
    r"(?:list|sell|offer)",
    r"lifted the (?:restriction|suspension|block|deactivation|hold)",
    r"(?:is|are) (?:live|active|visible|available) again",
    r"(?:will|we'll) reinstate your (?:listings?|asins?|account|selling privileges) on your behalf",
)
INSUFFICIENT = phrases(
    r"(?:greater|more|further|additional) detail(?:s|ed)? (?:on|about|regarding|of|for|explaining"
    r"|around|as to)\b",
    r"(?:plan of action|plan|appeal|poa) (?:you (?:provided|submitted|sent) )?(?:is|was) "
    r"(?:not complete|incomplete|insufficient|not sufficient|not specific enough|unclear"
    r"|too general|too vague)",
    r"(?:did|does) not (?:adequately |sufficiently |fully |clearly )?(?:explain|address|identify"
    r"|describe) (?:the|your|how|what|why)",
    r"(?:did|does) not (?:give|provide|include|contain|show|identify) (?:us )?(?:a |the )?"
    r"(?:clear |specific |complete |convincing )?(?:root cause|explanation|details?)",
    r"root cause (?:is|was) (?:not clear|unclear|not identified)",
    r"(?:update|revise|rewrite) your plan of action",
    r"(?:appeal|plan(?: of action)?|poa|submission) (?:is|was) missing",
)
GENERIC = phrases(
    r"(?:do|does|did) not (?:have|contain|include|provide) (?:enough|sufficient) information"
    r"(?: to (?:reactivate|reinstate) your (?:account|selling privileges|listings?))?",
    r"not enough information|(?:need|require) (?:more|additional|further) information",
    r"information (?:you )?(?:provided|submitted) (?:is|was) (?:not sufficient|insufficient"
    r"|not enough)",
)
ACTION = phrases(
    r"(?:have|has) not (?:yet )?been (?:closed|deleted|removed|implemented|corrected|addressed"
    r"|made|completed|applied|done)(?: or (?:closed|deleted|removed))?",
    r"(?:are|is) still (?:active |live |listed |available |open |stored )?(?:in|on|for) your",
    r"(?:must|need to) be (?:closed|deleted|removed|taken down)",
    r"found (?:restricted|prohibited|active) (?:product )?listings",
)
DOCUMENTS = phrases(
    r"(?:demonstrate|verify|proof of) the authenticity",
    r"not (?:yet )?(?:submitted|provided|sent) (?:the |all )?required documents",
    r"documents? (?:you )?(?:submitted|provided|sent) (?:are|is|were|was) (?:invalid|not valid"
    r"|not acceptable|unacceptable|insufficient|illegible|incomplete)",
    r"(?:could|were) not (?:be )?verif(?:y|ied) (?:the |your )?(?:invoices?|documents?|supplier)",
    r"(?:invoices?|documents?|supplier) (?:you (?:submitted|provided|sent) )?(?:could|can|were"
    r"|was) not (?:be )?verified",
    r"(?:invoices?|documents?) (?:you )?(?:submitted|provided) (?:do|does|did) not (?:meet|show"
    r"|match|include)",
    r"(?:please|kindly) (?:submit|provide|send|resubmit) (?:valid |additional |copies of )?"
    r"(?:documents|documentation|invoices)",
)
DENIED = phrases(
    r"(?:remains|remain|will remain|continues to be|is still|are still|stay) (?:deactivated"
    r"|suspended|blocked|inactive)(?! (?:while|during|until|pending))",
    r"will not be (?:reinstated|reactivated) (?:without|unless|until)",
    r"(?:appeal|request|plan of action) (?:has been|was|is) (?:denied|rejected|declined"
    r"|not accepted|unsuccessful|not approved)",
    r"we(?:'ve| have)? (?:denied|rejected|declined) your (?:appeal|request|plan)",
    r"(?:unable|not able|not be able|not been able|not in a position) to (?:reinstate|reactivate"
    r"|restore|approve)|(?:cannot|can't|can not) (?:reinstate|reactivate|restore) your",
    r"decision was made after reviewing|(?:does|did) not (?:resolve|address) our concerns",
    r"(?:does|do) not meet (?:our|the) (?:requirements|criteria|standards) for (?:reactivation"
    r"|reinstatement)|not eligible for (?:reactivation|reinstatement)",
)
ACKNOWLEDGED = phrases(
    r"we(?:'re| are) (?:currently |still )?(?:reviewing|investigating|looking into)",
    r"(?:currently |still )?(?:under|in) review\b|(?:being|will be) reviewed",
    r"we(?:'ve| have)? received your (?:appeal|plan|submission|information|escalation|e-?mail"
    r"|message|request|documents|response|reply|case)|escalation (?:has been |was )?received",
    r"(?:has|have) been (?:escalated|forwarded|transferred|referred)",
    r"(?:passed|sent|referred) your (?:message|appeal|case|e-?mail|request) to",
    r"we will (?:respond|reply|follow up|notify you|update you|let you know)"
    r"|will (?:contact|call|email) you|will get back to you",
    r"(?:allow|expect a reply|hear (?:back )?from us|within) (?:up to |within )?(?:\d+|one|two"
    r"|three|five|seven) (?:business |working )?(?:days|hours)",
    r"attempted to (?:reach|contact|call) you|at risk of (?:being )?deactivat(?:ion|ed)",
    r"appreciate your patience|thank you for (?:your|submitting|contacting|reaching)",
    r"submitted successfully|in (?:our|the) queue|in the order (?:it was|they were) received",
    r"(?:while|until) we (?:review|investigate|look into|have reviewed)",
)



_ENGLISH = {"final": FINAL, "reinstated": REINSTATED, "insufficient": INSUFFICIENT,
            "action": ACTION, "documents": DOCUMENTS, "generic": GENERIC, "denied": DENIED,
            "acknowledged": ACKNOWLEDGED}


@functools.lru_cache(maxsize=16)
def families(language: str | None) -> dict[str, re.Pattern[str]]:
    """Each family's pattern for a reply in `language`: the English phrases (Amazon's replies
    in other languages often quote English ones) widened by that language's own, if any."""
    table = TABLES.get(language or "")
    if not table:
        return _ENGLISH
    wide = {}
    for name, english in _ENGLISH.items():
        own = table.get(name, [])
        if not own:
            wide[name] = english
            continue
        body = "|".join(own)
        if language not in UNSPACED:
            body = r"\b(?:" + body.replace("'", APOSTROPHE).replace(" ", r"\s+") + ")"
        wide[name] = re.compile(rf"{english.pattern}|{body}", re.IGNORECASE)
    return wide
