"""The reports API: opening a report by the unit's code (404 outside the area, 422 for a period the
form has not), the official report's text changed field by field, a period's dates moved."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from antq.core.actor import Actor
from antq.reporting.models import ReportPeriod
from tests.reporting.helpers import FESTIVAL_FORM, YEAR, report_of

pytestmark = pytest.mark.django_db
SEASON = f"/api/reporting/forms/{FESTIVAL_FORM}/periods/{YEAR}"


def test_a_report_is_opened_by_the_units_code(period: ReportPeriod, api_as: Callable[[str], Client]) -> None:
    client = api_as("camlam.officer")
    response = client.post(f"{SEASON}/reports", {"unit": "22453"}, content_type="application/json")
    assert response.status_code == 201 and response.json()["unit"] == "22453"
    assert client.post(f"{SEASON}/reports", {"unit": "18073"}, content_type="application/json").status_code == 404
    bad = client.post(
        f"/api/reporting/forms/{FESTIVAL_FORM}/periods/2026-08/reports",
        {"unit": "22453"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "period" in bad.json()["errors"]


def test_the_official_reports_text_changes_only_what_is_sent(
    period: ReportPeriod, actor: Callable[[str], Actor], api_as: Callable[[str], Client]
) -> None:
    report = report_of(period, "56", actor("khanhhoa.officer"))
    client = api_as("khanhhoa.officer")
    url = f"/api/reporting/reports/{report.pk}/narrative"
    response = client.post(
        url, {"version": report.version, "results": "Tổ chức 120 điểm."}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    version = response.json()["version"]
    signed = {"doc_date": "2026-08-25", "signer_name": "Nguyễn Văn A"}
    response = client.post(url, {"version": version, "doc_number": "12a", **signed}, content_type="application/json")
    assert response.status_code == 422 and set(response.json()["errors"]) == {"doc_number"}
    response = client.post(url, {"version": version, "doc_number": "125", **signed}, content_type="application/json")
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.narrative["results"] == "Tổ chức 120 điểm." and report.doc_number == "125"
    stale = client.post(url, {"version": version, "results": "x"}, content_type="application/json")
    assert stale.status_code == 409


def test_a_periods_dates_move_one_at_a_time(period: ReportPeriod, api_as: Callable[[str], Client]) -> None:
    client = api_as("bo.officer")
    before = client.get(SEASON).json()
    response = client.patch(
        SEASON, {"version": before["version"], "closes_on": "2030-12-31"}, content_type="application/json"
    )
    assert response.status_code == 200
    after = response.json()
    assert after["closes_on"] == "2030-12-31" and after["cutoff_on"] == before["cutoff_on"]
    assert after["version"] == before["version"] + 1
