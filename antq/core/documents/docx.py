"""Render an `OfficialDocument` as .docx in the layout of Decree 30/2020/NĐ-CP, Appendix I.

The layout decisions live here and nowhere else:

- A4, margins top/bottom 2 cm, left 3 cm, right 2 cm (the Decree allows 2-2.5 / 3-3.5 / 1.5-2);
  landscape swaps the page size and keeps the margins.
- Times New Roman throughout, body 14 pt justified with a 1.27 cm first-line indent, 6 pt after
  each paragraph and 1.15 line spacing (the Decree wants 6 pt or more and single to 1.5 lines).
- The header is a borderless two-column table: issuing body on the left, national title and motto
  on the right, "Số:" and the place-and-date line sharing the second row so they line up.
- Horizontal rules are bottom borders on short empty paragraphs, narrowed with indents. Word and
  LibreOffice both draw these at the length asked for, unlike underscores or drawing shapes.
- The recipients ("Nơi nhận:") and the signature share a borderless two-column table, so the two
  blocks start on the same line as on any paper document; its single row never splits over pages.
- Page numbers are centred in the header from the second page on (a different first-page header).

Every paragraph sets its own size, emphasis and spacing, so the result does not depend on the
template's styles; the `Normal` style and document defaults carry the font and language so text
typed later in Word matches.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import TypedDict, Unpack

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import _Element

from antq.core.documents.model import (
    Align,
    Block,
    BulletList,
    Heading,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Table,
)
from antq.core.documents.vietnamese import number_line, place_and_date

FONT = "Times New Roman"
LANGUAGE = "vi-VN"

PAGE_SHORT_CM, PAGE_LONG_CM = 21.0, 29.7
MARGIN_TOP_CM, MARGIN_BOTTOM_CM, MARGIN_LEFT_CM, MARGIN_RIGHT_CM = 2.0, 2.0, 3.0, 2.0
HEADER_DISTANCE_CM = 1.0

BODY_PT = 14.0
BODY_LINE_SPACING = 1.15
FIRST_LINE_INDENT_CM = 1.27

# Left header column width. Portrait: 6.5 + 9.5 = the 16 cm text width, and 9.5 cm fits the
# national title on one line. Landscape gives the issuing body a third of the wider page.
HEADER_LEFT_CM = {False: 6.5, True: 9.0}
# The signature column; portrait matches the header's right column so the signer sits under the
# motto, as on printed documents.
SIGNATURE_CM = {False: 9.5, True: 10.0}

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


class _Format(TypedDict, total=False):
    """Paragraph formatting accepted by `_Renderer._format` (see there)."""

    align: Align
    first_line: bool
    space_before: float
    space_after: float
    line: float
    keep_with_next: bool


# Single-spaced lines without paragraph spacing, as in the header, recipients and signature.
_CENTRED_SINGLE: _Format = {"align": "center", "space_after": 0, "line": 1.0}
_LEFT_SINGLE: _Format = {"align": "left", "space_after": 0, "line": 1.0}

# OOXML validates child order inside property elements; python-docx only knows the positions of
# the children it models, so the ones added by hand here are slotted in by these sequences.
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
    "cs em lang eastAsianLayout specVanish oMath"
).split()
_TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
).split()
_TCPR_ORDER = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark"
).split()
_SIDES = ("top", "left", "bottom", "right")
_BORDER_ORDER = (*_SIDES, "insideH", "insideV", "between", "bar")


def render_docx(document: OfficialDocument) -> bytes:
    """The document as .docx bytes.

    Output is self-contained (no external styles or fonts are referenced beyond Times New Roman,
    which LibreOffice replaces by the metric-compatible Liberation Serif when it is missing) and
    opens in Word and LibreOffice with the same line breaks.
    """
    return _Renderer(document).render()


# --- low-level OOXML helpers ------------------------------------------------------------------


def _child(parent: _Element, tag: str, order: Sequence[str]) -> _Element:
    """The `w:tag` child of `parent`, created in its schema position when missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    element: _Element = OxmlElement(f"w:{tag}")
    position = order.index(tag)
    for existing in parent:
        local = existing.tag.rpartition("}")[2]
        if local in order and order.index(local) > position:
            existing.addprevious(element)
            return element
    parent.append(element)
    return element


