"""Read Amazon's reply to an appeal: which of the seven outcomes it is and what it asks for.

Amazon rewords its emails often, so the classifier looks for families of phrases, not fixed
sentences: case does not matter, phrases may break across lines, any apostrophe matches. The
outcome follows a fixed precedence (see `_decide`): final, reinstated, insufficient_poa,
action_required, documents_requested (each by its own phrases), then what the reply asks for
(actions, else documents), a bare "not enough information" (insufficient_poa), denied, and
acknowledged. There is no fallback: a reply none of these fit has no outcome (None) and a
`reason` saying why, so the user chooses rather than being told to wait. The families hold the
other marketplace languages too (`reply_phrases_i18n`); `language` names the reply's. A phrase inside a condition ("if we need more
information ...") does not count; quoted history ("-----Original Message-----", "On ... wrote:",
lines starting with ">") is ignored. No Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from poa_tui.domain import identifiers
from poa_tui.domain.language import READ_LANGUAGES, detect_language, language_name
from poa_tui.domain.models import Request
from poa_tui.domain.reply_phrases import REINSTATED, families
from poa_tui.domain.textsafety import strip_controls
from poa_tui.domain.vocab import Outcome

__all__ = ["Classification", "classify_reply", "reply_fit"]

_READ_LIMIT = 100_000  # a reply is a few thousand characters; the rest of a huge paste is noise
_MAX_REQUESTS = 40
_MAX_EVIDENCE = 12
_CONDITION = re.compile(r"\b(?:if|unless|once|until|whether|should you)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;:](?:\s|$)|\n\s*\n")
_QUOTED_HISTORY = re.compile(r"^[ \t]*(?:-{2,}[ \t]*(?:original|forwarded) message[ \t]*-{2,}"
                             r"|on\b.{4,160}\bwrote:)[ \t]*$", re.IGNORECASE | re.MULTILINE)
_SPACE = re.compile(r"\s+")

# Requests: list items, and sentences that ask for something ------------------------------------
_I = re.IGNORECASE
_BULLET = re.compile(r"^\s*(?:[-\u2013\u2014\u2022*\u00b7\u25aa\u25cf\u25e6\u2023\u2043]+"
                     r"|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|o)\s+(?=\S)")
_SIGN_OFF = re.compile(r"\s*(?:(?:kind |best |warm )?regards|thanks|thank you|sincerely|cheers"
                       r"|seller performance)\b", _I)
_ID_ITEM = re.compile(r"^(?:B0[0-9A-Z]{8}|\d{3}-\d{7}-\d{7}|\d{9}[\dX])\b|^(?:asin|sku|title"
                      r"|order(?: id)?|complaint id|trademark(?: number)?|brand|infringement type)"
                      r"\s*[:#]", _I)
_ASIN = re.compile(r"\bB0[0-9A-Z]{8}\b", _I)
_DETAIL_ITEM = re.compile(
    r"\b(?:greater|more|further|additional) detail(?:s|ed)? (?:on|about|regarding|of|for"
    r"|explaining|around|as to)\b.*?(?=[.;!?](?:\s|$)|\s[-\u2013\u2014\u2022*]\s|$"
    r"|\b(?:greater|more|further|additional) details? (?:on|about|regarding)\b)", _I | re.DOTALL)
_VERBS = (r"delete|close|remove|take down|confirm|stop|cease|discontinue|edit|update|correct"
          r"|lower|reduce|reprice"
          r"|modify|change|cancel|dispose of|destroy|recall|withdraw|deactivate"
          r"|create a removal order|make (?:these|the|those|this) (?:changes?|corrections?)")
_ASK_WORDS = r"please|kindly|you must|you need to|you will need to|you are required to"
_IMPERATIVE = re.compile(rf"^(?:{_VERBS})\b(?!-)", _I)
"""A list item that starts with a verb; 'complete' is left out ("Complete supplier details")."""
_ACTION_ASK = re.compile(rf"\b(?:{_ASK_WORDS}|we ask that you|we need you to|until you|unless you)\s+(?:(?:also|first"
                         rf"|immediately|then)\s+)*(?P<clause>(?P<verb>{_VERBS}|complete)\b(?!-)"
                         r"[^.!?]*)", _I)
_ACTION_SPLIT = re.compile(
    rf"\s+and\s+(?:then\s+|also\s+)?(?=(?:{_VERBS}|complete)\b)|\s+and\s+(?=(?:then\s+)?(?:provide"
    r"|send|submit|include|upload|attach|share|write|reply|respond|let us know|tell us|notify us)"
    r"\b)|,?\s+then\s+|\s+before\s+(?:we|you|your)\b", _I)
_REVISION = re.compile(r"\s*(?:update|revise|edit|change|correct) (?:your |the )?(?:plan|appeal"
                       r"|poa)", _I)
_DOCUMENT = re.compile(
    r"\b(?:invoices?|receipts?|letters? of (?:authori[sz]ation|authenticity|compliance"
    r"|distribution)|LOAs?\b|utility bills?|(?:bank|credit card) statements?"
    r"|(?:lab(?:oratory)? )?test reports?|children['\u2019]s product certificates?|CPCs?\b"
    r"|certificates? of (?:conformity|compliance|analysis|incorporation|registration)"
    r"|declarations? of conformity|safety data sheets?|SDS\b|business licen[cs]es?"
    r"|business registration|trademark registration|brand registry certificates?"
    r"|(?-i:ID\b)|passports?|identity documents?|driver['\u2019]?s licen[cs]es?"
    r"|photos?\b|photographs?|pictures?\b|images? of|proof of (?:delivery|purchase|address"
    r"|identity)|tracking (?:numbers?|information|details)|purchase orders?"
    r"|(?:supply|supplier|distribution|distributor) agreements?|(?:import|export|customs) "
    r"(?:documents?|records?|declarations?)|order confirmations?|packing slips?)", _I)
_ASKING = re.compile(rf"\b(?:{_ASK_WORDS}|we need|we require|send us|provide us|until you"
                     r"|unless you|must be (?:provided|submitted|sent|included))\b", _I)
_INTRODUCER = re.compile(r"\b(?:such as|including|include|following|send|provide|submit"
                         r"|resubmit|upload|attach|share|need|require)\b\s*:?|:", _I)
_SEPARATOR = re.compile(r"(\s*[,;]\s*(?:and/or\s+|and\s+|or\s+)?|\s+(?:and/or|and|or|as well as"
                        r"|along with|together with)\s+|\s+[-\u2013\u2014\u2022]\s+)", _I)
_TAIL_END = re.compile(rf"\s+and\s+(?:then\s+)?(?=(?:{_VERBS})\b)|\bplease\b|\bso that\b"
                       r"|\s(?:in order )?to (?:complete|verify|confirm|help|continue|demonstrate"
                       r"|reinstate|reactivate|review)\b", _I)
_LEADING_WORDS = re.compile(r"^(?:(?:please|kindly|us|and|or|also|then|together with|along with"
                            r"|as well as|a|an|the|any|all)\s+)+", _I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_DASHES = ("-", "\u2013", "\u2014", "\u2022")
_LEAD_IN_END = re.compile(r"(?::|\bthe following|\bas follows)\s*$", _I)
_LEAD_IN_ASK = re.compile(r"\b(?:please|send|provide|submit|include|upload|attach|need|require"
                          r"|required|must|explain|describe|address|take|complete|missing)\b", _I)
_LEAD_IN_KINDS = (
    ("document", re.compile(r"\b(?:documents?|documentation|proof|evidence|records)\b", _I)),
    ("detail", re.compile(r"\b(?:explains?|describes?|plan of action|root cause|details?)\b", _I)),
    ("action", re.compile(rf"\b(?:actions?|do the following|take the following|{_VERBS})\b", _I)),
)
_POINTER = re.compile(r"\b(?:below|following|listed|these)\b", _I)
_CALL = re.compile(r"\b(?:book|schedule|arrange|set up|join|take part in)\s+(?:a|an)\s+(?:(?:short"
                   r"|brief|live)\s+)?(?:(?:video|phone|telephone)\s+)?(?:call|meeting|interview)\b"
                   r"[^.!?]*", _I)
_CALL_OPENS = re.compile(r"^\s*(?:(?:to|in order to|before)\b[^,.]{0,60},\s*)?(?:(?:please|kindly)"
                         r"\s+)?(?:book|schedule|arrange|set up|join)\b", _I)
"""A sentence that opens by asking for a call, after any "To continue," lead-in."""
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "five": 5, "seven": 7, "ten": 10,
                 "fourteen": 14, "thirty": 30, "seventy-two": 72, "forty-eight": 48}
_WITHIN = re.compile(
    r",?\s*\b(?:within|in the next)\s+(?:the\s+next\s+)?(?P<n>\d{1,3}|"
    + "|".join(_NUMBER_WORDS) + r")(?:\s*\(\d{1,3}\))?\s+(?P<unit>(?:business\s+|working\s+"
    r"|calendar\s+)?(?:days?|hours?))\b(?!\s+(?:of|after|from|following)\b)", _I)
"""A time limit set for a request ("within 14 days"); never "within the last 90 days"."""
_REFERS_BACK = re.compile(r"\b(?:please\s+)?(?:send|provide|submit|upload|do)\s+(?:it|them|this|these"
                          r"|so)\b", _I)
_REQUIREMENT = re.compile(r"\b(?:must|should|needs? to)\s+(?:match|be the same as|show|include"
                          r"|be issued|be legible)\b", _I)
"""A condition a requested document must meet, said in its own sentence: a detail to check."""


@dataclass
class Classification:
    """What a reply means: the outcome, the phrases that decided it and what Amazon asks for."""

    outcome: Outcome | None
    """None when the reply could not be placed; `reason` then says why."""
    evidence: list[str] = field(default_factory=list)
    """Phrases as they appear in the reply (line breaks shown as spaces), in reading order."""
    requests: list[Request] = field(default_factory=list)
    confidence: float = 0.0
    """0 to 1: how sure the classifier is; low when nothing matched or signals conflict."""
    listings: list[str] = field(default_factory=list)
    """For a reinstatement: the ASINs the reply says are back (empty when it names none)."""
    language: str | None = None
    """The ISO 639-1 code of the reply's language, None when too short to tell."""
    reason: str | None = None
    """Why no outcome could be placed (only when `outcome` is None)."""

    def to_dict(self) -> dict[str, Any]:
        """The shape printed by `poa-tui classify-reply --json`."""
        return {"class": self.outcome.value if self.outcome else None,
                "reason": self.reason, "language": self.language, "evidence": list(self.evidence),
                "requests": [{"text": r.text, "kind": r.kind}
                             | ({"within": r.within} if r.within else {})
                             for r in self.requests],
                "listings": list(self.listings)}


