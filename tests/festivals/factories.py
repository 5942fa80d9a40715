"""Workbooks and uploads for the site tests."""

from __future__ import annotations

import io

from django.test import Client
from openpyxl import Workbook

from antq.plans.models import Plan


def workbook(rows: list[list[object]], header: list[str] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        header
        or ["Mã đơn vị", "Tên điểm", "Ngày tổ chức", "Giờ bắt đầu", "Địa điểm", "Cấp điểm", "Nội dung chương trình"]
    )
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client: Client, plan: Plan, data: bytes, dry_run: bool) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/api/sites/import", {"plan": plan.pk, "dry_run": dry_run, "file": SimpleUploadedFile("sites.xlsx", data)}
    )
    assert response.status_code in (200, 422), response.content
    return response.json()