def _set_fonts(rpr: _Element, size_pt: float | None = None) -> None:
    """Times New Roman for every script slot. Theme font attributes are removed because Word lets
    them win over explicit names, which would bring back Calibri for some characters."""
    fonts = _child(rpr, "rFonts", _RPR_ORDER)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), FONT)
    if size_pt is not None:
        for tag in ("sz", "szCs"):
            _child(rpr, tag, _RPR_ORDER).set(qn("w:val"), str(round(size_pt * 2)))
    lang = _child(rpr, "lang", _RPR_ORDER)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _border(parent: _Element, side: str, *, visible: bool, size_eighths: int = 6, space: int = 0) -> None:
    edge = _child(parent, side, _BORDER_ORDER)
    if visible:
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), str(size_eighths))
        edge.set(qn("w:space"), str(space))
        edge.set(qn("w:color"), "000000")
    else:
        edge.set(qn("w:val"), "nil")


def _paragraph_border(paragraph: DocxParagraph, sides: Iterable[str], *, space: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = _child(ppr, "pBdr", _PPR_ORDER)
    for side in sides:
        _border(borders, side, visible=True, space=space)


def _twips(cm: float) -> int:
    return round(cm * 1440 / 2.54)


def _table_borders(table: DocxTable, *, visible: bool) -> None:
    tblpr = table._tbl.tblPr
    borders = _child(tblpr, "tblBorders", _TBLPR_ORDER)
    for side in (*_SIDES, "insideH", "insideV"):
        _border(borders, side, visible=visible, size_eighths=4)
    if not visible:
        # Cell-level "nil" too: Word and LibreOffice both let a cell border override the table's.
        for row in table.rows:
            for cell in row.cells:
                tcborders = _child(cell._tc.get_or_add_tcPr(), "tcBorders", _TCPR_ORDER)
                for side in _SIDES:
                    _border(tcborders, side, visible=False)


def _table_geometry(table: DocxTable, widths_cm: Sequence[float], *, cell_margin_cm: float | None) -> None:
    """Fixed column widths that both Word (tcW) and LibreOffice (gridCol) honour."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tblpr = table._tbl.tblPr
    width = _child(tblpr, "tblW", _TBLPR_ORDER)
    width.set(qn("w:w"), str(sum(_twips(w) for w in widths_cm)))
    width.set(qn("w:type"), "dxa")
    _child(tblpr, "tblLayout", _TBLPR_ORDER).set(qn("w:type"), "fixed")
    if cell_margin_cm is not None:
        margins = _child(tblpr, "tblCellMar", _TBLPR_ORDER)
        for side in ("left", "right"):
            edge = _child(margins, side, ["top", "left", "start", "bottom", "right", "end"])
            edge.set(qn("w:w"), str(_twips(cell_margin_cm)))
            edge.set(qn("w:type"), "dxa")
    for column, width_cm in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width_cm)
    for row in table.rows:
        for cell, width_cm in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width_cm)


def _row_flags(row_element: _Element, *flags: str) -> None:
    trpr = row_element.get_or_add_trPr()  # type: ignore[attr-defined]
    for flag in flags:  # trPr children form an unordered choice, so appending is valid
        if trpr.find(qn(f"w:{flag}")) is None:
            trpr.append(OxmlElement(f"w:{flag}"))


def _estimate_width_cm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Rough printed width of `text` in Times New Roman, for sizing rules and picking font sizes.

    Average advance widths per character class, in ems, measured from rendered output; accurate to
    a few percent on Vietnamese text, which is all a rule length needs.
    """
    ems = 0.0
    for ch in text:
        if ch == " ":
            ems += 0.25
        elif ch.isdigit():
            ems += 0.5
        elif ch.isupper():
            ems += 0.74 if bold else 0.69
        elif ch.isalpha():
            ems += 0.5 if bold else 0.46
        else:
            ems += 0.33
    return ems * size_pt * 2.54 / 72


# --- the renderer ---------------------------------------------------------------------------


class _Renderer:
    def __init__(self, document: OfficialDocument) -> None:
        self.source = document
        self.doc: Document = new_document()
        self.landscape = document.landscape
        page_width = PAGE_LONG_CM if self.landscape else PAGE_SHORT_CM
        self.text_width_cm = page_width - MARGIN_LEFT_CM - MARGIN_RIGHT_CM
        self.break_pending = False

    def render(self) -> bytes:
        self._page_setup()
        self._styles()
        self._properties()
        self._page_headers()
        self._header_table()
        self._title()
        for block in self.source.blocks:
            self._block(block)
        self._closing()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    # --- document-wide settings

    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        short, long = Cm(PAGE_SHORT_CM), Cm(PAGE_LONG_CM)
        if self.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = long, short
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = short, long
        section.top_margin = Cm(MARGIN_TOP_CM)
        section.bottom_margin = Cm(MARGIN_BOTTOM_CM)
        section.left_margin = Cm(MARGIN_LEFT_CM)
        section.right_margin = Cm(MARGIN_RIGHT_CM)
        section.header_distance = Cm(HEADER_DISTANCE_CM)
        section.footer_distance = Cm(HEADER_DISTANCE_CM)
        section.gutter = Cm(0)

    def _styles(self) -> None:
        styles_element = self.doc.styles.element
        defaults = styles_element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
            if rpr is not None:
                _set_fonts(rpr, BODY_PT)
        normal = self.doc.styles["Normal"]
        _set_fonts(normal.element.get_or_add_rPr(), BODY_PT)
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
        fmt.line_spacing = BODY_LINE_SPACING
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def _properties(self) -> None:
        props = self.doc.core_properties
        props.title = self.source.display_title
        props.author = "ANTQ"
        props.last_modified_by = "ANTQ"
        props.language = LANGUAGE
        props.comments = ""
        props.revision = 1
        now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        props.created = now
        props.modified = now

    def _page_headers(self) -> None:
        section = self.doc.sections[0]
        # The first page carries the national header instead of a page number (Decree 30: numbers
        # start on page 2); drafts put their "DỰ THẢO" mark there.
        section.different_first_page_header_footer = True
        numbered = section.header.paragraphs[0]
        self._format(numbered, size=13, align="center", space_after=0, line=1.0)
        self._page_field(numbered, size=13)
        first = section.first_page_header.paragraphs[0]
        if self.source.draft_watermark:
            box_cm = 3.2
            self._format(first, size=13, align="center", space_after=0, line=1.0)
            first.paragraph_format.left_indent = Cm(self.text_width_cm - box_cm)
            self._run(first, DRAFT_MARK, size=13, bold=True)
            _paragraph_border(first, _SIDES, space=2)

    # --- paragraphs

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
        fmt.alignment = _ALIGN[align]
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
        mark = _child(paragraph._p.get_or_add_pPr(), "rPr", _PPR_ORDER)
        for tag in ("sz", "szCs"):
            _child(mark, tag, _RPR_ORDER).set(qn("w:val"), str(round(size * 2)))

    def _run(
        self, paragraph: DocxParagraph, text: str, *, size: float, bold: bool = False, italic: bool = False
    ) -> None:
        # Newlines become line breaks inside the paragraph (e.g. a two-line issuing body).
        for index, line in enumerate(text.split("\n")):
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
        **fmt: Unpack[_Format],
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
        **fmt: Unpack[_Format],
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
        _paragraph_border(paragraph, ("bottom",))

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

    # --- the national header

    def _header_table(self) -> None:
        src = self.source
        left_cm = HEADER_LEFT_CM[self.landscape]
        right_cm = self.text_width_cm - left_cm
        table = self.doc.add_table(rows=2, cols=2)
        # Near-zero cell padding: the national title needs nearly the whole 9.5 cm column.
        _table_geometry(table, (left_cm, right_cm), cell_margin_cm=0.05)
        _table_borders(table, visible=False)
        for row in table.rows:
            _row_flags(row._tr, "cantSplit")
        (top_left, top_right), (bottom_left, bottom_right) = (row.cells for row in table.rows)
        line = _CENTRED_SINGLE

        # Left: parent body, issuing body in bold, a rule 1/3-1/2 as long as the issuing body.
        if src.parent_body:
            self._cell_paragraph(top_left, src.parent_body.upper(), size=13, **line)
        issuing = src.issuing_body.upper()
        self._cell_paragraph(top_left, issuing, size=13, bold=True, **line)
        # A name too long for the column wraps; the rule then follows the (column-wide) wrapped line.
        longest = min(max(_estimate_width_cm(part, 13, bold=True) for part in issuing.split("\n")), left_cm)
        self._rule(top_left, _clamp(longest * 0.45, 1.5, left_cm - 1.0), left_cm)

        # Right: national title and motto; the motto's rule is exactly as long as the motto. The
        # Decree allows 13/14 pt or 12/13 pt; the title must stay on one line, which at 13 pt it
        # only does in the wider landscape column.
        usable = right_cm - 0.2
        title_pt, motto_pt = (13.0, 14.0) if _estimate_width_cm(NATIONAL_TITLE, 13, bold=True) <= usable else (12, 13)
        self._cell_paragraph(top_right, NATIONAL_TITLE, size=title_pt, bold=True, **line)
        self._cell_paragraph(top_right, MOTTO, size=motto_pt, bold=True, **line)
        self._rule(top_right, _estimate_width_cm(MOTTO, motto_pt, bold=True), right_cm)

        # Second row: number on the left, place and date on the right, on the same line.
        # 1 pt more space above the 13 pt number puts it on the baseline of the 14 pt date.
        self._cell_paragraph(bottom_left, number_line(src.number, src.symbol), size=13, **(line | {"space_before": 7}))
        if not src.doc_type and src.summary:
            # A letter (công văn) states its subject here instead of under a title.
            summary = src.summary if src.summary.startswith("V/v") else f"V/v {src.summary}"
            self._cell_paragraph(bottom_left, summary, size=12, **(line | {"space_before": 3}))
        dateline = place_and_date(src.place, src.date, src.year)
        date_pt = 14.0 if _estimate_width_cm(dateline, 14) <= usable else 13.0
        self._cell_paragraph(bottom_right, dateline, size=date_pt, italic=True, **(line | {"space_before": 6}))

    def _title(self) -> None:
        src = self.source
        if not src.doc_type:
            self._spacer(12)
            return
        self._paragraph(
            self.doc,
            src.doc_type.upper(),
            bold=True,
            align="center",
            space_before=18,
            space_after=0,
            line=1.0,
            keep_with_next=True,
        )
        if src.summary:
            self._paragraph(
                self.doc, src.summary, bold=True, align="center", space_after=0, line=1.0, keep_with_next=True
            )
        # Decree 30: a rule 1/3-1/2 as long as the summary line, for every type but letters.
        longest = min(_estimate_width_cm(src.summary or src.doc_type, BODY_PT, bold=True), self.text_width_cm)
        self._rule(self.doc, _clamp(longest / 3, 2.5, self.text_width_cm / 2), self.text_width_cm, space_after=12)

    # --- body

    def _block(self, block: Block) -> None:
        match block:
            case Heading():
                self._heading(block)
            case Paragraph():
                self._paragraph(
                    self.doc, block.runs, bold=block.bold, italic=block.italic, align=block.align,
                    first_line=block.indent_first_line,
                )  # fmt: skip
            case BulletList():
                for item in block.items:
                    self._paragraph(self.doc, f"{block.marker} {item}", first_line=True)
            case Table():
                self._table(block)
            case PageBreak():
                self.break_pending = True

    def _heading(self, heading: Heading) -> None:
        text = heading.text.upper() if heading.level == 1 else heading.text
        paragraph = self._paragraph(
            self.doc,
            text,
            bold=True,
            italic=heading.level == 3,
            first_line=True,
            space_before=6 if heading.level == 1 else 0,
            keep_with_next=True,
        )
        # The outline level makes headings show in Word's navigation pane and PDF bookmarks.
        _child(paragraph._p.get_or_add_pPr(), "outlineLvl", _PPR_ORDER).set(qn("w:val"), str(heading.level - 1))

    def _table(self, block: Table) -> None:
        n = len(block.headers)
        if block.caption:
            self._paragraph(
                self.doc, block.caption, bold=True, align="center", space_before=6, line=1.0, keep_with_next=True
            )
        elif self.break_pending:
            self._page_break_paragraph()
        rows: list[tuple[str, ...]] = [block.headers, *block.rows]
        if block.total_row is not None:
            rows.append(block.total_row)
        weights = block.column_widths or (1.0,) * n
        widths = [weight * self.text_width_cm / sum(weights) for weight in weights]
        left: list[Align] = ["left"] * n
        aligns: Sequence[Align] = block.align or left

        table = self.doc.add_table(rows=len(rows), cols=n)
        _table_geometry(table, widths, cell_margin_cm=0.1)
        _table_borders(table, visible=True)
        last = len(rows) - 1
        for index, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
            header = index == 0
            bold = header or (block.total_row is not None and index == last)
            # The header row repeats on each page; no row is split across a page break.
            _row_flags(row._tr, "cantSplit", *(("tblHeader",) if header else ()))
            for cell, value, align in zip(row.cells, values, aligns, strict=True):
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                self._cell_paragraph(
                    cell, value, size=block.font_size_pt, bold=bold, align="center" if header else align,
                    space_before=2, space_after=2, line=1.0,
                )  # fmt: skip
        self._spacer(6)

    # --- recipients and signature

    def _closing(self) -> None:
        if self.break_pending:
            self._page_break_paragraph()
        else:
            self._keep_end_of_body_with_signature()
        self._spacer(6)
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        signature_cm = SIGNATURE_CM[self.landscape]
        left_cm = self.text_width_cm - signature_cm
        table = self.doc.add_table(rows=1, cols=2)
        _table_geometry(table, (left_cm, signature_cm), cell_margin_cm=0.05)
        _table_borders(table, visible=False)
        # One row that cannot split keeps the whole signature block (and "Nơi nhận:") together.
        _row_flags(table.rows[0]._tr, "cantSplit")
        recipients_cell, signature_cell = table.rows[0].cells
        line = _LEFT_SINGLE

        if self.source.recipients:
            self._cell_paragraph(recipients_cell, "Nơi nhận:", size=12, bold=True, italic=True, **line)
            for recipient in self.source.recipients:
                self._cell_paragraph(recipients_cell, f"- {recipient}", size=11, **line)
        self._signature(signature_cell, self.source.signature)
        # A document body must end with a paragraph; keep it tiny so it never spills onto a page.
        self._spacer(1)

    def _keep_end_of_body_with_signature(self) -> None:
        """Chain the end of the body to the signature block so a page never holds the signature
        alone: the last text paragraph (or the last table row) moves over with it."""
        for element in reversed(self.doc.element.body):
            if element.tag == qn("w:tbl"):
                for paragraph in element.findall(f"{qn('w:tr')}[last()]//{qn('w:p')}"):
                    DocxParagraph(paragraph, self.doc).paragraph_format.keep_with_next = True
                return
            if element.tag == qn("w:p"):
                paragraph = DocxParagraph(element, self.doc)
                paragraph.paragraph_format.keep_with_next = True
                if paragraph.text.strip():
                    return

    def _signature(self, cell: _Cell, signature: Signature) -> None:
        line = _CENTRED_SINGLE
        if signature.authority:
            self._cell_paragraph(cell, signature.authority.upper(), bold=True, **line)
        self._cell_paragraph(cell, signature.title.upper(), bold=True, **line)
        # Room for the handwritten signature and the seal: four body lines, the note in the middle.
        spaces: list[str] = ["", signature.note, "", ""] if signature.note else ["", "", "", ""]
        for text in spaces:
            self._cell_paragraph(cell, text, italic=True, **line)
        self._cell_paragraph(cell, signature.name, bold=True, **line)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(value, high))
