"""An `OfficialDocument` laid out part by part: page, styles, header table, title, blocks,
recipients and signature."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from antq.core.documents.docx.layout import (
    BODY_LINE_SPACING,
    BODY_PT,
    CENTRED_SINGLE,
    DRAFT_MARK,
    HEADER_DISTANCE_CM,
    HEADER_LEFT_CM,
    LANGUAGE,
    LEFT_SINGLE,
    MARGIN_BOTTOM_CM,
    MARGIN_LEFT_CM,
    MARGIN_RIGHT_CM,
    MARGIN_TOP_CM,
    MOTTO,
    NATIONAL_TITLE,
    PAGE_LONG_CM,
    PAGE_SHORT_CM,
    SIGNATURE_SHARE,
)
from antq.core.documents.docx.ooxml import (
    PPR_ORDER,
    SIDES,
    child,
    clamp,
    estimate_width_cm,
    paragraph_border,
    row_flags,
    set_fonts,
    table_borders,
    table_geometry,
)
from antq.core.documents.docx.writer import Writer
from antq.core.documents.model import (
    Align,
    Block,
    BulletList,
    Heading,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Signature,
    Table,
)
from antq.core.documents.vietnamese import number_line, place_and_date
from antq.core.text import safe_text


class Renderer(Writer):
    """The document's parts in the order the Decree lays them out."""

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
                set_fonts(rpr, BODY_PT)
        normal = self.doc.styles["Normal"]
        set_fonts(normal.element.get_or_add_rPr(), BODY_PT)
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
        fmt.line_spacing = BODY_LINE_SPACING
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def _properties(self) -> None:
        props = self.doc.core_properties
        props.title = safe_text(self.source.display_title)
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
            paragraph_border(first, SIDES, space=2)

    def _header_table(self) -> None:
        src = self.source
        left_cm = HEADER_LEFT_CM[self.landscape]
        right_cm = self.text_width_cm - left_cm
        table = self.doc.add_table(rows=2, cols=2)
        # Near-zero cell padding: the national title needs nearly the whole 9.5 cm column.
        table_geometry(table, (left_cm, right_cm), cell_margin_cm=0.05)
        table_borders(table, visible=False)
        for row in table.rows:
            row_flags(row._tr, "cantSplit")
        (top_left, top_right), (bottom_left, bottom_right) = (row.cells for row in table.rows)
        line = CENTRED_SINGLE

        # Left: parent body, issuing body in bold, a rule 1/3-1/2 as long as the issuing body.
        if src.parent_body:
            self._cell_paragraph(top_left, src.parent_body.upper(), size=13, **line)
        issuing = src.issuing_body.upper()
        self._cell_paragraph(top_left, issuing, size=13, bold=True, **line)
        # A name too long for the column wraps; the rule then follows the (column-wide) wrapped line.
        longest = min(max(estimate_width_cm(part, 13, bold=True) for part in issuing.split("\n")), left_cm)
        self._rule(top_left, clamp(longest * 0.45, 1.5, left_cm - 1.0), left_cm)

        # Right: national title and motto; the motto's rule is exactly as long as the motto. The
        # Decree allows 13/14 pt or 12/13 pt; the title must stay on one line, which at 13 pt it
        # only does in the wider landscape column.
        usable = right_cm - 0.2
        title_pt, motto_pt = (13.0, 14.0) if estimate_width_cm(NATIONAL_TITLE, 13, bold=True) <= usable else (12, 13)
        self._cell_paragraph(top_right, NATIONAL_TITLE, size=title_pt, bold=True, **line)
        self._cell_paragraph(top_right, MOTTO, size=motto_pt, bold=True, **line)
        self._rule(top_right, estimate_width_cm(MOTTO, motto_pt, bold=True), right_cm)

        # Second row: number on the left, place and date on the right, on the same line.
        # 1 pt more space above the 13 pt number puts it on the baseline of the 14 pt date.
        self._cell_paragraph(bottom_left, number_line(src.number, src.symbol), size=13, **(line | {"space_before": 7}))
        if not src.doc_type and src.summary:
            # A letter (công văn) states its subject here instead of under a title.
            summary = src.summary if src.summary.startswith("V/v") else f"V/v {src.summary}"
            self._cell_paragraph(bottom_left, summary, size=12, **(line | {"space_before": 3}))
        dateline = place_and_date(src.place, src.date, src.year)
        date_pt = 14.0 if estimate_width_cm(dateline, 14) <= usable else 13.0
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
        longest = min(estimate_width_cm(src.summary or src.doc_type, BODY_PT, bold=True), self.text_width_cm)
        self._rule(self.doc, clamp(longest / 3, 2.5, self.text_width_cm / 2), self.text_width_cm, space_after=12)

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
        child(paragraph._p.get_or_add_pPr(), "outlineLvl", PPR_ORDER).set(qn("w:val"), str(heading.level - 1))

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
        table_geometry(table, widths, cell_margin_cm=0.1)
        table_borders(table, visible=True)
        last = len(rows) - 1
        for index, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
            header = index == 0
            bold = header or (block.total_row is not None and index == last)
            # The header row repeats on each page; no row is split across a page break.
            row_flags(row._tr, "cantSplit", *(("tblHeader",) if header else ()))
            for cell, value, align in zip(row.cells, values, aligns, strict=True):
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                self._cell_paragraph(
                    cell, value, size=block.font_size_pt, bold=bold, align="center" if header else align,
                    space_before=2, space_after=2, line=1.0,
                )  # fmt: skip
        self._spacer(6)

    def _closing(self) -> None:
        if self.break_pending:
            self._page_break_paragraph()
        else:
            self._keep_end_of_body_with_signature()
        self._spacer(6)
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        signature_cm = self.text_width_cm * SIGNATURE_SHARE
        left_cm = self.text_width_cm - signature_cm
        table = self.doc.add_table(rows=1, cols=2)
        table_geometry(table, (left_cm, signature_cm), cell_margin_cm=0.05)
        table_borders(table, visible=False)
        # One row that cannot split keeps the whole signature block (and "Nơi nhận:") together.
        row_flags(table.rows[0]._tr, "cantSplit")
        recipients_cell, signature_cell = table.rows[0].cells
        line = LEFT_SINGLE

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
        line = CENTRED_SINGLE
        if signature.authority:
            self._cell_paragraph(cell, signature.authority.upper(), bold=True, **line)
        self._cell_paragraph(cell, signature.title.upper(), bold=True, **line)
        # Room for the handwritten signature and the seal: four body lines, the note in the middle.
        spaces: list[str] = ["", signature.note, "", ""] if signature.note else ["", "", "", ""]
        for text in spaces:
            self._cell_paragraph(cell, text, italic=True, **line)
        self._cell_paragraph(cell, signature.name, bold=True, **line)
