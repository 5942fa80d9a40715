"""The listing as .xlsx, .ics and GeoJSON, inside the reader's area only."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client
from icalendar import Calendar
from openpyxl import load_workbook

from antq.festivals.models import FestivalSite

pytestmark = pytest.mark.django_db


def test_exports_respect_scope(api_as: Callable[[str], Client]) -> None:
    xlsx = api_as("camlam.viewer").get("/api/sites/export.xlsx?year=2026")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Tỉnh" or rows[0][0] == "Province"
    communes = {row[1] for row in rows[1:]}
    assert communes == {"Xã Cam Lâm"}
    assert len(rows) - 1 == FestivalSite.objects.filter(commune__code="22453", year=2026).count()
    ics = api_as("camlam.viewer").get("/api/sites/export.ics?year=2026")
    calendar = Calendar.from_ical(ics.content)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == len(rows) - 1
    geo = api_as("camlam.viewer").get("/api/sites/geo?year=2026").json()
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])
