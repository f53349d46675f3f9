"""The comparison screen and the diff text: which words show as added and removed, the counts,
the keys that choose the pair, and the marker form that reads without colour."""

from __future__ import annotations

from history_support import FIRST, HistoryHost, history_case
from textual.content import Content

from poa_tui.domain.diffing import Chunk, SectionDiff, word_diff
from poa_tui.domain.vocab import SECTIONS, Section
from poa_tui.storage.demo import demo_case
from poa_tui.tui.screens.diff_view import DRAFT, DiffScreen, counts_text, step, versions
from poa_tui.tui.widgets.diff_text import (
    ADDED_STYLE,
    REMOVED_STYLE,
    DiffText,
    diff_content,
    readable_chunks,
    rewrite_content,
)


def styled_words(content: Content, style: str) -> list[str]:
    return [content.plain[span.start:span.end] for span in content.spans
            if str(span.style) == style]


OLD = "We check the stock weekly and log it.\n"
NEW = "We check the stock every day and log it.\n"


def test_changes_are_styled_on_their_words_only() -> None:
    content = diff_content(word_diff(OLD, NEW))
    assert content.plain == "We check the stock weekly every day and log it."
    assert styled_words(content, REMOVED_STYLE) == ["weekly"]
    assert styled_words(content, ADDED_STYLE) == ["every day"]


def test_markers_spell_out_each_change() -> None:
    content = diff_content(word_diff(OLD, NEW), markers=True)
    assert content.plain == "We check the stock [-weekly-] [+every day+] and log it."


def test_a_rewritten_sentence_reads_as_one_removal_and_one_addition() -> None:
    chunks = word_diff("We bought a batch from a new wholesaler.",
                       "Our lead bought a batch from Eastgate, a wholesaler.")
    scraps = diff_content(chunks, markers=True).plain
    assert scraps == "[-We-] [+Our lead+] bought a batch from [+Eastgate,+] a [-new-] wholesaler."
    shown = diff_content(readable_chunks(chunks), markers=True).plain
    assert shown == "[-We-] [+Our lead+] bought a batch from [-a new-] [+Eastgate, a+] wholesaler."
    words = "We will check stock.".split()
    assert diff_content(readable_chunks(word_diff("We will check stock.", "We checked stock "
                                                  "daily.")), markers=True).plain == \
        f"We [-{' '.join(words[1:])}-] [+checked stock daily.+]"


def test_whitespace_only_changes_show_the_new_layout() -> None:
    chunks = [Chunk("same", "one"), Chunk("removed", " "), Chunk("added", "\n\n"),
              Chunk("same", "two")]
    assert diff_content(chunks).plain == "one\n\ntwo"


def test_control_characters_never_reach_the_screen() -> None:
    content = diff_content([Chunk("added", "safe \x1b]0;title\x07text")])
    assert "\x1b" not in content.plain and "\x07" not in content.plain
    assert "safe" in content.plain and "text" in content.plain


def test_counts_and_pair_stepping() -> None:
    assert counts_text(SectionDiff(Section.ROOT_CAUSE, word_diff("a b c", "a x c d"))) == \
        "+2 −1 words"
    assert counts_text(SectionDiff(Section.ROOT_CAUSE, word_diff("same", "same"))) == "no change"
    rewritten = SectionDiff(Section.ROOT_CAUSE, [Chunk("removed", "a b"), Chunk("added", "c")], 0.0)
    assert counts_text(rewritten) == "rewritten · +1 −2 words"
    order = versions(history_case())
    assert order == [1, 2, DRAFT]
    assert step(order, 1, 1, skip=2) == DRAFT
    assert step(order, DRAFT, 1) == 1


def diff_host(left=1, right=DRAFT, **options) -> HistoryHost:
    case = history_case()
    return HistoryHost(screen=lambda: DiffScreen(case, left, right, **options))


async def test_diff_screen_compares_an_attempt_with_the_draft() -> None:
    app = diff_host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        heading = str(screen.query_one("#diff-heading").render())
        assert "Attempt 1 → Draft" in heading
        assert "alike" in heading
        versions_text = str(screen.query_one("#diff-versions").render())
        assert "Plan not detailed enough" in versions_text and "not sent" in versions_text
        root = screen.query_one("#diff-root_cause")
        assert root.border_subtitle == "+15 −5 words"
        assert screen.query_one("#diff-immediate_remedy").border_subtitle == "no change"
        remedy = str(screen.query_one("#diff-text-immediate_remedy", DiffText).render())
        assert "same in both" in remedy and "Press u" in remedy
        root_text = screen.query_one("#diff-text-root_cause", DiffText)
        assert "Eastgate Trade" in str(root_text.render())

        await pilot.press("m")
        assert "[+On 12 February" in str(root_text.render())
        await pilot.press("u")
        remedy = str(screen.query_one("#diff-text-immediate_remedy", DiffText).render())
        assert remedy.startswith("- We closed the listings.")


