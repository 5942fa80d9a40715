"""Draft reports: opened on first use (with their period), and kept in step with the records they
are prefilled from.

A line fed from records (`Indicator.source`, `antq.reporting.prefill`) holds what the unit's own
records say until an officer types over it (`overridden`); an empty box follows the records
again. Whatever changes a record calls `records_changed` (through `antq.reporting.records`) in its
own transaction: the unit's draft reports in open periods take the records' new sums at once and
the province's summary rows move by the same increments. Submitted and approved reports keep
their figures; the report page marks lines whose records now differ."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.models import placement
from antq.core.placement import PlaceChange
from antq.core.text import format_date
from antq.core.writes import bump_version
from antq.reporting.catalogue.models import PrefillSource, ReportForm, ReportingLevel
from antq.reporting.catalogue.selectors import form_lines
from antq.reporting.prefill import prefill_values
from antq.reporting.reports.models import EDITABLE_STATES, Report, ReportPeriod, ReportState, ReportValue
from antq.reporting.reports.periods import period_dates, period_key_for
from antq.reporting.rollups.changes import Changes, FactKey
from antq.reporting.values import Key, Line
from antq.units.models import PROVINCE_KINDS, Unit


def today() -> dt.date:
    return timezone.localdate()


def fact_key(report: Report, indicator_id: int, option: str) -> FactKey:
    return FactKey(report.form_id, report.period.key, indicator_id, option, report.province_id, report.commune_id)


def value_fields(report: Report, indicator_id: int, option: str) -> dict[str, Any]:
    """A new fact's keys: the report's own form, period, unit and place."""
    return {
        "report": report,
        "form_id": report.form_id,
        "period_key": report.period.key,
        "indicator_id": indicator_id,
        "option": option,
        "unit_id": report.unit_id,
        "province_id": report.province_id,
        "commune_id": report.commune_id,
    }


def period_get_or_create(*, form: ReportForm, key: str) -> ReportPeriod:
    """The form's period `key`, created with the form's default dates the first time it is used
    (a key that is not valid for the form raises ValidationFailed)."""
    period = ReportPeriod.objects.filter(form=form, key=key).select_related("form").first()
    if period is not None:
        return period
    dates = period_dates(form, key)
    with transaction.atomic():
        period, _created = ReportPeriod.objects.get_or_create(form=form, key=key, defaults=dates)
    period.form = form
    return period


def report_for(period: ReportPeriod, unit: Unit) -> Report:
    """The unit's report for the period, created as an empty draft the first time."""
    province_id, commune_id = placement(unit)
    report, _created = Report.objects.get_or_create(
        period=period,
        unit=unit,
        defaults={"form_id": period.form_id, "province_id": province_id, "commune_id": commune_id, "level": unit.level},
    )
    report.period = period
    report.unit = unit
    return report


def prefill_for(report: Report, lines: Sequence[Line]) -> dict[Key, Decimal]:
    """What the unit's own records say, for every line fed from records."""
    return prefill_values(report.period, report.unit, lines)


def refresh_prefill(report: Report, lines: Sequence[Line], changes: Changes) -> None:
    """Values that follow the records take the records' new sum; typed-over values keep theirs."""
    prefill = prefill_for(report, lines)
    if not prefill:
        return
    existing = {(v.indicator.code, v.option): v for v in report.values.select_related("indicator")}
    by_key = {line.key: line for line in lines}
    for key, amount in prefill.items():
        line = by_key.get(key)
        if line is None:
            continue
        row = existing.get(key)
        if row is None:
            # Records of 0 fill 0 (nothing recorded is a figure too): the box is never left for
            # the officer to type what the records already say.
            ReportValue.objects.create(
                **value_fields(report, line.indicator.pk, key[1]), value=amount, prefilled=amount
            )
            changes.value_changed(fact_key(report, line.indicator.pk, key[1]), None, amount, approved=False)
        elif row.overridden:
            if row.prefilled != amount:
                ReportValue.objects.filter(pk=row.pk).update(prefilled=amount)
        elif row.value != amount or row.prefilled != amount:
            ReportValue.objects.filter(pk=row.pk).update(value=amount, prefilled=amount)
            changes.value_changed(fact_key(report, line.indicator.pk, key[1]), row.value, amount, approved=False)


