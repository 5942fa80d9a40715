"""The wording every document shares: phrases inside sentences (capitals), dates in the Decree 30
form, and the author's typed text with its own outline."""

from __future__ import annotations

import datetime as dt

import pytest

from antq.core.documents import (
    BulletList,
    Heading,
    Paragraph,
    body_in_sentence,
    document_date,
    has_outline,
    in_sentence,
    text_blocks,
)
from antq.core.text import format_date


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (
            "Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2026",
            "tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2026",
        ),
        ("Kế hoạch tổ chức Ngày hội", "kế hoạch tổ chức Ngày hội"),
        ("Đề nghị khen thưởng tập thể, cá nhân", "đề nghị khen thưởng tập thể, cá nhân"),
        ("Tỉnh Khánh Hòa", "tỉnh Khánh Hòa"),
        ("Xã Cam Lâm", "xã Cam Lâm"),
        ("Đặc khu Phú Quốc", "đặc khu Phú Quốc"),
        ("Số CCCD được cấp", "số CCCD được cấp"),
        # Proper nouns, names and abbreviations keep their capitals.
        ("Tổ quốc", "Tổ quốc"),
        ("Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2026", "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2026"),
        ("Nhân dân tham gia Ngày hội", "Nhân dân tham gia Ngày hội"),
        ("Công an Nhân dân", "Công an Nhân dân"),
        ("Đảng ủy, HĐND, UBND xã", "Đảng ủy, HĐND, UBND xã"),
        ("Nhà nước", "Nhà nước"),
        ("Bộ Công an", "Bộ Công an"),
        ("Ủy ban nhân dân tỉnh Khánh Hòa", "Ủy ban nhân dân tỉnh Khánh Hòa"),
        ("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Khánh Hòa", "Khánh Hòa"),
        ("Cục Cảnh sát quản lý hành chính về TTXH", "Cục Cảnh sát quản lý hành chính về TTXH"),
        ("KH-BCĐ năm 2026", "KH-BCĐ năm 2026"),
        ("UBND tỉnh", "UBND tỉnh"),
        ("BCĐ 138", "BCĐ 138"),
        ("ANTQ", "ANTQ"),
        ("138/KH", "138/KH"),
        ("TTr số 15", "TTr số 15"),
        ("“Ngày hội”", "“Ngày hội”"),
        ("", ""),
    ],
)
def test_in_sentence_lowers_only_an_ordinary_first_word(phrase: str, expected: str) -> None:
    assert in_sentence(phrase) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("BAN CHỈ ĐẠO 138", "Ban Chỉ đạo 138"),
        ("BAN CHỈ ĐẠO 138/KH", "Ban Chỉ đạo 138/KH"),
        (
            "BAN CHỈ ĐẠO PHONG TRÀO TOÀN DÂN BẢO VỆ ANTQ TRUNG ƯƠNG",
            "Ban Chỉ đạo phong trào toàn dân bảo vệ ANTQ Trung ương",
        ),
        (
            "BAN CHỈ ĐẠO PHÒNG, CHỐNG TỘI PHẠM, TỆ NẠN XÃ HỘI VÀ XÂY DỰNG PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC\n"
            "TỈNH KHÁNH HÒA",
            "Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc "
            "tỉnh Khánh Hòa",
        ),
        ("ỦY BAN NHÂN DÂN XÃ CAM LÂM", "Ủy ban nhân dân xã Cam Lâm"),
        ("UBND TỈNH KHÁNH HÒA", "UBND tỉnh Khánh Hòa"),
        ("BỘ CÔNG AN", "Bộ Công an"),
        ("CÔNG AN TỈNH (PV05)", "Công an tỉnh (PV05)"),
        # Typed in mixed case: the drafter's own spelling.
        ("Ban Chỉ đạo 138 tỉnh Khánh Hòa", "Ban Chỉ đạo 138 tỉnh Khánh Hòa"),
    ],
)
def test_body_in_sentence_keeps_names_and_abbreviations(body: str, expected: str) -> None:
    assert body_in_sentence(body, places=("Khánh Hòa", "Cam Lâm")) == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2024, 4, 1), "01/4/2024"),
        (dt.date(2024, 2, 15), "15/02/2024"),
        (dt.date(2024, 1, 9), "09/01/2024"),
        (dt.date(2024, 12, 5), "05/12/2024"),
        (dt.date(2026, 8, 19), "19/8/2026"),
        (dt.date(2026, 10, 10), "10/10/2026"),
    ],
)
def test_document_dates_follow_decree_30(date: dt.date, expected: str) -> None:
    assert document_date(date) == expected


def test_pages_keep_dd_mm_yyyy() -> None:
    assert format_date(dt.date(2024, 4, 1)) == "01/04/2024"


AUTHORED = """I. MỤC ĐÍCH, YÊU CẦU
1. Tổ chức Ngày hội nhằm đẩy mạnh công tác tuyên truyền, giáo dục truyền thống yêu nước, nâng cao ý thức của Nhân dân.

II. NỘI DUNG THỰC HIỆN
1. Các hoạt động tiến tới Ngày hội
1.1. Tuyên truyền
a) Phần lễ:
- Khai mạc;
- Báo cáo kết quả;
+ Biểu dương, khen thưởng.
Các cơ quan, đơn vị triển khai thực hiện.
1.5 triệu lượt người tham dự."""


def test_text_blocks_keep_the_authors_outline() -> None:
    assert has_outline(AUTHORED)
    assert text_blocks(AUTHORED) == [
        Heading("I. MỤC ĐÍCH, YÊU CẦU", level=1),
        Paragraph(
            "1. Tổ chức Ngày hội nhằm đẩy mạnh công tác tuyên truyền, giáo dục truyền thống yêu nước, nâng cao ý "
            "thức của Nhân dân."
        ),
        Heading("II. NỘI DUNG THỰC HIỆN", level=1),
        Heading("1. Các hoạt động tiến tới Ngày hội", level=2),
        Heading("1.1. Tuyên truyền", level=3),
        Heading("a) Phần lễ:", level=3),
        BulletList(items=("Khai mạc;", "Báo cáo kết quả;")),
        BulletList(items=("Biểu dương, khen thưởng.",), marker="+"),
        Paragraph("Các cơ quan, đơn vị triển khai thực hiện."),
        Paragraph("1.5 triệu lượt người tham dự."),
    ]


def test_text_without_numbers_has_no_outline() -> None:
    text = "Đẩy mạnh công tác tuyên truyền.\n- Tổ chức điểm trước;\n- Sau đó diện rộng."
    assert not has_outline(text)
    assert text_blocks(text) == [
        Paragraph("Đẩy mạnh công tác tuyên truyền."),
        BulletList(items=("Tổ chức điểm trước;", "Sau đó diện rộng.")),
    ]
