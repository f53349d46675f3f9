"""Who else a notice names: the rights owner and how to reach them, registration numbers of the
trademark, patent or copyright, and the accounts Amazon says are related to the seller's.

All come from labelled lines ("Rights owner:", "Trademark number:", "Related account names:"),
the way Amazon's IP and related-account notices print them; prose is not guessed at. Patterns
are bounded and at most `_MAX_LINES` labelled lines are read, so hostile text stays fast.
No Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from poa_tui.domain.identifiers import labelled_lines

__all__ = ["Parties", "find_parties"]

_I = re.IGNORECASE
_MAX_LINES = 50
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,255}\.[A-Za-z]{2,24}")
_OWNER = re.compile(
    r"^[ \t>|]*(?:rights?[ \t]*(?:owner|holder)|complainant|claimant|brand[ \t]+owner"
    r"|patent[ \t]+owner|trademark[ \t]+owner|copyright[ \t]+owner)"
    r"(?P<what>[ \t]*(?:name|contact(?:[ \t]+(?:e-?mail|information|details))?|e-?mail"
    r"(?:[ \t]+address)?))?[ \t]*[:\t][ \t]*(?P<value>[^\n]{1,200})$", _I | re.MULTILINE)
_REGISTRATION = re.compile(
    r"^[ \t>|]*(?:(?:trademark|trade[ \t]mark|patent|copyright|design)[ \t]+(?:registration[ \t]+)?"
    r"(?:number|no\.?|#)|registration[ \t]+(?:number|no\.?)|(?:eu|us|uk)?[ \t]*patent[ \t]+no\.?)"
    r"s?[ \t]*[:\t][ \t]*(?P<value>[^\n]{1,120})$", _I | re.MULTILINE)
_RELATED = re.compile(
    r"^[ \t>|]*(?:related|associated|linked)[ \t]+(?:seller[ \t]+|selling[ \t]+)?accounts?"
    r"(?:[ \t]+names?)?(?:\(s\))?[ \t]*[:\t][ \t]*(?P<value>[^\n]{1,300})$", _I | re.MULTILINE)
_SUFFIX = re.compile(r"(?:inc|ltd|llc|gmbh|co|corp|s\.?a\.?s?|s\.?r\.?l|b\.?v|ab|kk|limited)\.?$",
                     _I)
_EMPTY_VALUE = re.compile(r"(?:n/?a|none|-+|not provided)$", _I)


@dataclass
class Parties:
    """What the notice says about the other side and related accounts; empty where it is silent."""

    rights_owner: str | None = None
    rights_owner_email: str | None = None
    registration_numbers: list[str] = field(default_factory=list)
    related_accounts: list[str] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)


def _clean(value: str) -> str:
    return " ".join(value.split()).strip(" \t|;,")


def _names(value: str) -> list[str]:
    """Account names in a list: split at ';' and ',', but "Acme, Inc." stays one name."""
    parts = [p.strip() for p in re.split(r"[;,]|\s+and\s+", value) if p.strip()]
    names: list[str] = []
    for part in parts:
        if names and _SUFFIX.fullmatch(part):
            names[-1] += f", {part}"
        else:
            names.append(part)
    return [n for n in (_clean(n) for n in names) if n and not _EMPTY_VALUE.fullmatch(n)]


def find_parties(text: str) -> Parties:
    """The rights owner, registration numbers and related accounts named on labelled lines."""
    found = Parties()
    for match in islice(labelled_lines(text, _OWNER, ":\t"), _MAX_LINES):
        value = _clean(match["value"])
        email = _EMAIL.search(value)
        if email and "amazon." not in email.group().lower() and not found.rights_owner_email:
            found.rights_owner_email = email.group()
            found.evidence["rights_owner_email"] = _clean(match.group())
        name = _clean(re.sub(r"[(<\[]?\s*" + re.escape(email.group()) + r"\s*[)>\]]?", "", value)
                      if email else value)
        what = (match["what"] or "").lower()
        if name and not found.rights_owner and "mail" not in what and "contact" not in what \
                and not _EMPTY_VALUE.fullmatch(name):
            found.rights_owner = name
            found.evidence["rights_owner"] = _clean(match.group())
    for match in islice(labelled_lines(text, _REGISTRATION, ":\t"), _MAX_LINES):
        for number in re.split(r"\s*;\s*", _clean(match["value"])):
            if re.search(r"[0-9]", number) and number not in found.registration_numbers:
                found.registration_numbers.append(number)
                found.evidence.setdefault("registration_numbers", _clean(match.group()))
    for match in islice(labelled_lines(text, _RELATED, ":\t"), _MAX_LINES):
        for name in _names(match["value"]):
            if name not in found.related_accounts:
                found.related_accounts.append(name)
                found.evidence.setdefault("related_accounts", _clean(match.group()))
    return found
