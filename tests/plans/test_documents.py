"""A plan as an official document (Decree 30/2020 layout)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from django.test import Client
from docx import Document

from tests.plans.factories import TODAY, create_plan

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
