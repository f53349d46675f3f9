"""Which language a notice, a reply or a plan section is written in.

Amazon writes to a seller in the marketplace's language (amazon.de in German, amazon.com.br in
Portuguese, amazon.ae, .sa and .eg in English mixed with Arabic ...). `detect_language` names it
with py3langid, a small, well-kept identifier, limited to the marketplace languages and a few
others a seller may paste (so "Chinese" can be said rather than a wrong marketplace language).

The identifier and its model are imported on the first call, never at start-up: measured on the
development machine, the import takes ~0.19 s and loading the model ~0.09 s; each call after that
~0.5 ms. Text with Arabic letters is "ar" whatever else it holds, as those marketplaces mix the
two; text too short or without letters gives None. Plain English (one word in eight or more
from a short list of words no other of these languages uses) is told without the identifier,
so checking an English plan never loads it. No Textual here.
"""

from __future__ import annotations

import re
import threading
from typing import Any

__all__ = ["LANGUAGE_NAMES", "READ_LANGUAGES", "detect_language", "language_name"]

LANGUAGE_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "ja": "Japanese", "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "sv": "Swedish",
    "tr": "Turkish", "ar": "Arabic with English",
    "zh": "Chinese", "ko": "Korean", "ru": "Russian", "hi": "Hindi", "cs": "Czech",
    "da": "Danish", "uk": "Ukrainian", "vi": "Vietnamese",
}
READ_LANGUAGES = frozenset({"en", "de", "fr", "es", "it", "ja", "pt", "nl", "pl", "sv", "tr",
                            "ar"})
"""The languages whose notice and reply phrases poa-tui knows (ar: the English part is read)."""

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_NOISE = re.compile(r"https?://\S+|\S+@\S+|\b[A-Z0-9]{10}\b|\b[0-9][0-9-]{5,}\b")
_LETTERS = re.compile(r"[^\W\d_]")
_MIN_LETTERS = 12
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_WORDS = frozenset({"the", "and", "of", "to", "our", "that", "with", "have", "was",
                            "will", "this", "you", "your", "for", "not", "is", "are", "we", "it"})
_ENGLISH_SHARE = 0.2
_ENGLISH_SAMPLE = 400
_SAMPLE = 20_000
_lock = threading.Lock()
_identifier: Any = None


def _load() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier
            identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
            identifier.set_languages(sorted(LANGUAGE_NAMES))
            _identifier = identifier
    return _identifier


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is mostly written in, or None when it is too
    short to tell. Ids, links and addresses are left out first: they are in no language."""
    sample = _NOISE.sub(" ", (text or "")[:_SAMPLE])
    if _ARABIC.search(sample):
        return "ar"
    if _KANA.search(sample):
        return "ja"
    if len(_LETTERS.findall(sample)) < _MIN_LETTERS:
        return None
    words = [w.lower() for w in _WORD.findall(sample[:_ENGLISH_SAMPLE * 8])][:_ENGLISH_SAMPLE]
    if words and sum(w in _ENGLISH_WORDS for w in words) / len(words) >= _ENGLISH_SHARE:
        return "en"
    try:
        code, _ = _load().classify(sample)
    except Exception:  # noqa: BLE001 - a detector failure must never stop reading the text
        return None
    return str(code)


def language_name(code: str | None) -> str:
    """The English name of a language code, "unknown" for None."""
    if code is None:
        return "unknown"
    return LANGUAGE_NAMES.get(code, code)
