"""Reads for results and reporting. Every selector takes the actor or is called by one that did
the scope check; totals come from the roll-up summaries (province rows for the nation), never
from a tree walk."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum

from antq.core.actor import Actor
from antq.core.errors import NotFound
from antq.reporting import permissions
from antq.reporting.models import (
    Aggregation,
    FormIndicator,
    Indicator,
    Report,
    ReportForm,
    ReportPeriod,
    ReportState,
    ReportValue,
    Rollup,
    SiteResult,
)
from antq.reporting.services import form_lines, period_get_or_create, prefill_for
from antq.reporting.values import Key, Line
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

ZERO = Decimal(0)
Totals = dict[Key, Decimal]


def form_list() -> QuerySet[ReportForm]:
    return ReportForm.objects.filter(is_active=True).order_by("code")


def form_get(code: str) -> ReportForm:
    form = ReportForm.objects.filter(code=code).first()
    if form is None:
        raise NotFound()
    return form


def indicator_list() -> QuerySet[Indicator]:
    return Indicator.objects.prefetch_related("options", "rules__right").order_by("position", "code")


def unit_for(actor: Actor, code: str | None) -> Unit:
    """The unit a page is about: the given code inside the actor's scope, else the actor's home."""
    if not code:
        grant = actor.home_grant
        if grant is None:
            raise NotFound()
        code = grant.unit_code
    unit = Unit.objects.filter(code=code).select_related("province", "commune", "parent").first()
    if unit is None or not actor.covers(unit):
        raise NotFound()
    return unit


def reporting_unit(unit: Unit) -> Unit | None:
    """The unit whose report covers `unit`: itself for a province or commune, its commune below."""
    if unit.kind in PROVINCE_KINDS or unit.kind in COMMUNE_KINDS:
        return unit
    return unit.commune or unit.province


# --- Totals -------------------------------------------------------------------------------------


def _indicator_codes(form: ReportForm) -> dict[int, Indicator]:
    return {fi.indicator_id: fi.indicator for fi in FormIndicator.objects.filter(form=form).select_related("indicator")}


def _value_column(indicator: Indicator, approved: bool) -> str:
    if indicator.aggregation == Aggregation.COUNT:
        return "approved_units" if approved else "units"
    return "approved_total" if approved else "total"


def _facts_scope(unit: Unit) -> Q:
    if unit.level == 0:
        return Q()
    if unit.kind in PROVINCE_KINDS:
        return Q(province=unit)
    return Q(commune=unit)


def totals(*, form: ReportForm, period_key: str, unit: Unit, approved: bool = False) -> Totals:
    """Every figure of the form for `unit` and everything below it."""
    both = totals_by_period(form=form, period_keys=[period_key], unit=unit)
    return dict(both.get(period_key, ({}, {}))[1 if approved else 0])


# The figures of a group of facts: SUM and COUNT figures from the first four, MAX figures from the last two.
_FACT_FIGURES: dict[str, Any] = {
    "total": Sum("value"),
    "units": Count("pk", filter=Q(value__gt=0)),
    "approved_total": Sum("value", filter=Q(approved=True)),
    "approved_units": Count("pk", filter=Q(approved=True, value__gt=0)),
    "top": Max("value"),
    "approved_top": Max("value", filter=Q(approved=True)),
}


def _put(pair: tuple[Totals, Totals], indicator: Indicator, option: str, row: dict[str, Any]) -> None:
    """Store one grouped row's figure in (all figures, approved figures)."""
    everything, approved_only = pair
    key = (indicator.code, option)
    if indicator.aggregation == Aggregation.MAX:
        if row.get("top") is not None:
            everything[key] = max(everything.get(key, row["top"]), row["top"])
        if row.get("approved_top") is not None:
            approved_only[key] = max(approved_only.get(key, row["approved_top"]), row["approved_top"])
        return
    everything[key] = Decimal(row[_value_column(indicator, False)] or 0)
    approved_only[key] = Decimal(row[_value_column(indicator, True)] or 0)


