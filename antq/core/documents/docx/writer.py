"""Paragraphs, runs, rules and page fields: what the renderer builds documents from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Unpack

from docx.document import Document
from docx.enum.text import WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import _Element

from antq.core.documents.docx.layout import (
    ALIGN,
    BODY_LINE_SPACING,
    BODY_PT,
    FIRST_LINE_INDENT_CM,
    Format,
)
from antq.core.documents.docx.ooxml import (
    PPR_ORDER,
    RPR_ORDER,
    child,
    paragraph_border,
)
from antq.core.documents.model import (
    Align,
    Run,
)
from antq.core.text import safe_text


class Writer:
    """Paragraph primitives: every paragraph sets its own size, emphasis and spacing, so the result
    does not depend on the template's styles."""

    doc: Document
    text_width_cm: float
    break_pending: bool

    def _format(
        self,
        paragraph: DocxParagraph,
        *,
        size: float = BODY_PT,
        align: Align = "justify",
        first_line: bool = False,
        space_before: float = 0,
        space_after: float = 6,
        line: float = BODY_LINE_SPACING,
        keep_with_next: bool = False,
    ) -> None:
        fmt = paragraph.paragraph_format
        fmt.alignment = ALIGN[align]
        fmt.space_before = Pt(space_before)
        fmt.space_after = Pt(space_after)
        fmt.line_spacing = line
        fmt.first_line_indent = Cm(FIRST_LINE_INDENT_CM) if first_line else None
        if keep_with_next:
            fmt.keep_with_next = True
        if self.break_pending and paragraph._p.getparent() is self.doc.element.body:
            fmt.page_break_before = True
            self.break_pending = False
        # The paragraph mark's size sets the height of empty paragraphs (rules, spacers).
        mark = child(paragraph._p.get_or_add_pPr(), "rPr", PPR_ORDER)
        for tag in ("sz", "szCs"):
            child(mark, tag, RPR_ORDER).set(qn("w:val"), str(round(size * 2)))

    def _run(
        self, paragraph: DocxParagraph, text: str, *, size: float, bold: bool = False, italic: bool = False
    ) -> None:
        # Newlines become line breaks inside the paragraph (e.g. a two-line issuing body). Text
        # stored before the text rule may hold control characters XML cannot carry: the writer
        # drops them rather than failing the whole document.
        for index, line in enumerate(safe_text(text).split("\n")):
            run = paragraph.add_run()
            if index:
                run.add_break()
            run.add_text(line)
            run.font.size = Pt(size)
            run.font.bold = bold or None
            run.font.italic = italic or None

    def _paragraph(
        self,
        container: Document | _Cell,
        text: str | Sequence[Run] = "",
        *,
        size: float = BODY_PT,
        bold: bool = False,
        italic: bool = False,
        **fmt: Unpack[Format],
    ) -> DocxParagraph:
        paragraph = container.add_paragraph()
        self._format(paragraph, size=size, **fmt)
        runs = (Run(text),) if isinstance(text, str) else tuple(text)
        for item in runs:
            if item.text:
                self._run(paragraph, item.text, size=size, bold=bold or item.bold, italic=italic or item.italic)
        return paragraph

    def _cell_paragraph(
        self,
        cell: _Cell,
        text: str = "",
        *,
        size: float = BODY_PT,
        bold: bool = False,
        italic: bool = False,
        **fmt: Unpack[Format],
    ) -> DocxParagraph:
        """A paragraph appended to `cell`, replacing the empty one every new cell starts with."""
        first = cell.paragraphs[0]
        if len(cell.paragraphs) == 1 and not first.text and first._p.pPr is None:
            cell._tc.remove(first._p)
        return self._paragraph(cell, text, size=size, bold=bold, italic=italic, **fmt)

    def _rule(self, container: Document | _Cell, length_cm: float, width_cm: float, *, space_after: float = 0) -> None:
        """A centred horizontal rule `length_cm` long inside a column `width_cm` wide."""
        if isinstance(container, _Cell):
            paragraph = self._cell_paragraph(container, size=1, align="center", space_after=space_after, line=1.0)
        else:
            paragraph = self._paragraph(container, size=1, align="center", space_after=space_after, line=1.0)
        inset = max(0.0, (width_cm - length_cm) / 2)
        paragraph.paragraph_format.left_indent = Cm(inset)
        paragraph.paragraph_format.right_indent = Cm(inset)
        # An exactly 5 pt high paragraph puts the rule just clear of the descenders of the line
        # above, instead of a full empty text line below it.
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(5)
        paragraph_border(paragraph, ("bottom",))

    def _page_field(self, paragraph: DocxParagraph, *, size: float) -> None:
        """A PAGE field, written as a complex field so Word and LibreOffice both update it."""

        def run_with(element: _Element) -> None:
            run = paragraph.add_run()
            run.font.size = Pt(size)
            run._r.append(element)

        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        run_with(begin)
        instruction = OxmlElement("w:instrText")
        instruction.set(qn("xml:space"), "preserve")
        instruction.text = " PAGE "
        run_with(instruction)
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        run_with(separate)
        placeholder = paragraph.add_run("2")
        placeholder.font.size = Pt(size)
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        run_with(end)

    def _page_break_paragraph(self) -> None:
        """An explicit break for when no paragraph follows to carry `page_break_before` (a table
        without a caption, the signature block)."""
        self.break_pending = False
        paragraph = self._paragraph(self.doc, size=1, space_after=0, line=1.0)
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    def _spacer(self, size: float) -> None:
        self._paragraph(self.doc, size=size, space_after=0, line=1.0)
