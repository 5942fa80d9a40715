"""The shared official-document generator: Decree 30/2020/NĐ-CP layout in .docx, PDF via
LibreOffice. No database needed.

The PDF tests skip when LibreOffice is not installed, unless ANTQ_REQUIRE_LIBREOFFICE=1 (CI) makes
a missing LibreOffice a failure.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import struct
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from antq.core.documents import (
    BulletList,
    DocumentConversionFailed,
    DocumentConversionUnavailable,
    Heading,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Table,
    convert_docx_to_pdf,
    libreoffice_available,
    number_line,
    pdf_to_png_pages,
    place_and_date,
    render_docx,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def sample_plan(*, draft: bool = False) -> OfficialDocument:
    """A plan shaped like the provincial steering committee's festival plan."""
    return OfficialDocument(
        parent_body="UBND tỉnh Khánh Hòa",
        issuing_body="Ban Chỉ đạo 138",
        number="" if draft else "4955/KH-BCĐ",
        symbol="KH-BCĐ",
        place="Khánh Hòa",
        date=None if draft else dt.date(2024, 5, 13),
        year=2024,
        doc_type="Kế hoạch",
        summary="Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024",
        draft_watermark=draft,
        blocks=(
            Paragraph(
                "Thực hiện Kế hoạch số 112/KH-BCA-V05 ngày 02/4/2024 của Bộ Công an về tổ chức Ngày hội toàn dân "
                "bảo vệ an ninh Tổ quốc năm 2024, Ban Chỉ đạo 138 tỉnh ban hành Kế hoạch tổ chức Ngày hội trên địa "
                "bàn tỉnh như sau:"
            ),
            Heading("I. Mục đích, yêu cầu"),
            Heading("1. Mục đích", level=2),
            Paragraph(
                "Tuyên truyền sâu rộng trong các tầng lớp Nhân dân về ý nghĩa, tầm quan trọng của phong trào toàn "
                "dân bảo vệ an ninh Tổ quốc; biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc."
            ),
            Heading("2. Yêu cầu", level=2),
            BulletList(
                (
                    "Tổ chức Ngày hội thiết thực, hiệu quả, tiết kiệm, phù hợp với tình hình thực tế của địa phương;",
                    "Mỗi huyện, thị xã, thành phố chọn ít nhất một xã, phường, thị trấn làm điểm.",
                )
            ),
            Heading("II. Nội dung, thời gian tổ chức"),
            Heading("a) Thời gian", level=3),
            Paragraph((Run("Thời gian: ", bold=True), Run("từ ngày 01/8/2024 đến ngày 19/8/2024."))),
            Table(
                headers=("TT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian"),
                rows=(
                    ("1", "Xây dựng kế hoạch, hướng dẫn tổ chức Ngày hội", "Công an tỉnh", "Tháng 5/2024"),
                    (
                        "2",
                        "Chọn điểm và tổ chức Ngày hội điểm cấp tỉnh",
                        "Công an tỉnh, UBND cấp huyện",
                        "Tháng 7/2024",
                    ),
                    ("3", "Sơ kết, khen thưởng phong trào", "Ban Chỉ đạo 138 tỉnh", "Tháng 8/2024"),
                ),
                column_widths=(1.2, 7.0, 4.5, 3.0),
                align=("center", "left", "left", "center"),
                caption="Bảng phân công nhiệm vụ",
            ),
            Heading("III. Tổ chức thực hiện"),
            Paragraph(
                "Công an tỉnh (cơ quan Thường trực Ban Chỉ đạo) chủ trì, phối hợp với các sở, ban, ngành, đoàn thể "
                "và Ủy ban nhân dân các huyện, thị xã, thành phố tổ chức triển khai thực hiện Kế hoạch này; định kỳ "
                "báo cáo kết quả về Ban Chỉ đạo 138 tỉnh."
            ),
        ),
        signature=Signature(authority="KT. Trưởng ban", title="Phó Trưởng ban", name="Nguyễn Văn A"),
        recipients=(
            "Ban Chỉ đạo 138 Bộ Công an;",
            "Thường trực Tỉnh ủy;",
            "Chủ tịch, các PCT UBND tỉnh;",
            "Thành viên BCĐ 138 tỉnh;",
            "Lưu: VT, PV05.",
        ),
    )


