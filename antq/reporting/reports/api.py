"""The reports API (/api/reporting): periods and their dates, completeness under a unit, a unit's
report with its figures and the actions on it (save, submit, approve, return, the official
report's text). Every change carries the version it was based on; a stale one gets 409."""

from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from antq.core.api import actor_of
from antq.core.errors import NotFound
from antq.core.schemas import VersionIn
from antq.reporting.catalogue.selectors import form_get
from antq.reporting.reports import selectors, services
from antq.reporting.reports.completeness import Completeness, completeness
from antq.reporting.reports.models import Report, ReportPeriod
from antq.reporting.reports.schemas import (
    ChildOut,
    CompletenessOut,
    NarrativeIn,
    OverviewOut,
    PeriodOut,
    PeriodUpdateIn,
    ReportOpenIn,
    ReportOut,
    ReturnIn,
    SubmitIn,
    ValueOut,
    ValuesIn,
)

router = Router(tags=["reporting"])


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def period_out(period: ReportPeriod) -> PeriodOut:
    return PeriodOut(
        form=period.form.code,
        key=period.key,
        label=period.label,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        cutoff_on=period.cutoff_on,
        commune_deadline=period.commune_deadline,
        province_deadline=period.province_deadline,
        closes_on=period.closes_on,
        version=period.version,
    )


def completeness_out(c: Completeness) -> CompletenessOut:
    return CompletenessOut(
        expected=c.expected,
        submitted=c.submitted,
        on_time=c.on_time,
        approved=c.approved,
        returned=c.returned,
        late=c.late,
    )


def report_out(report: Report) -> ReportOut:
    return ReportOut(
        id=report.pk,
        form=report.form.code,
        period=report.period.key,
        unit=report.unit.code,
        unit_name=report.unit.name,
        state=report.state,
        version=report.version,
        note=report.note,
        submitted_at=report.submitted_at,
        on_time=report.on_time,
        return_reason=report.return_reason,
        missing_units=report.missing_units,
        values=[
            ValueOut(
                field=r.line.field,
                name=r.line.label,
                value=number(r.value),
                prefilled=number(r.prefilled),
                overridden=r.overridden,
                note=r.note,
                records_now=number(r.records_now),
            )
            for r in selectors.report_lines(report)
        ],
    )


def _period(form_code: str, key: str) -> ReportPeriod:
    return selectors.period_for(form_get(form_code), key)


def _after(request: HttpRequest, report: Report) -> ReportOut:
    return report_out(selectors.report_get(actor=actor_of(request), report_id=report.pk))


@router.get("/forms/{form}/periods/{key}", response=PeriodOut, summary="A period's dates")
def period_detail(request: HttpRequest, form: str, key: str) -> PeriodOut:
    return period_out(_period(form, key))


@router.patch("/forms/{form}/periods/{key}", response=PeriodOut, summary="Move a period's dates (Ministry)")
def period_update(request: HttpRequest, form: str, key: str, payload: PeriodUpdateIn) -> PeriodOut:
    period = _period(form, key)
    data = payload.to_input(services.PeriodDates.of(period))
    return period_out(
        services.period_update(actor=actor_of(request), period_id=period.pk, version=payload.version, data=data)
    )


@router.get("/forms/{form}/periods/{key}/overview", response=OverviewOut, summary="Completeness and timeliness")
def period_overview(request: HttpRequest, form: str, key: str, unit: str = "") -> OverviewOut:
    place = selectors.unit_for(actor_of(request), unit)
    period = _period(form, key)
    total, rows = completeness(period=period, unit=place, today=timezone.localdate())
    return OverviewOut(
        period=period_out(period),
        unit=place.code,
        completeness=completeness_out(total),
        children=[
            ChildOut(
                unit=r.unit.code,
                name=r.unit.name,
                state=r.state,
                report_id=r.report.pk if r.report else None,
                submitted_at=r.report.submitted_at if r.report else None,
                on_time=r.report.on_time if r.report else None,
                completeness=completeness_out(r.completeness) if r.completeness else None,
            )
            for r in rows
        ],
    )


@router.get("/forms/{form}/periods/{key}/units/{unit}", response=ReportOut, summary="A unit's report")
def report_find(request: HttpRequest, form: str, key: str, unit: str) -> ReportOut:
    actor = actor_of(request)
    report = selectors.report_find(actor=actor, period=_period(form, key), unit=selectors.unit_for(actor, unit))
    if report is None:
        raise NotFound()
    return report_out(report)


@router.post("/forms/{form}/periods/{key}/reports", response={201: ReportOut}, summary="Open a unit's report")
def report_open(request: HttpRequest, form: str, key: str, payload: ReportOpenIn) -> Status[ReportOut]:
    report = services.report_open(actor=actor_of(request), form_code=form, period_key=key, unit_code=payload.unit)
    return Status(201, _after(request, report))


@router.get("/reports/{report_id}", response=ReportOut, summary="A report with its figures")
def report_detail(request: HttpRequest, report_id: int) -> ReportOut:
    return report_out(selectors.report_get(actor=actor_of(request), report_id=report_id))


@router.post("/reports/{report_id}/values", response=ReportOut, summary="Save figures (draft or returned)")
def report_save(request: HttpRequest, report_id: int, payload: ValuesIn) -> ReportOut:
    report = services.report_save(
        actor=actor_of(request),
        report_id=report_id,
        version=payload.version,
        values=payload.values,
        notes=payload.notes,
        note=payload.note,
    )
    return _after(request, report)


@router.post("/reports/{report_id}/submit", response=ReportOut, summary="Submit to the level above")
def report_submit(request: HttpRequest, report_id: int, payload: SubmitIn) -> ReportOut:
    report = services.report_submit(
        actor=actor_of(request),
        report_id=report_id,
        version=payload.version,
        fill_zero=payload.fill_zero,
        missing=payload.missing,
    )
    return _after(request, report)


@router.post("/reports/{report_id}/approve", response=ReportOut, summary="Approve (level above)")
def report_approve(request: HttpRequest, report_id: int, payload: VersionIn) -> ReportOut:
    report = services.report_approve(actor=actor_of(request), report_id=report_id, version=payload.version)
    return _after(request, report)


@router.post("/reports/{report_id}/return", response=ReportOut, summary="Return with a reason (level above)")
def report_return(request: HttpRequest, report_id: int, payload: ReturnIn) -> ReportOut:
    report = services.report_return(
        actor=actor_of(request), report_id=report_id, version=payload.version, reason=payload.reason
    )
    return _after(request, report)


@router.post("/reports/{report_id}/narrative", response=ReportOut, summary="Save the official report's text and signer")
def report_narrative(request: HttpRequest, report_id: int, payload: NarrativeIn) -> ReportOut:
    actor = actor_of(request)
    data = payload.to_input(services.ReportText.of(selectors.report_get(actor=actor, report_id=report_id)))
    report = services.report_narrative_save(actor=actor, report_id=report_id, version=payload.version, data=data)
    return _after(request, report)
