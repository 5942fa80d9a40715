"""HTML for results and reporting: the forms and their periods with completeness, a unit's report
(enter, submit, approve, return), a festival site's results (phone-first), the catalogue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.accounts.actor import Actor
from antq.core.errors import Conflict, DomainError, NotFound, ValidationFailed
from antq.core.http import render_domain_error
from antq.festivals.models import SiteState
from antq.festivals.permissions import can_write_site, sites_visible_to
from antq.reporting import permissions, selectors, services
from antq.reporting.models import EDITABLE_STATES
from antq.reporting.periods import current_key, example_key, period_label, previous_keys
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS


def _actor(request: HttpRequest) -> Actor:
    return Actor.of(request.user)  # type: ignore[arg-type]


@login_required
def report_index(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
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
    actor = _actor(request)
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
            "deadline": period.deadline_for(unit.level + 1 if unit.level < 2 else 2),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def period_update(request: HttpRequest, form_code: str, key: str) -> HttpResponse:
    actor = _actor(request)
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


@login_required
@require_http_methods(["GET", "POST"])
def report_page(request: HttpRequest, form_code: str, key: str, unit_code: str) -> HttpResponse:
    """A unit's report. POST `action` is one of open, save, refresh, submit, approve, return."""
    actor = _actor(request)
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
        version = int(request.POST.get("version", "0") or 0)
        try:
            if action == "open":
                services.report_open(actor=actor, period=period, unit=unit)
                return redirect(request.path)
            if report is None:
                raise NotFound()
            if action == "save" or action == "submit":
                posted = {k[2:]: str(v) for k, v in request.POST.items() if k.startswith("v:")}
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
                if action == "submit":
                    services.report_submit(
                        actor=actor,
                        report_id=report.pk,
                        version=version,
                        fill_zero=request.POST.get("fill_zero") == "on",
                        missing=request.POST.getlist("missing"),
                    )
                    messages.success(request, _("The report was submitted."))
                else:
                    messages.success(request, _("Saved. The figures count in every total above at once."))
            elif action == "refresh":
                services.report_refresh(actor=actor, report_id=report.pk, version=version)
                messages.success(request, _("Figures that follow the records were updated."))
            elif action == "approve":
                services.report_approve(actor=actor, report_id=report.pk, version=version)
                messages.success(request, _("The report was approved; its figures are locked."))
            elif action == "return":
                services.report_return(
                    actor=actor, report_id=report.pk, version=version, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("The report was returned with your reason."))
            elif action == "narrative":
                services.report_narrative_save(
                    actor=actor,
                    report_id=report.pk,
                    version=version,
                    sections={k: request.POST.get(k, "") for k in services.NARRATIVE_SECTIONS},
                )
                messages.success(request, _("The narrative was saved."))
            else:
                raise ValidationFailed(_("Unknown action."))
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
        deadline=period.deadline_for(report.level),
    )
    return render(request, "reporting/report.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def site_results(request: HttpRequest, site_id: int) -> HttpResponse:
    """A held festival site's results: one column of big number inputs, made for a phone."""
    actor = _actor(request)
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
    actor = _actor(request)
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
