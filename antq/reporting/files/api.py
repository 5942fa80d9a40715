"""Files in the API (/api/reporting): the official report (.docx/PDF), exports as background jobs
and imports (dry_run=true only checks)."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from antq.core.api import actor_of, job_out
from antq.core.errors import ValidationFailed
from antq.core.models import Job
from antq.core.openapi import problems_or_error
from antq.core.schemas import JobOut
from antq.reporting.files import documents, exports, imports
from antq.reporting.files.schemas import ExportIn, ImportOut, ImportProblemOut
from antq.reporting.reports.selectors import report_get

router = Router(tags=["reporting"])


@router.get("/reports/{report_id}/document.docx", response={200: None}, summary="The official report (.docx)")
def report_docx(request: HttpRequest, report_id: int) -> HttpResponse:
    return documents.docx_response(report_get(actor=actor_of(request), report_id=report_id))


@router.get("/reports/{report_id}/document.pdf", response={200: None}, summary="The official report (PDF)")
def report_pdf(request: HttpRequest, report_id: int) -> HttpResponse:
    return documents.pdf_response(report_get(actor=actor_of(request), report_id=report_id))


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
    openapi_extra=problems_or_error("ImportOut"),
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
        problems=[ImportProblemOut(row=p.row, column=p.column, message=p.message) for p in result.problems],
    )
    return Status(200 if result.ok else 422, body)