def totals_by_period(*, form: ReportForm, period_keys: list[str], unit: Unit) -> dict[str, tuple[Totals, Totals]]:
    """(all figures, approved figures) of the form for `unit` and its subtree, per period: the nation
    and a province from the province summaries (one GROUP BY, plus one over the facts for MAX
    figures), a commune straight from its own facts (one indexed GROUP BY)."""
    indicators = _indicator_codes(form)
    result: dict[str, tuple[Totals, Totals]] = {key: ({}, {}) for key in period_keys}
    if unit.level > 0 and unit.kind not in PROVINCE_KINDS:
        facts = ReportValue.objects.filter(
            _facts_scope(unit), form=form, period_key__in=period_keys, indicator_id__in=indicators
        )
        for row in facts.values("period_key", "indicator_id", "option").annotate(**_FACT_FIGURES):
            _put(result[row["period_key"]], indicators[row["indicator_id"]], row["option"], row)
        return result
    rows = Rollup.objects.filter(form=form, period_key__in=period_keys, indicator_id__in=indicators)
    if unit.level > 0:
        rows = rows.filter(unit=unit)
    sums = rows.values("period_key", "indicator_id", "option").annotate(
        total=Sum("total"),
        units=Sum("units"),
        approved_total=Sum("approved_total"),
        approved_units=Sum("approved_units"),
    )
    for row in sums:
        indicator = indicators[row["indicator_id"]]
        if indicator.aggregation != Aggregation.MAX:
            _put(result[row["period_key"]], indicator, row["option"], row)
    maxima = [pk for pk, i in indicators.items() if i.aggregation == Aggregation.MAX]
    if maxima:
        facts = ReportValue.objects.filter(
            _facts_scope(unit), form=form, period_key__in=period_keys, indicator_id__in=maxima
        )
        tops = facts.values("period_key", "indicator_id", "option").annotate(
            top=_FACT_FIGURES["top"], approved_top=_FACT_FIGURES["approved_top"]
        )
        for row in tops:
            _put(result[row["period_key"]], indicators[row["indicator_id"]], row["option"], row)
    return result


def rollup_total(
    *, form: ReportForm, period_key: str, unit: Unit, indicator: str, option: str = "", approved: bool = False
) -> Decimal:
    return totals(form=form, period_key=period_key, unit=unit, approved=approved).get((indicator, option), ZERO)


def rollup_from_facts(
    *, form: ReportForm, period_key: str, unit: Unit, indicator: str, option: str = "", approved: bool = False
) -> Decimal:
    """The same figure straight from the facts (for checks and the benchmark)."""
    facts = ReportValue.objects.filter(
        _facts_scope(unit), form=form, period_key=period_key, indicator__code=indicator, option=option
    )
    if approved:
        facts = facts.filter(approved=True)
    return facts.aggregate(total=Sum("value"))["total"] or ZERO


def children_totals(*, form: ReportForm, period_key: str, unit: Unit, approved: bool = False) -> dict[int, Totals]:
    """Figures of each unit one level down (nation -> provinces from the summaries, province ->
    communes from the facts, plus the province's own report under the province's id)."""
    indicators = _indicator_codes(form)
    result: dict[int, tuple[Totals, Totals]] = defaultdict(lambda: ({}, {}))
    if unit.level == 0:
        fields = ("unit_id", "indicator_id", "option", "total", "units", "approved_total", "approved_units")
        for r in Rollup.objects.filter(form=form, period_key=period_key).values(*fields):
            indicator = indicators.get(r["indicator_id"])
            if indicator is not None and indicator.aggregation != Aggregation.MAX:
                _put(result[r["unit_id"]], indicator, r["option"], r)
        maxima = [pk for pk, i in indicators.items() if i.aggregation == Aggregation.MAX]
        if maxima:
            facts = ReportValue.objects.filter(form=form, period_key=period_key, indicator_id__in=maxima)
            tops = facts.values("province_id", "indicator_id", "option").annotate(
                top=_FACT_FIGURES["top"], approved_top=_FACT_FIGURES["approved_top"]
            )
            for row in tops:
                if row["province_id"] is not None:
                    _put(result[row["province_id"]], indicators[row["indicator_id"]], row["option"], row)
    elif unit.kind in PROVINCE_KINDS:
        facts = ReportValue.objects.filter(form=form, period_key=period_key, indicator_id__in=indicators, province=unit)
        # A fact without a commune is the province's own report; it is listed under the province.
        for row in facts.values("commune_id", "indicator_id", "option").annotate(**_FACT_FIGURES):
            _put(result[row["commune_id"] or unit.pk], indicators[row["indicator_id"]], row["option"], row)
    return {unit_id: pair[1 if approved else 0] for unit_id, pair in result.items()}