@dataclass
class _Ask:
    """A request while it is being read: `phrase` is the wording that shows it was asked."""

    text: str
    kind: str
    phrase: str
    ids: list[str] = field(default_factory=list)
    within: str | None = None
    at: int = 0
    """Where the request stands in the reply, as an offset into its squashed, lowered text."""


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _readable(text: str) -> str:
    """Prepare pasted text: no escapes or control characters, no quoted earlier messages."""
    text = strip_controls(text)[:_READ_LIMIT].replace("\u00a0", " ")
    for marker in _QUOTED_HISTORY.finditer(text):
        if len(text[:marker.start()].strip()) > 40:
            text = text[:marker.start()]
            break
    return "\n".join(line for line in text.split("\n") if not line.lstrip().startswith(">"))


def _conditional(text: str, start: int) -> bool:
    """True when the phrase at `start` sits in a sentence that opens with a condition."""
    window = text[max(0, start - 240):start]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    return _CONDITION.search(window, ends[-1] if ends else 0) is not None


def _evidence(pattern: re.Pattern[str], text: str) -> list[str]:
    """Distinct phrases matching `pattern` outside conditions, in reading order."""
    found: dict[str, str] = {}
    for match in pattern.finditer(text):
        phrase = _squash(match.group())
        if phrase.lower() not in found and not _conditional(text, match.start()):
            found[phrase.lower()] = phrase
            if len(found) >= _MAX_EVIDENCE:
                break
    return list(found.values())


