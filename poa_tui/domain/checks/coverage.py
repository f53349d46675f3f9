"""Say which checks could not read a section, rather than let silence pass for "no problems".

The wording and sentence checks (blame, vague promises, filler, apologies, questions, copied
guidance) are written for English. A section in another language gets one warning naming them,
so the case list shows it and never says "no problems found" for a plan nothing could read. The
checks that read no words (length, placeholders, ids, capitals, exclamation marks) still run.
"""

from __future__ import annotations

from poa_tui.domain.checks.findings import Finding, Severity
from poa_tui.domain.language import detect_language, language_name
from poa_tui.domain.models import Sections

CHECKS_IN_ENGLISH = ("blame", "vague promises", "filler and apologies", "questions",
                     "copied guidance")
"""What the English-only checks look for, as the warning names them."""


def unchecked_sections(draft: Sections) -> list[Finding]:
    """One warning per section written in a language other than English."""
    found = []
    for section, text in draft.items():
        language = detect_language(text) if text.strip() else None
        if language is None or language == "en":
            continue
        found.append(Finding(
            "language_not_checked", Severity.WARNING, section,
            f"This section reads as {language_name(language)}. The checks for "
            f"{', '.join(CHECKS_IN_ENGLISH)} read English only and did not run on it; read "
            f"it yourself for those, or write it in English."))
    return found
