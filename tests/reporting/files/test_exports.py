"""Exports (.xlsx/CSV): one table shape whose rows add up to the unit's total, inside the actor's
area only, and the national table of every commune built as a job with progress."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from antq.core.actor import Actor
from antq.core.errors import NotFound, ValidationFailed
from antq.core.models import Job, JobState
from antq.reporting.files import exports, sheets
from antq.reporting.models import ReportPeriod
from antq.reporting.rollups import selectors
from antq.units.models import Unit
from tests.reporting.helpers import FESTIVAL_FORM, YEAR

pytestmark = pytest.mark.django_db


def test_province_export_rows_sum_to_the_province_total(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    officer = actor("khanhhoa.officer")
    data, name, content_type = exports.export_file(
        actor=officer,
        form_code=FESTIVAL_FORM,
        period_key=YEAR,
        unit_code="56",
        rows="children",
        figures="all",
        file_format="xlsx",
    )
    assert name.endswith(".xlsx") and content_type == sheets.XLSX
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[3]
    column = next(i for i, h in enumerate(header) if h and h.endswith("[participants]"))
    body = [r for r in rows[4:] if r[1]]
    total_row = rows[-1]
    assert total_row[2] == "Tổng cộng"
    expected = selectors.totals(form=period.form, period_key=YEAR, unit=Unit.objects.get(code="56"))
    assert sum(r[column] or 0 for r in body) == total_row[column] == expected[("participants", "")]
    assert (
        len(body)
        == 1
        + Unit.objects.filter(
            province__code="56", kind__in=["commune", "ward", "special_zone"], closed_on__isnull=True
        ).count()
    )
    # CSV: same figures, UTF-8 with BOM
    data, name, _type = exports.export_file(
        actor=officer,
        form_code=FESTIVAL_FORM,
        period_key=YEAR,
        unit_code="56",
        rows="children",
        figures="approved",
        file_format="csv",
    )
    assert data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    approved = selectors.totals(form=period.form, period_key=YEAR, unit=Unit.objects.get(code="56"), approved=True)
    column = next(i for i, h in enumerate(lines[0]) if h.endswith("[participants]"))
    assert Decimal(lines[-1][column]) == approved[("participants", "")]


def test_export_outside_scope_and_bad_options(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    with pytest.raises(NotFound):
        exports.export_file(
            actor=actor("camlam.officer"),
            form_code=FESTIVAL_FORM,
            period_key=YEAR,
            unit_code="56",
            rows="children",
            figures="all",
            file_format="xlsx",
        )
    with pytest.raises(ValidationFailed) as exc:
        exports.export_start(
            actor=actor("bo.officer"),
            form_code=FESTIVAL_FORM,
            period_key=YEAR,
            unit_code=None,
            rows="villages",
            figures="some",
            file_format="pdf",
        )
    assert set(exc.value.errors) == {"rows", "figures", "format"}


def test_national_commune_export_runs_as_a_job_with_progress(
    period: ReportPeriod, api_as: Callable[[str], Client], django_capture_on_commit_callbacks
) -> None:
    api = api_as("bo.viewer")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            f"/api/reporting/forms/{FESTIVAL_FORM}/periods/{YEAR}/exports",
            {"rows": "communes", "format": "xlsx"},
            content_type="application/json",
        )
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["id"])
    assert job.state == JobState.DONE and job.progress == 100
    status = api.get(f"/api/jobs/{job.pk}").json()
    assert status["state"] == "done" and status["file_url"]
    data = b"".join(api.get(status["file_url"]).streaming_content)  # type: ignore[attr-defined]
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.max_row > 3321  # every commune, the provinces' own rows and the total
    # Someone else's job looks missing.
    assert api_as("khanhhoa.officer").get(f"/api/jobs/{job.pk}").status_code == 404