def _tidy(text: str) -> str:
    """A request as a clean to-do line: no leading 'please', 'and' or article; capitalised."""
    text = _LEADING_WORDS.sub("", _squash(text).strip(" .;,:"))
    return text[:1].upper() + text[1:]


def _document_items(sentence: str) -> list[_Ask]:
    """Documents named in one asking sentence, split at commas and 'and'/'or' between them."""
    first = _DOCUMENT.search(sentence)
    starts = [m.end() for m in _INTRODUCER.finditer(sentence, 0, first.start())] if first else []
    if not starts:
        return []
    tail = sentence[starts[-1]:]
    end = _TAIL_END.search(tail)
    pieces = _SEPARATOR.split(tail[:end.start()] if end else tail)
    items: list[str] = []
    for index in range(0, len(pieces), 2):
        if _DOCUMENT.search(pieces[index]):
            items.append(pieces[index])
        elif items and pieces[index - 1].strip() not in _DASHES:  # "a bill, dated this year"
            items[-1] += pieces[index - 1] + pieces[index]
    texts = [(_tidy(item), item) for item in items]
    return [_Ask(text, "document", _DOCUMENT.search(item).group()) for text, item in texts if text]


def _limit(sentence: str) -> str | None:
    """The time limit a sentence sets, as "14 days" or "72 hours"."""
    found = _WITHIN.search(sentence)
    if found is None:
        return None
    n = found["n"].lower()
    count = _NUMBER_WORDS.get(n, None) or int(n)
    unit = " ".join(found["unit"].lower().split())
    unit = unit if unit.endswith("s") or count == 1 else unit + "s"
    return f"{count} {unit[:-1] if count == 1 and unit.endswith('s') else unit}"