def proposal_list() -> OfficialDocument:
    """A landscape commendation proposal list with a wide table."""
    rows = tuple(
        (
            str(i),
            f"Nguyễn Văn {chr(64 + i)}",
            "1980",
            "Trưởng Công an xã",
            f"Công an xã Vạn Thắng {i}",
            "Bằng khen của Chủ tịch UBND tỉnh",
            "Có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2024",
        )
        for i in range(1, 9)
    )
    return OfficialDocument(
        parent_body="Công an tỉnh Khánh Hòa",
        issuing_body="Phòng Tham mưu",
        number="",
        symbol="DS-PV01",
        place="Khánh Hòa",
        date=dt.date(2024, 2, 5),
        doc_type="Danh sách",
        summary="Đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc trong phong trào toàn dân bảo vệ "
        "an ninh Tổ quốc năm 2024",
        landscape=True,
        blocks=(
            Table(
                headers=("TT", "Họ và tên", "Năm sinh", "Chức vụ", "Đơn vị", "Hình thức khen thưởng", "Thành tích"),
                rows=rows,
                column_widths=(1.0, 4.0, 1.8, 3.5, 4.0, 4.0, 6.4),
                align=("center", "left", "center", "left", "left", "left", "left"),
                font_size_pt=12,
                total_row=("", "Tổng cộng: 8 cá nhân", "", "", "", "", ""),
            ),
        ),
        signature=Signature(authority="TL. Giám đốc", title="Trưởng phòng", name="Trần Thị B"),
        recipients=("Hội đồng TĐKT tỉnh;", "Lưu: VT, PV01."),
    )


# --- helpers reading a rendered .docx the way a reader sees it ---------------------------------


def open_docx(data: bytes) -> DocxDocument:
    return Document(io.BytesIO(data))


def cell_text(table: DocxTable, row: int, column: int) -> list[str]:
    return [p.text for p in table.cell(row, column).paragraphs if p.text]


def find_paragraph(paragraphs: list[DocxParagraph], text: str) -> DocxParagraph:
    matches = [p for p in paragraphs if p.text == text]
    assert matches, f"no paragraph reads {text!r}; got {[p.text for p in paragraphs]}"
    return matches[0]


def all_runs_are(paragraph: DocxParagraph, *, bold: bool | None = None, italic: bool | None = None) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    assert runs
    return all((bold is None or bool(r.bold) == bold) and (italic is None or bool(r.italic) == italic) for r in runs)


def has_bottom_border(paragraph: DocxParagraph) -> bool:
    ppr = paragraph._p.pPr
    border = None if ppr is None else ppr.find(qn("w:pBdr"))
    return border is not None and border.find(qn("w:bottom")) is not None


def cm(length: Length | None) -> float:
    assert length is not None
    return round(length.cm, 2)


# --- the rendered plan -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_docx() -> bytes:
    return render_docx(sample_plan())


@pytest.fixture(scope="module")
def plan(plan_docx: bytes) -> DocxDocument:
    return open_docx(plan_docx)


def test_page_is_a4_with_decree_margins(plan: DocxDocument) -> None:
    section = plan.sections[0]
    assert (cm(section.page_width), cm(section.page_height)) == (21.0, 29.7)
    assert 2.0 <= cm(section.top_margin) <= 2.5
    assert 2.0 <= cm(section.bottom_margin) <= 2.5
    assert 3.0 <= cm(section.left_margin) <= 3.5
    assert 1.5 <= cm(section.right_margin) <= 2.0