def _fed_periods(
    *,
    province: Unit | None,
    commune: Unit | None,
    days: Sequence[dt.date],
    sources: Iterable[str],
    year: int | None,
) -> Iterator[tuple[ReportPeriod, Unit]]:
    """The periods (of every active form fed by `sources`) holding `days`, each with the unit
    whose report a record of `commune` (or of `province` itself) counts in."""
    unit = commune or province
    if unit is None:
        return
    forms = ReportForm.objects.filter(is_active=True, lines__indicator__source__in=list(sources)).distinct()
    for form in forms:
        if form.reporting_level == ReportingLevel.PROVINCE and unit.kind not in PROVINCE_KINDS:
            unit_for_form = province
        else:
            unit_for_form = unit
        if unit_for_form is None:
            continue
        keys = {period_key_for(form.period_type, year or day.year, day) for day in days}
        for key in sorted(k for k in keys if k is not None):
            yield period_get_or_create(form=form, key=key), unit_for_form


def records_locked(
    *,
    province: Unit | None,
    commune: Unit | None,
    days: Sequence[dt.date],
    sources: Iterable[str],
    year: int | None = None,
) -> str | None:
    """Why a change to figures that count only through reports (a site's results) would not be
    counted, or None when every report they feed would take it: the period's entry has closed,
    or the report was submitted or approved (its figures are what the level above checked).
    Called before such a write, which is then refused with this reason."""
    for period, unit in _fed_periods(province=province, commune=commune, days=days, sources=sources, year=year):
        if not period.is_open(today()):
            return _(
                "Entry of figures for %(period)s closed on %(date)s, so these figures would not be counted. "
                "Ask the level above to extend the period."
            ) % {"period": period.label, "date": format_date(period.closes_on)}
        state = Report.objects.filter(period=period, unit=unit).values_list("state", flat=True).first()
        if state is not None and state not in EDITABLE_STATES:
            return _(
                "The report of %(unit)s for %(period)s is %(state)s and its figures are locked, so these "
                "figures would not be counted. Ask the level above to return the report first."
            ) % {"unit": unit.name, "period": period.label, "state": ReportState(state).label.lower()}
    return None


def records_changed(
    *,
    province: Unit | None,
    commune: Unit | None,
    days: Sequence[dt.date],
    sources: Iterable[str],
    year: int | None = None,
) -> None:
    """Let draft reports follow a change in the records they are prefilled from.

    Called inside the writer's transaction by whatever changed a record (a site's results, an
    initiative, a pledge, a commendation decision) with the record's commune (None for a record
    of the province itself), its province, the days whose periods it counts in (e.g. the day it
    took effect and today) and the prefill sources it feeds. The unit's reports of every active
    form fed by those sources, for the periods holding those days (the festival season: `year`),
    are refreshed when still drafts in an open period; submitted reports keep their figures (the
    report page shows the difference) and closed periods are not touched. Roll-ups change by the
    same increments, in the same transaction."""
    fed = _fed_periods(province=province, commune=commune, days=days, sources=sources, year=year)
    for period, unit_for_form in fed:
        if not period.is_open(today()):
            continue
        report = Report.objects.select_for_update(of=("self",)).filter(period=period, unit=unit_for_form).first()
        if report is None:
            report = report_for(period, unit_for_form)
        elif report.state not in EDITABLE_STATES:
            continue
        report.period = period
        changes = Changes()
        refresh_prefill(report, form_lines(period.form, period.year), changes)
        if changes.apply():
            bump_version(report)


def places_changed(sender: object, changes: Iterable[PlaceChange], **kwargs: object) -> None:
    """Records moved from one place to another (a village moved or closed into a unit of another
    commune; `antq.core.placement`): the draft reports of both places follow their records at
    once, in the same transaction, so the totals never count a record under its old commune."""
    places = {change.before for change in changes} | {change.after for change in changes}
    units = Unit.objects.in_bulk({key for place in places for key in place if key is not None})
    sources = [source for source in PrefillSource.values if source]
    for province_id, commune_id in sorted(places, key=lambda p: (p[0] or 0, p[1] or 0)):
        records_changed(
            province=units.get(province_id) if province_id else None,
            commune=units.get(commune_id) if commune_id else None,
            days=[today()],
            sources=sources,
        )
