"""HTML of reports: the forms in use and their periods with completeness, the Ministry moving a
period's dates, and a unit's report (open, enter, submit, approve, return, the official report's
text). Every view gets through a page selector and acts through a service; a refused action shows
the page again with each message beside its field (`FormPage`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.http import FormPage, Request
from antq.reporting.reports import selectors, services
from antq.reporting.reports.forms import PeriodDatesForm, ReportActionForm
from antq.reporting.reports.models import Report, ReportState

OVERVIEW = "reporting/reports/overview.html"
REPORT = "reporting/reports/report.html"
APPROVE = "reporting/reports/approve.html"


def report_index(request: Request) -> HttpResponse:
    return render(request, "reporting/reports/index.html", selectors.index_page(actor=request.actor))


def _dates_form(context: dict[str, Any]) -> PeriodDatesForm:
    period = context["period"]
    return PeriodDatesForm(initial={**asdict(services.PeriodDates.of(period)), "version": period.version})


def period_overview(request: Request, form_code: str, key: str) -> HttpResponse:
    context = selectors.overview_page(
        actor=request.actor,
        form_code=form_code,
        key=key,
        unit_code=request.GET.get("unit"),
        state=request.GET.get("state", ""),
    )
    return render(request, OVERVIEW, {**context, "dates_form": _dates_form(context)})


@require_POST
def period_update(request: Request, form_code: str, key: str) -> HttpResponse:
    context = selectors.period_dates_page(
        actor=request.actor, form_code=form_code, key=key, unit_code=request.GET.get("unit")
    )
    form = PeriodDatesForm(request.POST)
    page = FormPage(request, OVERVIEW, {**context, "form": form, "dates_form": form})
    if page.submitted():
        version, data = form.cleaned_data["version"], form.to_input()
        services.period_update(actor=request.actor, period_id=context["period"].pk, version=version, data=data)
        messages.success(request, _("The period's dates were saved."))
        return redirect("reporting:overview", form_code, key)
    return page.render()


# The report page's actions (the button pressed): each acts through a service and returns the
# message to show.
Action = Callable[[Request, dict[str, Any], ReportActionForm], str]


def _open(request: Request, context: dict[str, Any], form: ReportActionForm) -> str:
    services.report_open(
        actor=request.actor,
        form_code=context["report_form"].code,
        period_key=context["period"].key,
        unit_code=context["unit"].code,
    )
    return ""


def _save_or_submit(request: Request, context: dict[str, Any], form: ReportActionForm) -> str:
    report: Report = context["report"]
    version = form.cleaned_data["version"]
    submit = form.cleaned_data["action"] == "submit"
    saved_message = _("Saved. The figures count in every total above at once.")
    if form.figures() or form.notes() or form.sent_note() is not None:
        saved = services.report_save(
            actor=request.actor,
            report_id=report.pk,
            version=version,
            values=form.figures(),
            notes=form.notes(),
            note=form.sent_note(),
        )
        if submit:  # should the submission be refused, the page says the figures were saved, at their version
            messages.success(request, saved_message)
            report.version = version = saved.version
            form.saved = True
    if not submit:
        return saved_message
    services.report_submit(
        actor=request.actor,
        report_id=report.pk,
        version=version,
        fill_zero=form.cleaned_data["fill_zero"],
        missing=form.cleaned_data["missing"],
    )
    return _("The report was submitted.")


def _refresh(request: Request, context: dict[str, Any], form: ReportActionForm) -> str:
    services.report_refresh(actor=request.actor, report_id=context["report"].pk, version=form.cleaned_data["version"])
    return _("Figures that follow the records were updated.")


def _approve(request: Request, context: dict[str, Any], form: ReportActionForm) -> str:
    services.report_approve(actor=request.actor, report_id=context["report"].pk, version=form.cleaned_data["version"])
    return _("The report was approved; its figures are locked.")


def _return(request: Request, context: dict[str, Any], form: ReportActionForm) -> str:
    services.report_return(
        actor=request.actor,
        report_id=context["report"].pk,
        version=form.cleaned_data["version"],
        reason=form.cleaned_data["reason"],
    )
    return _("The report was returned with your reason.")


def _narrative(request: Request, context: dict[str, Any], form: ReportActionForm) -> str:
    report: Report = context["report"]
    data = form.text(services.ReportText.of(report))
    services.report_narrative_save(
        actor=request.actor, report_id=report.pk, version=form.cleaned_data["version"], data=data
    )
    return _("The report's text was saved.")


REPORT_ACTIONS: dict[str, Action] = {
    "open": _open,
    "save": _save_or_submit,
    "submit": _save_or_submit,
    "refresh": _refresh,
    "approve": _approve,
    "return": _return,
    "narrative": _narrative,
}


def _approvable(context: dict[str, Any]) -> bool:
    report: Report | None = context["report"]
    return bool(context.get("can_decide")) and report is not None and report.state == ReportState.SUBMITTED


@require_http_methods(["GET", "POST"])
def report_page(request: Request, form_code: str, key: str, unit_code: str) -> HttpResponse:
    """A unit's report. POST `action` is one of `REPORT_ACTIONS` (save when none is named). GET
    `?confirm=approve` asks the approver first: approving locks the figures."""
    context = selectors.report_page(actor=request.actor, form_code=form_code, key=key, unit_code=unit_code)
    if request.method == "GET" and request.GET.get("confirm") == "approve" and _approvable(context):
        return render(request, APPROVE, context)
    form = ReportActionForm(
        request.POST or None,
        lines=[r.line for r in context["report_lines"]],
        report=context["report"],
        waiting=context["waiting"],
    )
    rows = [{"r": r, "field": r.line.field, "box": form[r.line.field]} for r in context["report_lines"]]
    page = FormPage(request, REPORT, {**context, "form": form, "lines": rows})
    if page.submitted():
        message = REPORT_ACTIONS[form.cleaned_data["action"]](request, context, form)
        if message:
            messages.success(request, message)
        return redirect(request.path)
    return page.render()