def test_header_table_holds_issuer_number_motto_and_date(plan: DocxDocument) -> None:
    header = plan.tables[0]
    assert cell_text(header, 0, 0) == ["UBND TỈNH KHÁNH HÒA", "BAN CHỈ ĐẠO 138"]
    assert cell_text(header, 0, 1) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert cell_text(header, 1, 0) == ["Số: 4955/KH-BCĐ"]
    assert cell_text(header, 1, 1) == ["Khánh Hòa, ngày 13 tháng 5 năm 2024"]

    left = header.cell(0, 0).paragraphs
    assert all_runs_are(find_paragraph(left, "BAN CHỈ ĐẠO 138"), bold=True)
    assert all_runs_are(find_paragraph(left, "UBND TỈNH KHÁNH HÒA"), bold=False)
    date = find_paragraph(header.cell(1, 1).paragraphs, "Khánh Hòa, ngày 13 tháng 5 năm 2024")
    assert all_runs_are(date, italic=True)
    right = header.cell(0, 1).paragraphs
    assert all_runs_are(find_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), bold=True)
    assert all_runs_are(find_paragraph(right, "Độc lập - Tự do - Hạnh phúc"), bold=True)
    # Decree 30 sizes: national title 12-13 pt, motto 13-14 pt, issuing body 13 pt.
    assert 12 <= find_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").runs[0].font.size.pt <= 13
    assert 13 <= find_paragraph(right, "Độc lập - Tự do - Hạnh phúc").runs[0].font.size.pt <= 14
    assert find_paragraph(left, "BAN CHỈ ĐẠO 138").runs[0].font.size.pt == 13


def test_header_rules_are_borders_shorter_than_their_column(plan: DocxDocument) -> None:
    header = plan.tables[0]
    for column in (0, 1):
        rules = [p for p in header.cell(0, column).paragraphs if has_bottom_border(p)]
        assert len(rules) == 1, "one rule under the issuing body, one under the motto"
        rule = rules[0]
        assert rule.text == "", "a border, not a line of underscores"
        inset = cm(rule.paragraph_format.left_indent)
        assert inset == cm(rule.paragraph_format.right_indent) > 0, "centred and shorter than the column"
    motto_rule = next(p for p in header.cell(0, 1).paragraphs if has_bottom_border(p))
    motto_rule_cm = 9.5 - 2 * cm(motto_rule.paragraph_format.left_indent)
    assert 5.0 < motto_rule_cm < 7.5, "as long as 'Độc lập - Tự do - Hạnh phúc'"


def test_header_table_cells_have_no_borders(plan: DocxDocument) -> None:
    header = plan.tables[0]
    table_borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert table_borders is not None
    assert {edge.get(qn("w:val")) for edge in table_borders} == {"nil"}
    for row in header.rows:
        for cell in row.cells:
            edges = cell._tc.tcPr.find(qn("w:tcBorders"))
            assert edges is not None
            assert {edge.get(qn("w:val")) for edge in edges} == {"nil"}


def test_fonts_are_times_new_roman_for_every_script(plan: DocxDocument, plan_docx: bytes) -> None:
    normal = plan.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{slot}")) == "Times New Roman"
    assert normal.font.size.pt == 14
    # Theme fonts would win over the explicit names in Word; the text names no other font.
    with zipfile.ZipFile(io.BytesIO(plan_docx)) as package:
        for part in package.namelist():
            if part.startswith(("word/document", "word/header")):
                fonts_named = re.findall(r"<w:rFonts [^>]*>", package.read(part).decode())
                assert all("Theme" not in f and "Times New Roman" in f for f in fonts_named), part
        defaults = package.read("word/styles.xml").decode().split("</w:docDefaults>")[0]
    assert "Theme=" not in defaults and "w:cstheme" not in defaults


def test_title_block_is_centred_bold_caps_with_a_rule(plan: DocxDocument) -> None:
    body = plan.paragraphs
    doc_type = find_paragraph(body, "KẾ HOẠCH")
    assert all_runs_are(doc_type, bold=True)
    assert doc_type.text == doc_type.text.upper()
    assert doc_type.alignment == 1  # centre
    assert doc_type.runs[0].font.size.pt == 14
    summary = find_paragraph(body, "Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024")
    assert all_runs_are(summary, bold=True)
    assert summary.alignment == 1
    index = [p._p for p in body].index(summary._p)
    after = body[index + 1]
    assert has_bottom_border(after) and after.text == ""


