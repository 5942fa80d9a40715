from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from antq.core.api import actor_of, job_out
from antq.core.errors import NotFound, ValidationFailed
from antq.core.models import Job
from antq.core.schemas import JobOut
from antq.festivals.permissions import sites_visible_to
from antq.reporting import documents, exports, imports, selectors, services
from antq.reporting.models import Indicator, Report, ReportPeriod
from antq.reporting.periods import current_key
from antq.reporting.schemas import (
    ChildOut,
    CompletenessOut,
    ExportIn,
    FormOut,
    ImportOut,
    IndicatorOut,
    NarrativeIn,
    OverviewOut,
    PeriodOut,
    PeriodUpdateIn,
    ReportOpenIn,
    ReportOut,
    ReturnIn,
    SiteResultsIn,
    SiteResultsOut,
    SubmitIn,
    ValueOut,
    ValuesIn,
    VersionIn,
)

router = Router(tags=["reporting"])


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _indicator_out(i: Indicator) -> IndicatorOut:
    return IndicatorOut(
        code=i.code,
        name=i.name,
        name_en=i.name_en,
        group=i.group,
        measure=i.measure,
        aggregation=i.aggregation,
        decimals=i.decimals,
        per_site=i.per_site,
        source=i.source,
        headline=i.headline,
        active_from=i.active_from,
        active_until=i.active_until,
        options=[{"code": o.code, "name": o.name, "name_en": o.name_en, "measure": o.measure} for o in i.options.all()],  # type: ignore[misc]
        rules=[
            f"{r.left.code}{'.' + r.left_option if r.left_option else ''} {r.get_operator_display()} "
            f"{r.right.code}{'.' + r.right_option if r.right_option else ''}"
            for r in i.rules.all()
        ],
    )


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


def completeness_out(c: selectors.Completeness) -> CompletenessOut:
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
    return selectors.period_for(selectors.form_get(form_code), key)


@router.get("/indicators", response=list[IndicatorOut], summary="The indicator catalogue")
def indicator_list(request: HttpRequest) -> list[IndicatorOut]:
    return [_indicator_out(i) for i in selectors.indicator_list()]


@router.get("/forms", response=list[FormOut], summary="Report forms in use")
def form_list(request: HttpRequest) -> list[FormOut]:
    today = timezone.localdate()
    return [
        FormOut(
            code=f.code,
            name=f.name,
            name_en=f.name_en,
            basis=f.basis,
            period_type=f.period_type,
            reporting_level=f.reporting_level,
            indicators=[line.indicator.code for line in f.lines.all()],
            current_period=current_key(f.period_type, today),
        )
        for f in selectors.form_list().prefetch_related("lines__indicator")
    ]


@router.get("/forms/{form}/periods/{key}", response=PeriodOut, summary="A period's dates")
def period_detail(request: HttpRequest, form: str, key: str) -> PeriodOut:
    return period_out(_period(form, key))


@router.patch("/forms/{form}/periods/{key}", response=PeriodOut, summary="Move a period's dates (Ministry)")
def period_update(request: HttpRequest, form: str, key: str, payload: PeriodUpdateIn) -> PeriodOut:
    period = _period(form, key)
    dates = {k: v for k, v in payload.dict(exclude={"version"}).items() if v is not None}
    return period_out(
        services.period_update(actor=actor_of(request), period_id=period.pk, version=payload.version, dates=dates)
    )


@router.get("/forms/{form}/periods/{key}/overview", response=OverviewOut, summary="Completeness and timeliness")
def period_overview(request: HttpRequest, form: str, key: str, unit: str = "") -> OverviewOut:
    actor = actor_of(request)
    place = selectors.unit_for(actor, unit)
    period = _period(form, key)
    total, rows = selectors.completeness(period=period, unit=place, today=timezone.localdate())
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
    actor = actor_of(request)
    report = services.report_open(actor=actor, period=_period(form, key), unit=selectors.unit_for(actor, payload.unit))
    return Status(201, report_out(selectors.report_get(actor=actor, report_id=report.pk)))


@router.get("/reports/{report_id}", response=ReportOut, summary="A report with its figures")
def report_detail(request: HttpRequest, report_id: int) -> ReportOut:
    return report_out(selectors.report_get(actor=actor_of(request), report_id=report_id))


def _after(request: HttpRequest, report: Report) -> ReportOut:
    return report_out(selectors.report_get(actor=actor_of(request), report_id=report.pk))


@router.post("/reports/{report_id}/values", response=ReportOut, summary="Save figures (draft or returned)")
def report_save(request: HttpRequest, report_id: int, payload: ValuesIn) -> ReportOut:
    actor = actor_of(request)
    report = services.report_save(
        actor=actor,
        report_id=report_id,
        version=payload.version,
        values=payload.values,
        notes=payload.notes,
        note=payload.note,
    )
    return _after(request, report)


