"""HTML for results and reporting: the forms and their periods with completeness, a unit's report
(enter, submit, approve, return), a festival site's results (phone-first), the catalogue."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.actor import Actor
from antq.core.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from antq.core.http import attachment, render_domain_error, request_actor
from antq.core.models import Job
from antq.festivals.models import SiteState
from antq.festivals.permissions import can_write_site, sites_visible_to
from antq.plans.services import plan_defaults_for
from antq.reporting import documents, exports, imports, permissions, selectors, services
from antq.reporting.models import EDITABLE_STATES, Report
from antq.reporting.periods import current_key, example_key, period_label, previous_keys
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS


@login_required
def report_index(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    today = timezone.localdate()
    forms = []
    for form in selectors.form_list():
        key = current_key(form.period_type, today)
        forms.append(
            {
                "form": form,
                "key": key,
                "label": period_label(form.period_type, key),
                "earlier": previous_keys(form.period_type, key, 4)[:-1][::-1],
            }
        )
    home = actor.home_grant
    return render(
        request,
        "reporting/index.html",
        {"forms": forms, "home": home, "can_manage": permissions.can_manage_catalogue(actor)},
    )


def _period(form_code: str, key: str) -> Any:
    form = selectors.form_get(form_code)
    try:
        return selectors.period_for(form, key)
    except ValidationFailed as exc:
        raise NotFound() from exc


@login_required
def period_overview(request: HttpRequest, form_code: str, key: str) -> HttpResponse:
    actor = request_actor(request)
    try:
        period = _period(form_code, key)
        unit = selectors.unit_for(actor, request.GET.get("unit"))
    except DomainError as exc:
        return render_domain_error(request, exc)
    total, rows = selectors.completeness(period=period, unit=unit, today=timezone.localdate())
    state = request.GET.get("state", "")
    if state:
        rows = [
            r for r in rows if r.state == state or (state == "late" and r.state in ("missing", "draft", "returned"))
        ]
    target = selectors.reporting_unit(unit)
    own = selectors.report_find(actor=actor, period=period, unit=target) if target else None
    return render(
        request,
        "reporting/overview.html",
        {
            "period": period,
            "form": period.form,
            "unit": unit,
            "total": total,
            "rows": rows,
            "state": state,
            "own": own,
            "target": target,
            "can_open": target is not None and own is None and permissions.can_enter_report(actor, target),
            "can_manage_periods": permissions.can_manage_periods(actor),
            "can_import": unit.level <= 1 and permissions.can_enter_report(actor, unit),
            "deadline": period.deadline_for(unit.level + 1 if unit.level < 2 else 2),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def period_update(request: HttpRequest, form_code: str, key: str) -> HttpResponse:
    actor = request_actor(request)
    try:
        period = _period(form_code, key)
        dates: dict[str, dt.date | None] = {}
        for name in ("cutoff_on", "commune_deadline", "province_deadline", "closes_on"):
            raw = request.POST.get(name, "").strip()
            try:
                dates[name] = dt.date.fromisoformat(raw) if raw else None
            except ValueError:
                dates[name] = None
        services.period_update(
            actor=actor, period_id=period.pk, version=int(request.POST.get("version", "0") or 0), dates=dates
        )
        messages.success(request, _("The period's dates were saved."))
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.message)
    except DomainError as exc:
        return render_domain_error(request, exc)
    return redirect(reverse("reporting:overview", args=[form_code, key]))


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", "0") or 0)
    except ValueError:
        return 0


def _save_or_submit(request: HttpRequest, actor: Actor, report: Report, posted: dict[str, str]) -> str:
    version = _version(request)
    notes = {k[2:]: str(v) for k, v in request.POST.items() if k.startswith("n:")}
    if posted or notes or "note" in request.POST:
        report = services.report_save(
            actor=actor,
            report_id=report.pk,
            version=version,
            values=posted,
            notes=notes,
            note=request.POST.get("note"),
        )
        version = report.version
    if request.POST.get("action") != "submit":
        return _("Saved. The figures count in every total above at once.")
    services.report_submit(
        actor=actor,
        report_id=report.pk,
        version=version,
        fill_zero=request.POST.get("fill_zero") == "on",
        missing=request.POST.getlist("missing"),
    )
    return _("The report was submitted.")


def _refresh(request: HttpRequest, actor: Actor, report: Report, posted: dict[str, str]) -> str:
    services.report_refresh(actor=actor, report_id=report.pk, version=_version(request))
    return _("Figures that follow the records were updated.")


def _approve(request: HttpRequest, actor: Actor, report: Report, posted: dict[str, str]) -> str:
    services.report_approve(actor=actor, report_id=report.pk, version=_version(request))
    return _("The report was approved; its figures are locked.")


def _return(request: HttpRequest, actor: Actor, report: Report, posted: dict[str, str]) -> str:
    services.report_return(
        actor=actor, report_id=report.pk, version=_version(request), reason=request.POST.get("reason", "")
    )
    return _("The report was returned with your reason.")


def _narrative(request: HttpRequest, actor: Actor, report: Report, posted: dict[str, str]) -> str:
    services.report_narrative_save(
        actor=actor,
        report_id=report.pk,
        version=_version(request),
        sections={k: request.POST.get(k, "") for k in services.NARRATIVE_SECTIONS},
        document={k: request.POST.get(k, "") for k in (*services.DOCUMENT_FIELDS, "doc_date") if k in request.POST},
    )
    return _("The report's text was saved.")


# POST actions of the report page (besides "open"): each acts through a service and returns the
# message to show.
REPORT_ACTIONS: dict[str, Callable[[HttpRequest, Actor, Report, dict[str, str]], str]] = {
    "save": _save_or_submit,
    "submit": _save_or_submit,
    "refresh": _refresh,
    "approve": _approve,
    "return": _return,
    "narrative": _narrative,
}


@login_required
@require_http_methods(["GET", "POST"])
def report_page(request: HttpRequest, form_code: str, key: str, unit_code: str) -> HttpResponse:
    """A unit's report. POST `action` is one of open, save, refresh, submit, approve, return."""
    actor = request_actor(request)
    try:
        period = _period(form_code, key)
        unit = selectors.unit_for(actor, unit_code)
        report = selectors.report_find(actor=actor, period=period, unit=unit)
    except DomainError as exc:
        return render_domain_error(request, exc)
    errors: dict[str, str] = {}
    posted: dict[str, str] = {}
    if request.method == "POST":
        action = request.POST.get("action", "save")
        posted = {k[2:]: str(v) for k, v in request.POST.items() if k.startswith("v:")}
        try:
            if action == "open":
                services.report_open(actor=actor, period=period, unit=unit)
                return redirect(request.path)
            handler = REPORT_ACTIONS.get(action)
            if handler is None:
                raise ValidationFailed(_("Unknown action."))
            if report is None:
                raise NotFound()
            messages.success(request, handler(request, actor, report, posted))
            return redirect(request.path)
        except ValidationFailed as exc:
            errors = exc.errors
            messages.error(
                request,
                exc.message
                if not exc.errors or exc.message != "; ".join(exc.errors.values())
                else _("Nothing was saved; correct the figures marked below."),
            )
            report = selectors.report_find(actor=actor, period=period, unit=unit)
        except DomainError as exc:
            return render_domain_error(request, exc)
    context: dict[str, Any] = {
        "period": period,
        "form": period.form,
        "unit": unit,
        "report": report,
        "errors": errors,
        "posted": posted,
        "today": timezone.localdate(),
    }
    if report is None:
        context["can_open"] = permissions.can_enter_report(actor, unit) and (
            unit.kind in PROVINCE_KINDS or (unit.kind in COMMUNE_KINDS and period.form.reporting_level == "commune")
        )
        return render(request, "reporting/report.html", context)
    lines = selectors.report_lines(report)
    can_enter = permissions.can_enter_report(actor, unit)
    context.update(
        lines=[
            {
                "r": r,
                "field": r.line.field,
                "posted": posted.get(r.line.field),
                "error": errors.get(r.line.field),
                "differs": r.records_now is not None and r.value is not None and r.records_now != r.value,
            }
            for r in lines
        ],
        editable=can_enter and report.state in EDITABLE_STATES and period.is_open(timezone.localdate()),
        can_enter=can_enter,
        can_decide=permissions.can_decide_report(actor, unit),
        waiting=services.children_not_approved(report) if report.level == 1 else [],
        narrative_sections=[(k, (report.narrative or {}).get(k, "")) for k in services.NARRATIVE_SECTIONS],
        doc_defaults=plan_defaults_for(unit),
        deadline=period.deadline_for(report.level),
    )
    return render(request, "reporting/report.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def site_results(request: HttpRequest, site_id: int) -> HttpResponse:
    """A held festival site's results: one column of big number inputs, made for a phone."""
    actor = request_actor(request)
    site = sites_visible_to(actor).select_related("unit", "plan").filter(pk=site_id).first()
    if site is None:
        return render_domain_error(request, NotFound())
    stored = {k: v for k, v in selectors.site_result_values(site.pk).items()}
    errors: dict[str, str] = {}
    posted: dict[str, str] = {}
    if request.method == "POST":
        posted = {k[2:]: str(v) for k, v in request.POST.items() if k.startswith("v:")}
        try:
            services.site_results_save(
                actor=actor, site_id=site.pk, version=int(request.POST.get("version", "0") or 0), values=posted
            )
            messages.success(request, _("Results saved; the site is reported and the commune's report follows."))
            return redirect("festivals:detail", site.pk)
        except ValidationFailed as exc:
            errors = exc.errors
            messages.error(
                request, exc.message if not exc.errors else _("Nothing was saved; correct the figures marked below.")
            )
        except DomainError as exc:
            return render_domain_error(request, exc)
    lines = services.site_lines(site.year)
    rows = [
        {
            "line": line,
            "field": line.field,
            "value": posted.get(line.field, stored.get(line.field)),
            "error": errors.get(line.field),
        }
        for line in lines
    ]
    can_enter = can_write_site(actor, site.unit) and site.state != SiteState.CANCELLED
    return render(
        request, "reporting/site_results.html", {"site": site, "rows": rows, "can_enter": can_enter, "errors": errors}
    )


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "reporting/indicators.html",
        {
            "indicators": selectors.indicator_list(),
            "forms": selectors.form_list().prefetch_related("lines__indicator"),
            "can_manage": permissions.can_manage_catalogue(actor),
            "example": example_key,
        },
    )