def test_body_is_justified_with_first_line_indent(plan: DocxDocument) -> None:
    paragraph = next(p for p in plan.paragraphs if p.text.startswith("Thực hiện Kế hoạch số 112"))
    assert paragraph.alignment == 3  # justify
    assert cm(paragraph.paragraph_format.first_line_indent) == 1.27
    assert paragraph.paragraph_format.space_after.pt >= 6
    heading = find_paragraph(plan.paragraphs, "I. MỤC ĐÍCH, YÊU CẦU")
    assert all_runs_are(heading, bold=True)
    assert all_runs_are(find_paragraph(plan.paragraphs, "a) Thời gian"), bold=True, italic=True)
    bullet = next(p for p in plan.paragraphs if p.text.startswith("- Tổ chức Ngày hội thiết thực"))
    assert cm(bullet.paragraph_format.first_line_indent) == 1.27
    mixed = find_paragraph(plan.paragraphs, "Thời gian: từ ngày 01/8/2024 đến ngày 19/8/2024.")
    assert [bool(r.bold) for r in mixed.runs] == [True, False]


def test_task_table_has_bold_repeating_header_and_borders(plan: DocxDocument) -> None:
    tasks = plan.tables[1]
    assert [c.text for c in tasks.rows[0].cells] == ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian"]
    assert all(all_runs_are(c.paragraphs[0], bold=True) for c in tasks.rows[0].cells)
    assert tasks.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    borders = tasks._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"single"}
    total_width = sum(cm(column.width) for column in tasks.columns)
    assert total_width == pytest.approx(16.0, abs=0.05), "spans the text width"
    assert len(tasks.rows) == 4


def test_recipients_and_signature_share_a_borderless_row(plan: DocxDocument) -> None:
    closing = plan.tables[-1]
    recipients = closing.cell(0, 0).paragraphs
    assert recipients[0].text == "Nơi nhận:"
    assert all_runs_are(recipients[0], bold=True, italic=True)
    assert recipients[0].runs[0].font.size.pt == 12
    assert [p.text for p in recipients[1:]] == [
        "- Ban Chỉ đạo 138 Bộ Công an;",
        "- Thường trực Tỉnh ủy;",
        "- Chủ tịch, các PCT UBND tỉnh;",
        "- Thành viên BCĐ 138 tỉnh;",
        "- Lưu: VT, PV05.",
    ]
    assert {p.runs[0].font.size.pt for p in recipients[1:]} == {11}
    signature = [p for p in closing.cell(0, 1).paragraphs]
    texts = [p.text for p in signature]
    assert texts[:2] == ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
    assert texts[-1] == "Nguyễn Văn A"
    assert all_runs_are(signature[-1], bold=True)
    assert texts[2:-1] == ["", "", "", ""], "room for the signature and seal"
    assert closing.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_recipients_and_signature_share_the_width_half_and_half(plan: DocxDocument) -> None:
    # Decree 30 samples give "Nơi nhận" as much room as the signer: a 6.5 cm column wrapped
    # "- Cục Cảnh sát quản lý hành chính về TTXH;" mid-phrase.
    closing = plan.tables[-1]
    assert [cm(column.width) for column in closing.columns] == pytest.approx([8.0, 8.0], abs=0.05)
    assert [cm(cell.width) for cell in closing.rows[0].cells] == pytest.approx([8.0, 8.0], abs=0.05)


def test_page_numbers_start_on_page_two(plan: DocxDocument, plan_docx: bytes) -> None:
    section = plan.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    numbered = section.header.paragraphs[0]
    assert numbered.alignment == 1
    assert "PAGE" in "".join(numbered._p.itertext())


def test_core_properties(plan: DocxDocument) -> None:
    props = plan.core_properties
    assert props.author == "ANTQ"
    assert props.title == "Kế hoạch Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024"
    assert props.language == "vi-VN"


def test_draft_has_blank_number_and_date_and_a_draft_mark() -> None:
    draft = open_docx(render_docx(sample_plan(draft=True)))
    header = draft.tables[0]
    assert cell_text(header, 1, 0) == ["Số:      /KH-BCĐ"]
    assert cell_text(header, 1, 1) == ["Khánh Hòa, ngày      tháng      năm 2024"]
    assert draft.sections[0].first_page_header.paragraphs[0].text == "DỰ THẢO"