def _sentence_asks(sentence: str) -> list[_Ask]:
    """The requests in one prose sentence, each with the sentence's time limit."""
    asks = _sentence_asks_only(sentence)
    within = _limit(sentence)
    for ask in asks:
        ask.within = ask.within or within
        ask.text = _tidy(_WITHIN.sub("", ask.text)) or ask.text
    return asks


def _sentence_asks_only(sentence: str) -> list[_Ask]:
    asks = [_Ask(_tidy(m.group()), "detail", m.group()) for m in _DETAIL_ITEM.finditer(sentence)]
    if (call := _CALL.search(sentence)) and (_ASKING.search(sentence)
                                             or _CALL_OPENS.match(sentence)):
        asks.append(_Ask(_tidy(call.group()), "call", call.group()))
    if not _ASKING.search(sentence):
        return asks
    for match in _ACTION_ASK.finditer(sentence):
        phrase = _squash(sentence[match.start():match.end("verb")])
        for part in _ACTION_SPLIT.split(match.group("clause")):
            if re.match(rf"{_VERBS}|complete", part, _I) and not _REVISION.match(part):
                asks.append(_Ask(_tidy(part), "action", phrase))
    return asks + _document_items(sentence)


def _lead_in_kind(paragraph: str) -> str | None:
    """The kind of list a prose paragraph announces, or None when it announces no request."""
    last = _SENTENCE.split(paragraph)[-1]
    if not _LEAD_IN_END.search(last) or not _LEAD_IN_ASK.search(last):
        return None
    return next((kind for kind, pattern in _LEAD_IN_KINDS if pattern.search(last)), "detail")