@login_required
def report_document(request: HttpRequest, form_code: str, key: str, unit_code: str, extension: str) -> HttpResponse:
    """The official report of a unit for the period as .docx or PDF."""
    actor = request_actor(request)
    try:
        period = _period(form_code, key)
        unit = selectors.unit_for(actor, unit_code)
        report = selectors.report_find(actor=actor, period=period, unit=unit)
        if report is None or extension not in ("docx", "pdf"):
            raise NotFound()
        if extension == "pdf":
            return documents.pdf_response(report)
        return documents.docx_response(report)
    except DomainError as exc:
        return render_domain_error(request, exc)


@login_required
@require_POST
def export(request: HttpRequest, form_code: str, key: str) -> HttpResponse:
    """The period's figures as .xlsx/CSV: at once when small, as a job with progress when large."""
    actor = request_actor(request)
    try:
        outcome = exports.export_start(
            actor=actor,
            form_code=form_code,
            period_key=key,
            unit_code=request.POST.get("unit") or None,
            rows=request.POST.get("rows", "children"),
            figures=request.POST.get("figures", "all"),
            file_format=request.POST.get("format", "xlsx"),
        )
    except ValidationFailed as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('reporting:overview', args=[form_code, key])}?unit={request.POST.get('unit', '')}")
    except DomainError as exc:
        return render_domain_error(request, exc)
    if isinstance(outcome, Job):
        return redirect("core:job", outcome.pk)
    data, name, content_type = outcome
    return attachment(data, content_type, name)