@router.post("/reports/{report_id}/submit", response=ReportOut, summary="Submit to the level above")
def report_submit(request: HttpRequest, report_id: int, payload: SubmitIn) -> ReportOut:
    actor = actor_of(request)
    report = services.report_submit(
        actor=actor, report_id=report_id, version=payload.version, fill_zero=payload.fill_zero, missing=payload.missing
    )
    return _after(request, report)


@router.post("/reports/{report_id}/approve", response=ReportOut, summary="Approve (level above)")
def report_approve(request: HttpRequest, report_id: int, payload: VersionIn) -> ReportOut:
    actor = actor_of(request)
    return _after(request, services.report_approve(actor=actor, report_id=report_id, version=payload.version))


@router.post("/reports/{report_id}/return", response=ReportOut, summary="Return with a reason (level above)")
def report_return(request: HttpRequest, report_id: int, payload: ReturnIn) -> ReportOut:
    actor = actor_of(request)
    report = services.report_return(actor=actor, report_id=report_id, version=payload.version, reason=payload.reason)
    return _after(request, report)


def _site_out(request: HttpRequest, site_id: int) -> SiteResultsOut:
    site = sites_visible_to(actor_of(request)).filter(pk=site_id).first()
    if site is None:
        raise NotFound()
    values = {k: number(v) for k, v in selectors.site_result_values(site.pk).items()}
    return SiteResultsOut(site=site.pk, state=site.state, version=site.version, values=values)  # type: ignore[arg-type]


@router.get("/sites/{site_id}/results", response=SiteResultsOut, summary="A festival site's results")
def site_results(request: HttpRequest, site_id: int) -> SiteResultsOut:
    return _site_out(request, site_id)


@router.post("/sites/{site_id}/results", response=SiteResultsOut, summary="Record a held site's results")
def site_results_save(request: HttpRequest, site_id: int, payload: SiteResultsIn) -> SiteResultsOut:
    services.site_results_save(actor=actor_of(request), site_id=site_id, version=payload.version, values=payload.values)
    return _site_out(request, site_id)


@router.post("/reports/{report_id}/narrative", response=ReportOut, summary="Save the official report's text and signer")
def report_narrative(request: HttpRequest, report_id: int, payload: NarrativeIn) -> ReportOut:
    data = payload.dict(exclude_unset=True)
    sections = {k: data[k] or "" for k in services.NARRATIVE_SECTIONS if k in data}
    document = {k: data[k] for k in (*services.DOCUMENT_FIELDS, "doc_date") if k in data}
    report = services.report_narrative_save(
        actor=actor_of(request), report_id=report_id, version=payload.version, sections=sections, document=document
    )
    return _after(request, report)


@router.get("/reports/{report_id}/document.docx", response={200: None}, summary="The official report (.docx)")
def report_docx(request: HttpRequest, report_id: int) -> HttpResponse:
    return documents.docx_response(selectors.report_get(actor=actor_of(request), report_id=report_id))


@router.get("/reports/{report_id}/document.pdf", response={200: None}, summary="The official report (PDF)")
def report_pdf(request: HttpRequest, report_id: int) -> HttpResponse:
    return documents.pdf_response(selectors.report_get(actor=actor_of(request), report_id=report_id))


@router.post(
    "/forms/{form}/periods/{key}/exports",
    response={202: JobOut},
    summary="Export a period's figures (.xlsx/CSV) as a background job",
)
def export_create(request: HttpRequest, form: str, key: str, payload: ExportIn) -> Status[JobOut]:
    job = exports.export_start(
        actor=actor_of(request),
        form_code=form,
        period_key=key,
        unit_code=payload.unit,
        rows=payload.rows,
        figures=payload.figures,
        file_format=payload.format,
        background=True,
    )
    assert isinstance(job, Job)
    job.refresh_from_db()
    return Status(202, job_out(job))


@router.post(
    "/forms/{form}/periods/{key}/imports",
    response={200: ImportOut, 422: ImportOut},
    summary="Import figures from .xlsx/CSV (dry_run=true only checks)",
)
def import_values(
    request: HttpRequest,
    form: str,
    key: str,
    file: File[UploadedFile],
    unit: Form[str] = "",
    dry_run: Form[bool] = True,
) -> Status[ImportOut]:
    if file.size and file.size > imports.MAX_UPLOAD_BYTES:
        raise ValidationFailed(errors={"file": _("The file is larger than 20 MB; split it by province.")})
    result = imports.values_import(
        actor=actor_of(request),
        form_code=form,
        period_key=key,
        unit_code=unit or None,
        filename=file.name or "",
        data=file.read(),
        dry_run=dry_run,
    )
    body = ImportOut(
        dry_run=result.dry_run,
        historical=result.historical,
        ok=result.ok,
        rows=result.rows,
        reports_created=result.reports_created,
        reports_changed=result.reports_changed,
        values_written=result.values_written,
        values_unchanged=result.values_unchanged,
        seconds=round(result.seconds, 3),
        problems=[{"row": p.row, "column": p.column, "message": p.message} for p in result.problems],  # type: ignore[misc]
    )
    return Status(200 if result.ok else 422, body)