def _bullet_ask(item: str, lead_in: str | None) -> _Ask | None:
    text = _tidy(item)
    if not text or _ID_ITEM.match(text):
        return None
    if _DETAIL_ITEM.search(text):
        return _Ask(text, "detail", item)
    if _IMPERATIVE.match(text):
        return _Ask(text, "action", item)
    if lead_in is None:
        return None
    named = _DOCUMENT.search(text)
    return _Ask(text, "document", named.group()) if named else _Ask(text, lead_in, item)


def _blocks(text: str) -> list[tuple[str, bool]]:
    """Paragraphs and list items as (text, is_list_item); wrapped lines are joined."""
    blocks: list[tuple[list[str], bool]] = []
    current: list[str] | None = None
    for line in text.split("\n"):
        if not line.strip():
            current = None
            continue
        bullet = _BULLET.match(line)
        if bullet or current is None or _SIGN_OFF.match(line):
            current = [line[bullet.end():] if bullet else line]
            blocks.append((current, bool(bullet)))
        else:
            current.append(line)
    return [(_squash(" ".join(parts)), is_item) for parts, is_item in blocks]


def _requests(text: str) -> list[_Ask]:
    """Every request in reading order; ASINs listed under "delete the following" join it."""
    asks: list[_Ask] = []
    lead_in: str | None = None
    anchor: _Ask | None = None
    flat = _squash(text).lower()
    cursor = 0

    def place(piece: str, found: list[_Ask]) -> None:
        """Note where in the reply (squashed, lowered) `piece` and so its requests stand."""
        nonlocal cursor
        at = flat.find(piece.lower(), cursor)  # blocks and their sentences are squashed
        cursor = at if at >= 0 else cursor
        for ask in found:
            ask.at = cursor

    for block, is_item in _blocks(text):
        if is_item:
            if anchor is not None and _ID_ITEM.match(block):
                anchor.ids.extend(asin.upper() for asin in _ASIN.findall(block))
            ask = _bullet_ask(block, lead_in)
            place(block, [ask] if ask else [])
            asks.extend([ask] if ask else [])
            continue
        found: list[_Ask] = []
        for sentence in _SENTENCE.split(block):
            own = _sentence_asks(sentence)
            place(sentence, own)
            if not own and found and _REFERS_BACK.search(sentence) and found[-1].within is None:
                found[-1].within = _limit(sentence)  # "... a letter. Please send it within 7 days."
            elif not own and found and _REQUIREMENT.search(sentence):
                own = [_Ask(_tidy(sentence), "detail", sentence)]
                place(sentence, own)
            found.extend(own)
        asks.extend(found)
        lead_in = _lead_in_kind(block)
        anchor = next((ask for ask in reversed(found) if _POINTER.search(ask.text)), None)
    return _unique(asks)


def _unique(asks: list[_Ask]) -> list[_Ask]:
    """Drop repeats; of two requests where one contains the other, keep the fuller one."""
    kept: dict[str, _Ask] = {}
    for ask in asks:
        if len(kept) >= _MAX_REQUESTS:
            break
        if ask.ids:
            ask.text = f"{ask.text}: {', '.join(dict.fromkeys(ask.ids))}"
        key = ask.kind + ":" + re.sub(r"[\W_]+", " ", ask.text.lower()).strip()
        if key.endswith(":") or any(key in other for other in kept):
            continue
        shorter = next((other for other in kept if other in key), None)
        kept = {(key if k == shorter else k): (ask if k == shorter else v) for k, v in kept.items()}
        kept.setdefault(key, ask)
    return list(kept.values())


