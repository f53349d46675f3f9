"""Properties of the reply classifier on generated text: it never raises and its output is sane."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from poa_tui.domain.replies import classify_reply
from poa_tui.domain.vocab import Outcome

CORPUS = Path(__file__).parent / "corpus" / "replies"
REPLIES = {p.name: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}
KINDS = {"detail", "document", "action"}

# Fragments of Amazon's wording mixed with list markers, quotes and escapes: generated text built
# from them reaches the request and precedence code far more often than random characters do.
FRAGMENTS = [
    "we have decided not to reinstate", "decided to reinstate", "Welcome back", "remains deactivated",
    "we may not respond to further emails", "do not have enough information",
    "please send the following:", "Greater detail on the root cause", "invoices",
    "a letter of authorization", "utility bill", "please delete", "have not been closed or deleted",
    "we are reviewing", "if", "once", "such as", ", and ", " or ", ":", ".", "\n", "\n\n", "- ",
    "\u2013 ", "1) ", "\u2019", "\x1b[31m", "\x1b]0;t\x07", "\x00", "\r\n", "B0ABCDEFGH",
    "123-1234567-1234567", "-----Original Message-----", "> ", "On Monday Seller wrote:",
]
amazonish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)),
                     max_size=60).map("".join)
controls = st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=4)


def assert_sane(text: str) -> None:
    result = classify_reply(text)
    data = json.loads(json.dumps(result.to_dict()))
    assert list(data) == ["class", "reason", "language", "evidence", "requests", "listings"]
    if data["class"] is None:
        assert result.outcome is None and data["reason"]
    else:
        assert Outcome(data["class"]) is result.outcome and data["reason"] is None
    assert 0.0 <= result.confidence <= 1.0
    assert all(phrase and phrase == phrase.strip() for phrase in result.evidence)
    texts = [r["text"].lower() for r in data["requests"]]
    assert len(texts) == len(set(texts))
    assert all(r["kind"] in KINDS and r["text"] for r in data["requests"])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text):
    assert_sane(text)


@settings(max_examples=300, deadline=None)
@given(amazonish)
def test_text_made_of_amazon_phrases_never_raises(text):
    assert_sane(text)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(REPLIES)), st.data())
def test_control_characters_anywhere_do_not_change_the_result(name, data):
    text = REPLIES[name]
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    noise = [data.draw(st.sampled_from(["\x00", "\x07", "\x1b[0m", "\x1b[1;31m", "\x7f", "\x9b2J",
                                        "\x1b]8;;http://x\x1b\\"])) for _ in cuts]
    pieces, start = [], 0
    for cut, junk in zip(cuts, noise):
        pieces += [text[start:cut], junk]
        start = cut
    noisy = "".join(pieces) + text[start:]
    assert classify_reply(noisy).to_dict() == classify_reply(text).to_dict()


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(REPLIES)), st.sampled_from(["\r\n", "\r"]))
def test_line_endings_do_not_change_the_result(name, ending):
    text = REPLIES[name]
    assert classify_reply(text.replace("\n", ending)).to_dict() == classify_reply(text).to_dict()


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(REPLIES)), controls)
def test_any_corpus_reply_with_a_noisy_tail_stays_sane(name, tail):
    assert_sane(REPLIES[name] + tail)
