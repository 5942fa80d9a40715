"""A plan as an official document (Decree 30/2020 layout)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

import pytest
from django.test import Client
from docx import Document
from docx.text.paragraph import Paragraph as DocxParagraph

from tests.plans.factories import TODAY, YEAR, create_plan, issue

pytestmark = pytest.mark.django_db


def test_plan_docx_is_an_official_plan(client_as: Callable[[str], Client], cascade: dict[str, dict]) -> None:
    response = client_as("camlam.viewer").get(f"/plans/{cascade['province']['id']}/document.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Số: 4955/KH-BCĐ" in cells and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert f"Khánh Hòa, ngày {TODAY.day:02d}" in cells or f"Khánh Hòa, ngày {TODAY.day}" in cells
    assert "KẾ HOẠCH" in text
    assert "Thực hiện Kế hoạch số 172/KH-BCĐ" in text
    assert "Nơi nhận:" in cells


def test_draft_docx_is_marked_draft_and_has_no_number(api_as: Callable[[str], Client]) -> None:
    client = api_as("bo.officer")
    plan = create_plan(client, "VN", None)
    response = client.get(f"/api/plans/{plan['id']}/document.docx")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        xml = "".join(archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml"))
    assert "DỰ THẢO" in xml
    assert "/KH-BCĐ" in xml and "Số:" in xml


def plan_paragraphs(client: Client, plan_id: int) -> list[DocxParagraph]:
    response = client.get(f"/api/plans/{plan_id}/document.docx")
    assert response.status_code == 200
    return list(Document(io.BytesIO(response.content)).paragraphs)


def body_text(paragraphs: list[DocxParagraph]) -> str:
    return "\n".join(p.text for p in paragraphs)


def decree_date(day: dt.date) -> str:
    """Decree 30: a leading zero for days below 10 and for January and February only."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def test_plan_sentences_keep_proper_nouns_and_symbols_in_capitals(api_as: Callable[[str], Client]) -> None:
    ministry = api_as("bo.officer")
    central = create_plan(ministry, "VN", None, issuing_body="BAN CHỈ ĐẠO PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC")
    central = issue(ministry, central, "172").json()
    province = create_plan(
        api_as("khanhhoa.officer"),
        "56",
        central["id"],
        issuing_body="BAN CHỈ ĐẠO 138/KH TỈNH KHÁNH HÒA",
        title=f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {YEAR} trên địa bàn tỉnh Khánh Hòa",
    )
    text = body_text(plan_paragraphs(api_as("khanhhoa.officer"), province["id"]))
    assert (
        f"của Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc về việc tổ chức Ngày hội toàn dân bảo vệ an ninh "
        f"Tổ quốc năm {YEAR}, Ban Chỉ đạo 138/KH tỉnh Khánh Hòa ban hành Kế hoạch Ngày hội toàn dân bảo vệ an ninh "
        f"Tổ quốc năm {YEAR} trên địa bàn tỉnh Khánh Hòa, cụ thể như sau:"
    ) in text
    assert "báo cáo kết quả về Ban Chỉ đạo 138/KH tỉnh Khánh Hòa theo quy định" in text
    assert "tổ quốc" not in text and "138/kh" not in text and "ngày hội toàn dân" not in text


def test_plan_dates_follow_decree_30(cascade: dict[str, dict], api_as: Callable[[str], Client]) -> None:
    text = body_text(plan_paragraphs(api_as("khanhhoa.officer"), cascade["province"]["id"]))
    # TODAY is the central plan's date of issue; the windows are 05/7-15/8 and sites are due 30/6.
    assert f"Thực hiện Kế hoạch số 172/KH-BCĐ ngày {decree_date(TODAY)} của" in text
    assert f"từ ngày 05/7/{YEAR} đến ngày 15/8/{YEAR}" in text
    assert f"trước ngày 30/6/{YEAR}." in text
    assert f"/07/{YEAR}" not in text and f"/08/{YEAR}" not in text


