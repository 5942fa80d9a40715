"""HTML for files: the official report of a unit (.docx/PDF), a period's figures exported (at once
when small, as a job with progress when large) and imported (upload -> dry run listing every
problem -> confirm; the checked file waits, private to the account, for the confirmation)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.http import FormPage, Request, attachment
from antq.core.models import Job
from antq.core.uploads import kept_file_drop, kept_file_read, kept_file_save
from antq.reporting.files import documents, exports, imports, selectors
from antq.reporting.files.forms import ExportForm, ImportConfirmForm, ImportForm

IMPORT = "reporting/files/import.html"

KEPT = "reporting"  # the kept files of value imports (antq.core.uploads)


def report_document(request: Request, form_code: str, key: str, unit_code: str, extension: str) -> HttpResponse:
    """The official report of a unit for the period as .docx or PDF."""
    report = selectors.document_report(
        actor=request.actor, form_code=form_code, key=key, unit_code=unit_code, extension=extension
    )
    return documents.pdf_response(report) if extension == "pdf" else documents.docx_response(report)


def _overview(form_code: str, key: str, unit_code: str) -> str:
    return f"{reverse('reporting:overview', args=[form_code, key])}?{urlencode({'unit': unit_code})}"


@require_POST
def export(request: Request, form_code: str, key: str) -> HttpResponse:
    """The period's figures as .xlsx/CSV: at once when small, as a job with progress when large."""
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_overview(form_code, key, request.POST.get("unit", "")))
    outcome = exports.export_start(actor=request.actor, form_code=form_code, period_key=key, **form.options())
    if isinstance(outcome, Job):
        return redirect("core:job", outcome.pk)
    data, name, content_type = outcome
    return attachment(data, content_type, name)


@require_http_methods(["GET", "POST"])
def import_values(request: Request, form_code: str, key: str) -> HttpResponse:
    """Upload -> dry run listing every problem -> confirm."""
    unit_code = request.POST.get("unit") or request.GET.get("unit")
    context = selectors.import_page(actor=request.actor, form_code=form_code, key=key, unit_code=unit_code)
    if "token" in request.POST:
        return _import_confirmed(request, context, form_code, key)
    form = ImportForm(request.POST or None, request.FILES or None)
    page = FormPage(request, IMPORT, {**context, "form": form})
    if page.submitted():
        upload = form.cleaned_data["file"]
        data = upload.read()
        result = imports.values_import(
            actor=request.actor,
            form_code=form_code,
            period_key=key,
            unit_code=context["unit"].code,
            filename=upload.name or "",
            data=data,
            dry_run=True,
        )
        page.context["result"] = result
        if result.ok:
            page.context.update(token=kept_file_save(actor=request.actor, kind=KEPT, data=data), filename=upload.name)
    return page.render()


def _import_confirmed(request: Request, context: dict[str, Any], form_code: str, key: str) -> HttpResponse:
    form = ImportConfirmForm(request.POST)
    page = FormPage(request, IMPORT, {**context, "form": form})
    if not page.submitted():
        return page.render()
    unit, token = context["unit"], form.cleaned_data["token"]
    data = kept_file_read(actor=request.actor, kind=KEPT, token=token)
    if data is None:
        messages.error(request, _("The checked file has expired; upload it again."))
        return redirect(f"{request.path}?{urlencode({'unit': unit.code})}")
    result = imports.values_import(
        actor=request.actor,
        form_code=form_code,
        period_key=key,
        unit_code=unit.code,
        filename=form.cleaned_data["filename"],
        data=data,
        dry_run=False,
    )
    if not result.ok:
        page.context["result"] = result
        return page.render()
    kept_file_drop(actor=request.actor, kind=KEPT, token=token)
    messages.success(
        request, _("%(v)s figure(s) of %(r)s unit(s) imported.") % {"v": result.values_written, "r": result.rows}
    )
    return redirect(_overview(form_code, key, unit.code))