def _import_path(user_id: int, token: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / f"reporting-{user_id}-{token}"


@login_required
@require_http_methods(["GET", "POST"])
def import_values(request: HttpRequest, form_code: str, key: str) -> HttpResponse:
    """Upload -> dry run listing every problem -> confirm. The checked file waits (private, per
    account) between the dry run and the confirmation."""
    actor = request_actor(request)
    try:
        period = _period(form_code, key)
        unit = selectors.unit_for(actor, request.POST.get("unit") or request.GET.get("unit"))
        if not permissions.can_enter_report(actor, unit):
            raise Forbidden(_("Importing figures is for officers; your role at %(unit)s is not.") % {"unit": unit.name})
    except DomainError as exc:
        return render_domain_error(request, exc)
    context: dict[str, Any] = {"period": period, "form": period.form, "unit": unit}
    if request.method == "POST":
        token = request.POST.get("token", "")
        upload = request.FILES.get("file")
        try:
            if token:
                if not token.isalnum():
                    raise NotFound()
                path = _import_path(int(request.user.pk or 0), token)
                if not path.exists():
                    messages.error(request, _("The checked file has expired; upload it again."))
                    return redirect(f"{request.path}?unit={unit.code}")
                result = imports.values_import(
                    actor=actor,
                    form_code=form_code,
                    period_key=key,
                    unit_code=unit.code,
                    filename=request.POST.get("filename", ""),
                    data=path.read_bytes(),
                    dry_run=False,
                )
                if result.ok:
                    path.unlink(missing_ok=True)
                    messages.success(
                        request,
                        _("%(v)s figure(s) of %(r)s unit(s) imported.")
                        % {"v": result.values_written, "r": result.rows},
                    )
                    return redirect(f"{reverse('reporting:overview', args=[form_code, key])}?unit={unit.code}")
                context["result"] = result
            elif upload is None:
                context["file_error"] = _("Choose the .xlsx or CSV file to check.")
            elif upload.size and upload.size > imports.MAX_UPLOAD_BYTES:
                context["file_error"] = _("The file is larger than 20 MB; split it by province.")
            else:
                data = upload.read()
                result = imports.values_import(
                    actor=actor,
                    form_code=form_code,
                    period_key=key,
                    unit_code=unit.code,
                    filename=upload.name or "",
                    data=data,
                    dry_run=True,
                )
                context["result"] = result
                if result.ok:
                    token = uuid.uuid4().hex
                    path = _import_path(int(request.user.pk or 0), token)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                    context.update(token=token, filename=upload.name)
        except ValidationFailed as exc:
            context["file_error"] = exc.message
        except DomainError as exc:
            return render_domain_error(request, exc)
    context["historical"] = timezone.localdate() > period.closes_on
    return render(request, "reporting/import.html", context)