def test_letter_puts_its_subject_under_the_number() -> None:
    letter = OfficialDocument(
        issuing_body="Công an tỉnh Khánh Hòa",
        number="123",
        symbol="CAT-PV01",
        place="Khánh Hòa",
        date=dt.date(2024, 1, 9),
        doc_type="",
        summary="triển khai Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        blocks=(Paragraph("Kính gửi: Công an các huyện, thị xã, thành phố.", indent_first_line=False),),
        signature=Signature(title="Giám đốc", name="Lê Văn C"),
    )
    rendered = open_docx(render_docx(letter))
    assert cell_text(rendered.tables[0], 1, 0) == [
        "Số: 123/CAT-PV01",
        "V/v triển khai Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    ]
    assert cell_text(rendered.tables[0], 1, 1) == ["Khánh Hòa, ngày 09 tháng 01 năm 2024"]
    assert cell_text(rendered.tables[0], 0, 0) == ["CÔNG AN TỈNH KHÁNH HÒA"]
    assert [p.text for p in rendered.tables[-1].cell(0, 0).paragraphs] == [""], "no recipients, no 'Nơi nhận:'"


def test_landscape_proposal_list() -> None:
    rendered = open_docx(render_docx(proposal_list()))
    section = rendered.sections[0]
    assert (cm(section.page_width), cm(section.page_height)) == (29.7, 21.0)
    assert section.orientation == 1  # landscape
    assert 3.0 <= cm(section.left_margin) <= 3.5 and 1.5 <= cm(section.right_margin) <= 2.0
    text_width = 29.7 - cm(section.left_margin) - cm(section.right_margin)
    table = rendered.tables[1]
    assert sum(cm(c.width) for c in table.columns) == pytest.approx(text_width, abs=0.05)
    assert len(table.rows) == 1 + 8 + 1
    assert all_runs_are(table.rows[-1].cells[1].paragraphs[0], bold=True)
    assert cell_text(rendered.tables[0], 1, 0) == ["Số:      /DS-PV01"]
    assert cell_text(rendered.tables[0], 1, 1) == ["Khánh Hòa, ngày 05 tháng 02 năm 2024"]
    assert find_paragraph(rendered.paragraphs, "DANH SÁCH")


def test_page_break_moves_the_next_block() -> None:
    base = sample_plan()
    document = OfficialDocument(
        issuing_body=base.issuing_body,
        doc_type="Báo cáo",
        summary="Kết quả",
        blocks=(Paragraph("Trang một."), PageBreak(), Paragraph("Trang hai.")),
        signature=base.signature,
    )
    rendered = open_docx(render_docx(document))
    assert find_paragraph(rendered.paragraphs, "Trang hai.").paragraph_format.page_break_before


def test_model_rejects_malformed_tables_and_freezes_lists() -> None:
    with pytest.raises(ValueError, match="row 0 has 1 cells"):
        Table(headers=("A", "B"), rows=(("x",),))
    with pytest.raises(ValueError, match="column_widths"):
        Table(headers=("A", "B"), rows=(), column_widths=(1.0,))
    with pytest.raises(ValueError, match="alignment"):
        Paragraph("x", align="middle")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="level"):
        Heading("x", level=4)
    table = Table(headers=["A"], rows=[["1"], ["2"]])  # type: ignore[arg-type]
    assert table.rows == (("1",), ("2",)) and hash(table)


# --- Vietnamese wording ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2024, 5, 13), "Khánh Hòa, ngày 13 tháng 5 năm 2024"),
        (dt.date(2024, 2, 5), "Khánh Hòa, ngày 05 tháng 02 năm 2024"),
        (dt.date(2024, 1, 31), "Khánh Hòa, ngày 31 tháng 01 năm 2024"),
        (dt.date(2024, 3, 1), "Khánh Hòa, ngày 01 tháng 3 năm 2024"),
        (dt.date(2024, 12, 9), "Khánh Hòa, ngày 09 tháng 12 năm 2024"),
        (dt.date(2024, 10, 10), "Khánh Hòa, ngày 10 tháng 10 năm 2024"),
    ],
)
def test_place_and_date(date: dt.date, expected: str) -> None:
    assert place_and_date("Khánh Hòa", date) == expected


