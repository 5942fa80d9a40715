"""The decision as an official document: the .docx text a signer reads (none before the decision),
and the PDF of the decision and its memo rendered by LibreOffice (skipped without it)."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest

from antq.core.documents import pdf_to_png_pages
from tests.commendations.helpers import API, Clients, create, docx_text, person, require_libreoffice

pytestmark = pytest.mark.django_db


def test_decision_docx(api_as: Clients, decided: dict[str, Any]) -> None:
    response = api_as("camlam.viewer").get(f"{API}/{decided['id']}/decision.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="QD-3125-QD-BCA-2026.docx"'
    text = docx_text(response.content)
    for expected in (
        "QUYẾT ĐỊNH",
        "Số: 3125/QĐ-BCA",
        "Hà Nội, ngày 12 tháng 8 năm 2026",
        "BỘ TRƯỞNG BỘ CÔNG AN",
        "Căn cứ Luật Thi đua, khen thưởng",
        "Tờ trình số 15/TTr-CAX ngày 03/8/2026",  # Decree 30: no leading zero for August
        "Điều 1.",
        "Bằng khen của Bộ trưởng Bộ Công an",
        "Tổ bảo vệ ANTT thôn Văn Thủy",
        "Trần Thị Mai",
        "Điều 3.",
        "Trần Đức Hải",
        "Nơi nhận:",
    ):
        assert expected in text, expected
    draft = create(api_as("camlam.officer"), nominees=[person("Tạ Văn N")]).json()
    assert api_as("camlam.officer").get(f"{API}/{draft['id']}/decision.docx").status_code == 404


def test_decision_renders_to_pdf_and_png(api_as: Clients, decided: dict[str, Any], tmp_path: Path) -> None:
    require_libreoffice()
    response = api_as("camlam.viewer").get(f"{API}/{decided['id']}/decision.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    pages = pdf_to_png_pages(response.content, dpi=50)
    assert pages and pages[0].startswith(b"\x89PNG\r\n\x1a\n")
    for number, page in enumerate(pages, start=1):  # kept under pytest's basetemp for a look
        (tmp_path / f"decision-{number}.png").write_bytes(page)
    width, height = struct.unpack(">II", pages[0][16:24])
    assert height / width == pytest.approx(29.7 / 21.0, rel=0.02), "A4 portrait"
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return
    source = tmp_path / "decision.pdf"
    source.write_bytes(response.content)
    text = subprocess.run([pdftotext, "-layout", str(source), "-"], capture_output=True, check=True).stdout.decode()
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in text.splitlines())
    assert "QUYẾT ĐỊNH" in text and "Trần Thị Mai" in text
    memo = api_as("camlam.viewer").get(f"{API}/{decided['id']}/document.pdf")
    assert memo.status_code == 200 and memo.content.startswith(b"%PDF-")
    for number, page in enumerate(pdf_to_png_pages(memo.content, dpi=50), start=1):
        (tmp_path / f"memo-{number}.png").write_bytes(page)
