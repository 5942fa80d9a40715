"""Completeness and timeliness of a period's reports under a unit: expected, submitted, on time,
approved, returned, late — for the unit's whole subtree and per unit one level down (the nation:
provinces with their communes' counts; a province: its communes). A few grouped queries whatever
the size; callers did the scope check."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from antq.reporting.reports.models import Report, ReportPeriod, ReportState
from antq.reporting.values import Key
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit


def reporting_unit(unit: Unit) -> Unit | None:
    """The unit whose report covers `unit`: itself for a province or commune, its commune below."""
    if unit.kind in PROVINCE_KINDS or unit.kind in COMMUNE_KINDS:
        return unit
    return unit.commune or unit.province


@dataclass
class Completeness:
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    approved: int = 0
    returned: int = 0
    late: int = 0

    def add(self, other: Completeness) -> None:
        for name in ("expected", "submitted", "on_time", "approved", "returned", "late"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def percent_submitted(self) -> int:
        return round(100 * self.submitted / self.expected) if self.expected else 0

    @property
    def percent_approved(self) -> int:
        return round(100 * self.approved / self.expected) if self.expected else 0


@dataclass
class ChildRow:
    unit: Unit
    report: Report | None
    completeness: Completeness | None = None
    values: dict[Key, Decimal] = field(default_factory=dict)

    @property
    def state(self) -> str:
        return self.report.state if self.report else "missing"


def _count_into(c: Completeness, state: str, on_time: bool | None, late: bool, n: int = 1) -> None:
    """Count `n` reports in `state` (or "missing") into `c`; `late`: their deadline has passed.

    One definition everywhere (the user guide says it): a report is **late** when it was first
    submitted after its deadline, or when the deadline has passed and it has not been submitted
    (missing, draft or returned). "On time" and "late" never count the same report."""
    sent = state in (ReportState.SUBMITTED, ReportState.APPROVED)
    c.submitted += n if sent else 0
    c.on_time += n if sent and on_time else 0
    c.approved += n if state == ReportState.APPROVED else 0
    c.returned += n if state == ReportState.RETURNED else 0
    c.late += n if (sent and on_time is False) or (late and not sent) else 0


def _count_report(c: Completeness, report: Report | None, late: bool) -> None:
    c.expected += 1
    _count_into(c, report.state if report else "missing", report.on_time if report else None, late)


def completeness(*, period: ReportPeriod, unit: Unit, today: dt.date) -> tuple[Completeness, list[ChildRow]]:
    """Expected / submitted / on time / approved for the reporting units under `unit`, and one
    row per unit one level down (nation: provinces with their communes' counts; province: its
    communes)."""
    commune_late = today > period.commune_deadline
    province_late = today > period.province_deadline
    communes_report = period.form.reporting_level == "commune"
    total = Completeness()
    rows: list[ChildRow] = []
    if unit.level == 0:
        provinces = list(Unit.objects.filter(kind__in=PROVINCE_KINDS, closed_on__isnull=True).order_by("code"))
        reports = {r.unit_id: r for r in Report.objects.filter(period=period, level=1)}
        per_province: dict[int, Completeness] = defaultdict(Completeness)
        if communes_report:
            expected = (
                Unit.objects.filter(kind__in=COMMUNE_KINDS, closed_on__isnull=True)
                .values("province_id")
                .annotate(n=Count("id"))
            )
            for row in expected:
                per_province[row["province_id"]].expected = row["n"]
            states = (
                Report.objects.filter(period=period, level=2)
                .values("province_id", "state", "on_time")
                .annotate(n=Count("id"))
            )
            for row in states:
                _count_into(per_province[row["province_id"]], row["state"], row["on_time"], False, row["n"])
            for c in per_province.values():
                c.late += c.expected - c.submitted if commune_late else 0
        for province in provinces:
            report = reports.get(province.pk)
            c = per_province[province.pk]
            # The province's row counts what its own page counts: its communes and itself.
            _count_report(c, report, province_late)
            rows.append(ChildRow(unit=province, report=report, completeness=c))
            total.add(c)
        return total, rows
    if unit.kind in PROVINCE_KINDS:
        communes = (
            list(Unit.objects.filter(province=unit, kind__in=COMMUNE_KINDS, closed_on__isnull=True).order_by("name"))
            if communes_report
            else []
        )
        reports = {
            r.unit_id: r
            for r in Report.objects.filter(period=period, province=unit).select_related("submitted_by", "decided_by")
        }
        for commune in communes:
            report = reports.get(commune.pk)
            _count_report(total, report, commune_late)
            rows.append(ChildRow(unit=commune, report=report))
        _count_report(total, reports.get(unit.pk), province_late)
        return total, rows
    target = reporting_unit(unit)
    report = Report.objects.filter(period=period, unit=target).first() if target else None
    _count_report(total, report, commune_late)
    return total, rows