def _decide(text: str, asks: list[_Ask], language: str | None = "en"
            ) -> tuple[Outcome | None, list[str], float]:
    """Pick the outcome by precedence; returns it with its evidence and a confidence."""
    found = {name: _evidence(pattern, text) for name, pattern in families(language).items()}
    flat = _squash(text).lower()
    if found["denied"] and not (found["final"] or found["reinstated"]):
        # A refusal outweighs what the reply says about documents or the plan, unless a new,
        # specific request follows it.
        refused = min(flat.find(_squash(p).lower()) for p in found["denied"])
        refused = max(flat.rfind(". ", 0, refused), flat.rfind(": ", 0, refused), -1) + 1
        after = [ask for ask in asks if ask.at >= refused]
        asks = after
        for name in ("insufficient", "action", "documents"):
            found[name] = [p for p in found[name] if flat.find(_squash(p).lower()) > refused]
        if not asks and not any(found[n] for n in ("insufficient", "action", "documents")):
            found["generic"] = []
    kinds = ["action" if ask.kind == "call" else ask.kind for ask in asks]
    wanted = {kind: [ask.phrase for ask, k in zip(asks, kinds) if k == kind] for kind in set(kinds)}
    actions_first = kinds.count("action") >= kinds.count("document")
    ladder = [  # (outcome, phrases that decide it, base confidence)
        (Outcome.FINAL, found["final"], 0.75),
        (Outcome.REINSTATED, found["reinstated"], 0.75),
        (Outcome.INSUFFICIENT_POA, found["insufficient"], 0.75),
        (Outcome.ACTION_REQUIRED, found["action"], 0.75),
        (Outcome.DOCUMENTS_REQUESTED, found["documents"], 0.75),
        (Outcome.ACTION_REQUIRED, wanted.get("action", []) if actions_first else [], 0.6),
        (Outcome.DOCUMENTS_REQUESTED, wanted.get("document", []), 0.6),
        (Outcome.INSUFFICIENT_POA, found["generic"], 0.55),
        (Outcome.DENIED, found["denied"], 0.55),
        (Outcome.ACKNOWLEDGED, found["acknowledged"], 0.55),
    ]
    for rank, (outcome, phrases, base) in enumerate(ladder):
        if not phrases:
            continue
        if rank in (5, 6):  # decided by what is asked for: show why more was needed, if said
            phrases = found["generic"] + phrases[:3]
        rivals = sum(1 for name in _DECISIVE if found[name] and found[name] is not phrases)
        score = base + 0.07 * (len(set(phrases)) - 1) - 0.1 * rivals
        return outcome, _ordered(text, phrases), round(min(0.97, max(0.2, score)), 2)
    return None, [], 0.0


_DECISIVE = ("final", "reinstated", "insufficient", "action", "documents", "denied")


def _ordered(text: str, phrases: list[str]) -> list[str]:
    """Distinct phrases in the order they appear in the reply."""
    flat = _squash(text).lower()
    unique = [p for p in dict.fromkeys(_squash(p) for p in phrases) if p.lower() in flat]
    return sorted(unique, key=lambda p: flat.find(p.lower()))[:_MAX_EVIDENCE]


def classify_reply(text: str) -> Classification:
    """Classify one reply from Amazon and list what it asks the seller to do or send."""
    readable = _readable(text or "")
    asks = _requests(readable)
    language = detect_language(readable)
    outcome, evidence, confidence = _decide(readable, asks, language)
    listings = _reinstated_listings(readable) if outcome is Outcome.REINSTATED else []
    reason = None if outcome is not None else _unplaced_reason(language)
    requests = [Request(a.text, a.kind, within=a.within) for a in asks]
    if not requests and language not in (None, "en") and outcome in _ASKING_KIND and evidence:
        kind = _ASKING_KIND[outcome]
        requests = _asking_sentence(readable, evidence[0 if kind == "document" else -1], kind)
    return Classification(outcome, evidence, requests, confidence, listings, language, reason)


_ASKING_KIND = {Outcome.DOCUMENTS_REQUESTED: "document", Outcome.ACTION_REQUIRED: "action",
           Outcome.INSUFFICIENT_POA: "detail"}
