"""The proposal as an official document: the memo (TỜ TRÌNH) with its list, numbered once it is
sent up, marked DỰ THẢO while it is a draft."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document

from tests.commendations.helpers import API, Clients, create, docx_text, person

pytestmark = pytest.mark.django_db


def test_memo_docx(api_as: Clients, client_as: Clients, decided: dict[str, Any]) -> None:
    memo = client_as("camlam.officer").get(f"/commendations/{decided['id']}/document.docx")
    assert memo.status_code == 200
    memo_text = docx_text(memo.content)
    for expected in (
        "TỜ TRÌNH",
        "Số: 15/TTr-CAX",
        "Kính gửi: Giám đốc Công an tỉnh Khánh Hòa.",
        "DANH SÁCH TRÍCH NGANG",
        "(Kèm theo Tờ trình số 15/TTr-CAX ngày 03/8/2026 của Công an xã Cam Lâm)",
    ):
        assert expected in memo_text, expected
    assert "Tổng cộng: 01 tập thể và 01 cá nhân" in memo_text
    draft = create(api_as("camlam.officer"), nominees=[person("Tạ Văn N")]).json()
    draft_docx = api_as("camlam.officer").get(f"{API}/{draft['id']}/document.docx").content
    assert Document(io.BytesIO(draft_docx)).sections[0].first_page_header.paragraphs[0].text == "DỰ THẢO"
    assert "Số:      /TTr-CAX" in docx_text(draft_docx)