async def test_keys_choose_the_pair() -> None:
    app = diff_host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("left_square_bracket")
        assert (screen.left, screen.right) == (1, 2)
        await pilot.press("right_square_bracket")
        assert (screen.left, screen.right) == (2, DRAFT)
        await pilot.press("right_square_bracket")  # already the newest pair
        assert (screen.left, screen.right) == (2, DRAFT)
        await pilot.press("f")
        assert (screen.left, screen.right) == (1, DRAFT)
        await pilot.press("t")
        assert (screen.left, screen.right) == (1, 2)
        await pilot.press("s")
        assert (screen.left, screen.right) == (2, 1)
        assert "Attempt 2 → Attempt 1" in str(screen.query_one("#diff-heading").render())
        await pilot.press("escape")
        assert app.results == [None]


async def test_palette_offers_each_version_and_the_toggles() -> None:
    app = diff_host(1, 2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.screen.palette_commands()]
        assert "diff: From the draft" in titles and "diff: To the draft" in titles
        assert "diff: Show markers" in titles and "diff: Swap sides" in titles
        command = next(c for c in app.screen.palette_commands() if c.title == "diff: To the draft")
        command.callback()
        assert app.screen.right == DRAFT


async def test_the_draft_on_screen_is_compared_not_the_saved_one() -> None:
    unsaved = FIRST.with_text(Section.ROOT_CAUSE, FIRST.root_cause + " Typed just now.")
    app = diff_host(draft=unsaved)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#diff-root_cause").border_subtitle == "+3 −0 words"


async def test_an_unknown_version_is_refused() -> None:
    case = history_case(escalate=False)
    try:
        DiffScreen(case, 1, 5)
    except ValueError as error:
        assert "attempt 5" in str(error)
    else:
        raise AssertionError("attempt 5 does not exist")


async def test_markers_start_on_without_colour(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = diff_host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.markers
        assert "[+On 12 February" in str(app.screen.query_one("#diff-text-root_cause").render())


def test_a_rewritten_section_shows_each_version_whole_under_its_name() -> None:
    chunks = [Chunk("removed", "We closed the listings.\n"),
              Chunk("added", "On 3 March\x1b[2J Helen closed both listings.\n")]
    content = rewrite_content(chunks, 0.11, ("Attempt 1", "Draft"))
    assert content.plain.split("\n") == [
        "Rewritten: 11% alike, so both versions are shown whole.", "",
        "Attempt 1 (removed)", "We closed the listings.", "",
        "Draft (added)", "On 3 March Helen closed both listings."]
    assert not styled_words(content, REMOVED_STYLE) and not styled_words(content, ADDED_STYLE)
    marked = rewrite_content(chunks, 0.11, ("Attempt 1", "Draft"), markers=True).plain
    assert "[-We closed the listings.-]" in marked
    assert "[+On 3 March Helen closed both listings.+]" in marked


async def test_the_demo_attempts_are_shown_as_rewritten_blocks() -> None:
    case = demo_case()
    first, second = (attempt.sections for attempt in case.submissions)
    app = HistoryHost(screen=lambda: DiffScreen(case, 1, 2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        heading = str(screen.query_one("#diff-heading").render())
        assert "Attempt 1 → Attempt 2" in heading and "11% alike" in heading
        for section in SECTIONS:
            pane = screen.query_one(f"#diff-{section.value}")
            assert pane.border_subtitle.startswith("rewritten · +")
            shown = str(screen.query_one(f"#diff-text-{section.value}", DiffText).render())
            assert shown.startswith("Rewritten: ")
            old_at = shown.index(f"Attempt 1 (removed)\n{first[section].strip()}")
            new_at = shown.index(f"Attempt 2 (added)\n{second[section].strip()}")
            assert old_at < new_at
        root = str(screen.query_one("#diff-text-root_cause", DiffText).render())
        assert root.startswith("Rewritten: 11% alike")
        await pilot.press("m")
        root = str(screen.query_one("#diff-text-root_cause", DiffText).render())
        assert "[-When our usual distributor" in root and "[+On " in root
        await pilot.press("s")
        root = str(screen.query_one("#diff-text-root_cause", DiffText).render())
        assert root.index("Attempt 2 (removed)") < root.index("Attempt 1 (added)")


async def test_a_section_still_much_alike_keeps_the_word_diff() -> None:
    app = diff_host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        root = str(app.screen.query_one("#diff-text-root_cause", DiffText).render())
        assert "Rewritten" not in root and "(removed)" not in root
        changes = str(app.screen.query_one("#diff-text-systematic_changes", DiffText).render())
        assert changes.startswith("Rewritten: 14% alike")