_PARAGRAPH = re.compile(r"\n\s*\n")
_CLAUSE_END = re.compile(r"[.!?;。！？](?:\s|$)|[。！？]|\n\s*\n")


def _asking_sentence(text: str, phrase: str, kind: str) -> list[Request]:
    """For a reply in another language, whose requests the English reading cannot split: the
    whole sentence holding the phrase that decided the class, as one request of `kind` (the
    first such phrase for documents, which name what to send; else the last, the instruction)."""
    for paragraph in _PARAGRAPH.split(text):
        flat = _squash(paragraph)
        at = flat.lower().find(phrase.lower())
        if at >= 0:
            break
    else:
        return []
    ends = [m.end() for m in _CLAUSE_END.finditer(flat, 0, at)]
    start = ends[-1] if ends else 0
    stop = _CLAUSE_END.search(flat, at + len(phrase))
    sentence = _tidy(flat[start:stop.start() + 1 if stop else len(flat)])
    return [Request(sentence, kind)] if sentence else []


def _unplaced_reason(language: str | None) -> str:
    """Why a reply has no outcome, in words the user can act on."""
    if language is not None and language not in READ_LANGUAGES:
        return (f"it is written in {language_name(language)}, a language poa-tui does not read "
                f"replies in")
    return ("it holds none of the phrases Amazon uses to decide, to ask for something or to "
            "confirm receipt")


_NOT_BACK = re.compile(r"\b(?:remains?|still|stays?|not|cannot|unable)\b", _I)


def _reinstated_listings(text: str) -> list[str]:
    """ASINs named where the reply says what it reinstated: in the same sentence, or in the list
    that follows it; never those in a sentence saying they stay removed."""
    found: list[str] = []
    flat = "\n".join(line.strip() for line in text.split("\n"))
    for match in REINSTATED.finditer(flat):
        stop = _SENTENCE_END.search(flat, match.end())
        end = stop.end() if stop else len(flat)
        start = max(flat.rfind(". ", 0, match.start()), flat.rfind("\n\n", 0, match.start()), 0)
        found += _ASIN.findall(flat[start:end])
        if stop and flat[stop.start()] == ":":
            block_end = flat.find("\n\n", end + 1)
            block = flat[end:block_end if block_end >= 0 else len(flat)]
            first = block.split("\n", 1)[0]
            if first.strip() and (inline := _SENTENCE_END.search(first)):
                # "reactivated: B0AAAA1111 and B0BBBB2222. The rest are still inactive." A list
                # on the colon's own line ends with its sentence.
                block = first[:inline.start()]
            lines = block.split("\n")
            found += [asin for line in lines if not _NOT_BACK.search(line)
                      for asin in _ASIN.findall(line)]
    return list(dict.fromkeys(asin.upper() for asin in found))


def reply_fit(text: str, marketplace: str | None, asins: list[str],
              order_ids: list[str]) -> list[str]:
    """Why a reply may belong to another case: one sentence per mismatch, [] when it fits.

    A reply that names another marketplace than the case's, or ASINs or order ids when the case
    has some and none of the reply's are among them, was probably meant for another case.
    """
    readable = _readable(text or "")
    warnings: list[str] = []
    named = identifiers.find_marketplace(readable)
    if marketplace and named and named[0] != marketplace:
        warnings.append(f"it is about {named[0]}, but this case is on {marketplace}")
    for label, found, known in (("ASIN", identifiers.find_asins(readable), asins),
                                ("order", identifiers.find_order_ids(readable), order_ids)):
        strangers = [item for item in found if item not in set(known)]
        if known and strangers:
            warnings.append(f"it names {plural_label(label, len(strangers))} this case does not "
                            f"have: {', '.join(strangers[:5])}")
    return warnings


def plural_label(label: str, count: int) -> str:
    return f"{'an' if label[0] in 'AEIOUaeiou' else 'a'} {label}" if count == 1 else f"{label}s"
