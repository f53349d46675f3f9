"""A POA as one self-contained HTML page: styles inline, no scripts, nothing fetched.

Every piece of text is escaped, and only http, https and mailto addresses become links, so a
plan pasted from anywhere cannot put markup or script into the page. No Textual here.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from poa_tui.domain.documents.model import (
    Block,
    Code,
    Document,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Runs,
    Table,
)

STYLE = """\
body { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, "Noto Sans CJK JP",
       sans-serif; font-size: 11pt; line-height: 1.5; color: #111; max-width: 44em;
       margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 1.6em; margin: 0 0 .4em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .5em; border-bottom: 1px solid #ccc; }
h3, h4, h5, h6 { font-size: 1.05em; margin: 1.2em 0 .4em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em;
           font-size: .95em; margin: 0 0 1.5em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
blockquote { margin: .8em 0; padding-left: 1em; border-left: 3px solid #bbb; color: #444; }
pre { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .9em;
      white-space: pre-wrap; background: #f5f5f5; padding: .6em; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .92em; }
table { border-collapse: collapse; margin: .8em 0; }
th, td { border: 1px solid #bbb; padding: .25em .6em; text-align: left; vertical-align: top; }
a { color: #0563c1; }
.letter { margin: 1.5em 0; white-space: pre-line; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


def render_html(document: Document) -> bytes:
    out = ["<!DOCTYPE html>", f'<html lang="{escape(document.language)}">', "<head>",
           '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(document.title)}</title>", f"<style>\n{STYLE}</style>", "</head>",
           "<body>", "<header>", f"<h1>{escape(document.title)}</h1>", '<dl class="facts">']
    for label, value in document.facts:
        out.append(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>")
    out += ["</dl>", "</header>"]
    if document.greeting:
        out.append(f'<p class="letter">{escape(document.greeting)}</p>')
    for part in document.parts:
        out += ["<section>", f"<h2>{escape(part.heading)}</h2>", *_blocks(part.blocks),
                "</section>"]
    if document.sign_off:
        out.append(f'<p class="letter">{escape(document.sign_off)}</p>')
    out += ["</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")


def _blocks(blocks: Sequence[Block]) -> list[str]:
    return [_block(block) for block in blocks]


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_runs(block.runs)}</p>"
    if isinstance(block, Heading):
        level = min(block.level + 2, 6)
        return f"<h{level}>{_runs(block.runs)}</h{level}>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = []
        for item in block.items:
            if block.tight and len(item) == 1 and isinstance(item[0], Paragraph):
                items.append(f"<li>{_runs(item[0].runs)}</li>")
            else:
                items.append("<li>" + "\n".join(_blocks(item)) + "</li>")
        return f"<{tag}{start}>\n" + "\n".join(items) + f"\n</{tag}>"
    if isinstance(block, Quote):
        return "<blockquote>\n" + "\n".join(_blocks(block.blocks)) + "\n</blockquote>"
    if isinstance(block, Code):
        return f"<pre>{escape(block.text)}</pre>"
    if isinstance(block, Rule):
        return "<hr>"
    if isinstance(block, Table):
        rows = []
        for index, row in enumerate(block.rows):
            cell = "th" if index == 0 else "td"
            rows.append("<tr>" + "".join(f"<{cell}>{_runs(c)}</{cell}>" for c in row) + "</tr>")
        return "<table>\n" + "\n".join(rows) + "\n</table>"
    return ""


def _runs(runs: Runs) -> str:
    out = []
    for run in runs:
        text = escape(run.text).replace("\n", "<br>\n")
        if run.code:
            text = f"<code>{text}</code>"
        if run.strike:
            text = f"<s>{text}</s>"
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.href:
            text = f'<a href="{escape(run.href, quote=True)}">{text}</a>'
        out.append(text)
    return "".join(out)