def test_place_and_date_blank_form_for_drafts() -> None:
    assert place_and_date("Khánh Hòa", None, year=2024) == "Khánh Hòa, ngày      tháng      năm 2024"
    assert place_and_date("Khánh Hòa", None, year=None).startswith("Khánh Hòa, ngày      tháng      năm ")
    assert place_and_date("Khánh Hòa", dt.date(2024, 5, 13), year=1999).endswith("năm 2024"), "date wins"
    assert place_and_date("", dt.date(2024, 5, 13)) == "ngày 13 tháng 5 năm 2024"


def test_number_line() -> None:
    assert number_line("4955/KH-BCĐ", "KH-BCĐ") == "Số: 4955/KH-BCĐ"
    assert number_line("4955", "KH-BCĐ") == "Số: 4955/KH-BCĐ"
    assert number_line("", "KH-BCĐ") == "Số:      /KH-BCĐ"


# --- conversion --------------------------------------------------------------------------------


def require_libreoffice() -> None:
    if libreoffice_available():
        return
    if os.environ.get("ANTQ_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("ANTQ_REQUIRE_LIBREOFFICE=1 but LibreOffice (soffice) is not installed")
    pytest.skip("LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def plan_pdf(plan_docx: bytes) -> bytes:
    require_libreoffice()
    return convert_docx_to_pdf(plan_docx)


def png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])  # IHDR follows the 8-byte signature
    return width, height


def test_pdf_and_page_images(plan_pdf: bytes) -> None:
    assert plan_pdf.startswith(b"%PDF-")
    pages = pdf_to_png_pages(plan_pdf, dpi=40)
    assert len(pages) >= 1
    for page in pages:
        assert page.startswith(PNG_SIGNATURE)
        width, height = png_size(page)
        assert height / width == pytest.approx(29.7 / 21.0, rel=0.02), "A4 portrait"


def test_pdf_text_has_national_title_and_type(plan_pdf: bytes, tmp_path: Path) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("poppler-utils' pdftotext is not installed")
    source = tmp_path / "plan.pdf"
    source.write_bytes(plan_pdf)
    text = subprocess.run([pdftotext, "-layout", str(source), "-"], capture_output=True, check=True).stdout.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "KẾ HOẠCH" in text
    assert "Khánh Hòa, ngày 13 tháng 5 năm 2024" in text
    # On one line: the national title must not wrap in its column.
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in text.splitlines())
    # The signature never sits alone on a page: the end of the body comes with it.
    last_page = " ".join(next(page for page in text.split("\f") if "Nguyễn Văn A" in page).split())
    assert "Ban Chỉ đạo 138 tỉnh." in last_page
    assert "Nơi nhận:" in last_page


def test_a_usual_recipient_fits_on_one_line_of_the_pdf(tmp_path: Path) -> None:
    require_libreoffice()
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("poppler-utils' pdftotext is not installed")
    recipient = "Cục Cảnh sát quản lý hành chính về TTXH;"
    document = replace(sample_plan(), recipients=(recipient, "Thường trực Tỉnh ủy;", "Lưu: VT, PV05."))
    source = tmp_path / "plan.pdf"
    source.write_bytes(convert_docx_to_pdf(render_docx(document)))
    text = subprocess.run([pdftotext, "-layout", str(source), "-"], capture_output=True, check=True).stdout.decode()
    assert any(f"- {recipient}" in line for line in text.splitlines()), text[text.find("Nơi nhận") :]


def test_missing_libreoffice_is_a_503_domain_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTQ_SOFFICE", "/nonexistent/soffice")
    assert not libreoffice_available()
    with pytest.raises(DocumentConversionUnavailable) as caught:
        convert_docx_to_pdf(b"PK")
    assert caught.value.status == 503
    assert caught.value.code == "conversion_unavailable"
    assert "LibreOffice" in caught.value.message


def test_timeout_kills_the_converter(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("ANTQ_SOFFICE", str(fake))
    with pytest.raises(DocumentConversionFailed) as caught:
        convert_docx_to_pdf(b"PK", timeout=0.5)
    assert caught.value.code == "conversion_failed"
    assert isinstance(caught.value, DocumentConversionUnavailable), "callers fall back to .docx for both"
