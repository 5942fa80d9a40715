"""Completeness and timeliness have one definition everywhere (issue 18): the national row of a
province counts what the province's own page counts (its communes and itself), and a report
first submitted after its deadline is late, not only a missing one."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.utils import timezone

from antq.reporting.models import Report, ReportPeriod, ReportState
from antq.reporting.reports.completeness import completeness
from antq.units.models import Unit

pytestmark = pytest.mark.django_db


def _as_dict(c: object) -> dict[str, int]:
    return dataclasses.asdict(c)  # type: ignore[call-overload]


def test_the_national_row_of_a_province_equals_the_provinces_own_count(period: ReportPeriod) -> None:
    today = timezone.localdate()
    nation, rows = completeness(period=period, unit=Unit.objects.get(code="VN"), today=today)
    for code in ("56", "42"):
        province = Unit.objects.get(code=code)
        own, _rows = completeness(period=period, unit=province, today=today)
        row = next(r for r in rows if r.unit.pk == province.pk)
        assert _as_dict(row.completeness) == _as_dict(own), code
    assert nation.expected == sum(r.completeness.expected for r in rows if r.completeness)


def test_a_report_submitted_after_its_deadline_counts_late(period: ReportPeriod) -> None:
    province = Unit.objects.get(code="56")
    report = Report.objects.filter(period=period, province=province, level=2, state=ReportState.APPROVED).first()
    assert report is not None, "the demo approved Khánh Hòa commune reports"
    today = timezone.localdate()
    before, _ = completeness(period=period, unit=province, today=today)
    Report.objects.filter(pk=report.pk).update(on_time=False, first_submitted_at=timezone.now() - dt.timedelta(days=1))
    after, _ = completeness(period=period, unit=province, today=today)
    assert after.late == before.late + (1 if report.on_time else 0)
    assert after.on_time == before.on_time - (1 if report.on_time else 0)
    assert after.late >= 1 and after.on_time + after.late <= after.expected