def series(*, form: ReportForm, period_keys: list[str], unit: Unit, approved: bool = False) -> dict[str, Totals]:
    both = totals_by_period(form=form, period_keys=period_keys, unit=unit)
    return {key: both[key][1 if approved else 0] for key in period_keys}


# --- Completeness ---------------------------------------------------------------------------------


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
    values: Totals = field(default_factory=dict)

    @property
    def state(self) -> str:
        return self.report.state if self.report else "missing"


def _count_into(c: Completeness, state: str, on_time: bool | None, late: bool, n: int = 1) -> None:
    """Count `n` reports in `state` (or "missing") into `c`; `late` when their deadline passed."""
    sent = state in (ReportState.SUBMITTED, ReportState.APPROVED)
    c.submitted += n if sent else 0
    c.on_time += n if sent and on_time else 0
    c.approved += n if state == ReportState.APPROVED else 0
    c.returned += n if state == ReportState.RETURNED else 0
    c.late += n if late and not sent else 0


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
                c.late = c.expected - c.submitted if commune_late else 0
        for province in provinces:
            report = reports.get(province.pk)
            c = per_province[province.pk]
            rows.append(ChildRow(unit=province, report=report, completeness=c))
            total.add(c)
            _count_report(total, report, province_late)
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


# --- One report ------------------------------------------------------------------------------------


@dataclass
class ReportLine:
    line: Line
    value: Decimal | None
    prefilled: Decimal | None
    overridden: bool
    note: str
    records_now: Decimal | None  # what the records say today (differs after submission)


def report_get(*, actor: Actor, report_id: int) -> Report:
    report = (
        permissions.reports_visible_to(actor)
        .select_related("period", "period__form", "form", "unit", "province", "commune", "submitted_by", "decided_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise NotFound()
    return report


def report_find(*, actor: Actor, period: ReportPeriod, unit: Unit) -> Report | None:
    if not actor.covers(unit):
        raise NotFound()
    return (
        Report.objects.filter(period=period, unit=unit)
        .select_related("period", "period__form", "form", "unit", "province", "commune", "submitted_by", "decided_by")
        .first()
    )


def report_lines(report: Report) -> list[ReportLine]:
    lines = form_lines(report.form, report.period.year)
    stored = {(v.indicator.code, v.option): v for v in report.values.select_related("indicator")}
    records = prefill_for(report, lines)
    result = []
    for line in lines:
        v = stored.get(line.key)
        result.append(
            ReportLine(
                line=line,
                value=v.value if v else None,
                prefilled=v.prefilled if v else None,
                overridden=v.overridden if v else False,
                note=v.note if v else "",
                records_now=records.get(line.key),
            )
        )
    return result


def period_for(form: ReportForm, key: str) -> ReportPeriod:
    return period_get_or_create(form=form, key=key)


def site_result_values(site_id: int) -> dict[str, Decimal]:
    return {
        (f"{code}.{opt}" if opt else code): value
        for code, opt, value in SiteResult.objects.filter(site_id=site_id).values_list(
            "indicator__code", "option", "value"
        )
    }


def reports_below(*, actor: Actor, period: ReportPeriod, unit: Unit) -> QuerySet[Report]:
    return (
        permissions.reports_visible_to(actor)
        .filter(period=period)
        .filter(Q(province=unit) if unit.kind in PROVINCE_KINDS else Q(pk__in=[]) if unit.level else Q(level=1))
        .select_related("unit")
    )