AUTHORED_PURPOSES = """I. MỤC ĐÍCH, YÊU CẦU
1. Tổ chức Ngày hội nhằm đẩy mạnh công tác tuyên truyền, giáo dục truyền thống yêu nước của Nhân dân.
2. Việc tổ chức Ngày hội phải bảo đảm trang trọng, thiết thực, hướng về cơ sở."""
AUTHORED_CONTENTS = """II. NỘI DUNG THỰC HIỆN
1. Các hoạt động tiến tới Ngày hội
a) Tuyên truyền
- Tuyên truyền trên loa truyền thanh;
+ Phát tờ rơi tại các thôn.
2. Tổ chức Ngày hội
Phần lễ và phần hội theo hướng dẫn."""
AUTHORED_ORGANISATION = """III. TỔ CHỨC THỰC HIỆN
Công an tỉnh là cơ quan thường trực, tham mưu tổ chức thực hiện Kế hoạch."""


def test_plan_renders_the_authors_own_outline(api_as: Callable[[str], Client], cascade: dict[str, dict]) -> None:
    client = api_as("khanhhoa.officer")
    plan = create_plan(
        client,
        "56",
        cascade["central"]["id"],
        purposes=AUTHORED_PURPOSES,
        contents=AUTHORED_CONTENTS,
        organisation=AUTHORED_ORGANISATION,
        target_sites=40,
    )
    paragraphs = plan_paragraphs(client, plan["id"])
    texts = [p.text for p in paragraphs]
    start = texts.index("I. MỤC ĐÍCH, YÊU CẦU")
    assert texts[start : start + 10] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Tổ chức Ngày hội nhằm đẩy mạnh công tác tuyên truyền, giáo dục truyền thống yêu nước của Nhân dân.",
        "2. Việc tổ chức Ngày hội phải bảo đảm trang trọng, thiết thực, hướng về cơ sở.",
        "II. NỘI DUNG THỰC HIỆN",
        "1. Các hoạt động tiến tới Ngày hội",
        "a) Tuyên truyền",
        "- Tuyên truyền trên loa truyền thanh;",
        "+ Phát tờ rơi tại các thôn.",
        "2. Tổ chức Ngày hội",
        "Phần lễ và phần hội theo hướng dẫn.",
    ]
    # No outline of the generator's own on top of the author's.
    for generated in ("1. Mục đích", "2. Yêu cầu", "I. NỘI DUNG", "1. Thời gian tổ chức", "2. Chỉ tiêu"):
        assert generated not in texts, generated
    assert texts.count("III. TỔ CHỨC THỰC HIỆN") == 1
    # The plan's data follows, unnumbered.
    assert any(t.startswith("Thời gian tổ chức: Ngày hội toàn dân") for t in texts)
    assert "- Tổ chức ít nhất 40 điểm Ngày hội trên địa bàn;" in texts

    def runs_are(text: str, *, bold: bool, italic: bool = False) -> bool:
        paragraph = next(p for p in paragraphs if p.text == text)
        return all(bool(r.bold) == bold and bool(r.italic) == italic for r in paragraph.runs if r.text.strip())

    assert runs_are("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    assert runs_are("1. Các hoạt động tiến tới Ngày hội", bold=True)
    assert runs_are("a) Tuyên truyền", bold=True, italic=True)
    numbered_paragraph = texts[start + 1]
    assert runs_are(numbered_paragraph, bold=False), "a numbered sentence is body text, not a heading"
    body = next(p for p in paragraphs if p.text == "Phần lễ và phần hội theo hướng dẫn.")
    assert (
        body.paragraph_format.first_line_indent is not None
        and round(body.paragraph_format.first_line_indent.cm, 2) == 1.27
    )


def test_plan_without_numbers_gets_the_default_outline(
    api_as: Callable[[str], Client], cascade: dict[str, dict]
) -> None:
    client = api_as("khanhhoa.officer")
    plan = create_plan(
        client, "56", cascade["central"]["id"], purposes="Đẩy mạnh tuyên truyền.", contents="Phần lễ, phần hội."
    )
    texts = [p.text for p in plan_paragraphs(client, plan["id"])]
    for heading in (
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "II. NỘI DUNG",
        "1. Thời gian tổ chức",
        "2. Nội dung thực hiện",
    ):
        assert heading in texts, heading
