"""Text an author typed, as document blocks that keep the author's own outline.

Vietnamese administrative documents number their parts "I.", "II." (sections, bold capitals),
"1.", "2." and "1.1." (bold), "a)", "b)" (bold italic), with "-" and "+" items. An author who
types those markers has written the outline: `text_blocks` renders it as written, and
`has_outline` tells the caller not to add one of its own.
"""

from __future__ import annotations

import re

from antq.core.documents.model import Block, BulletList, Heading, Paragraph

ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})\.\s+(?P<text>\S.*)$")
# "1.", "1)", "1.1.", "2.3.1." (the closing dot is required, so "1.5 triệu lượt" is no heading).
NUMBERED = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})[.)]\s+(?P<text>\S.*)$")
LETTERED = re.compile(r"^[a-zđ]\)\s+(?P<text>\S.*)$")
ITEM = re.compile(r"^(?P<marker>[-+•*–])\s+(?P<text>\S.*)$")
# A numbered line that reads as a sentence ("1. Tổ chức Ngày hội nhằm …, bảo đảm ….") is a
# numbered paragraph, not a heading: headings are short and carry no closing punctuation.
HEADING_MAX_CHARS = 120
SENTENCE_END = (".", ";", ",")


def _is_heading_text(text: str) -> bool:
    return len(text) <= HEADING_MAX_CHARS and not text.endswith(SENTENCE_END)


def _level(line: str) -> int | None:
    """The heading level of an outline marker line, 0 for a numbered paragraph, None for no marker."""
    roman = ROMAN.match(line)
    if roman:
        text = roman.group("text")
        return 1 if text == text.upper() or _is_heading_text(text) else 0
    numbered = NUMBERED.match(line)
    if numbered:
        depth = numbered.group("number").count(".") + 1
        return (2 if depth == 1 else 3) if _is_heading_text(numbered.group("text")) else 0
    lettered = LETTERED.match(line)
    if lettered:
        return 3 if _is_heading_text(lettered.group("text")) else 0
    return None


def has_outline(text: str) -> bool:
    """Whether the author numbered anything ("I.", "1.", "1.1.", "a)" lines) in `text`."""
    return any(_level(line.strip()) is not None for line in (text or "").splitlines())


def text_blocks(text: str) -> list[Block]:
    """`text` as typed: one paragraph per line (blank lines only separate); heading-shaped marker
    lines become headings at their level, keeping the author's numbers; other numbered lines stay
    body paragraphs as written; "-", "+" (and "•", "*") lines become items under that marker."""
    blocks: list[Block] = []
    items: list[str] = []
    marker = "-"

    def close_items() -> None:
        if items:
            blocks.append(BulletList(items=tuple(items), marker=marker))
            items.clear()

    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        item = ITEM.match(line)
        if item:
            # "+" is the second level of a list; "•" and "*" are how some editors type a dash.
            this = "+" if item.group("marker") == "+" else "-"
            if this != marker:
                close_items()
                marker = this
            items.append(item.group("text").strip())
            continue
        close_items()
        level = _level(line)
        blocks.append(Heading(line, level=level) if level else Paragraph(line))
    close_items()
    return blocks
