"""HTML of the catalogue: the list everyone reads (/reports/indicators/) and the editor
(/catalogue/…, administrators at the nation): indicators with their kinds and rules, report forms
with their settings and indicators. Each view gets through a page selector (which refuses anyone
else), acts through a service and renders; a service's field errors and conflicts come back
beside the fields (`FormPage`). A one-button change that is refused (a delete) shows the
indicator's page again with the reason at the top."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.forms import VersionForm
from antq.core.http import FormPage, Request
from antq.reporting.catalogue import selectors, services
from antq.reporting.catalogue.forms import (
    FormIndicatorsForm,
    IndicatorEditForm,
    IndicatorForm,
    OptionForm,
    ReportFormEditForm,
    ReportFormForm,
    RuleForm,
)

FORM_PAGE = "reporting/catalogue/form.html"
INDICATOR_PAGE = "reporting/catalogue/indicator.html"


def indicators(request: Request) -> HttpResponse:
    """The catalogue as everyone reads it, with the editor's links for those who may edit."""
    return render(request, "reporting/catalogue/indicators.html", selectors.indicators_page(actor=request.actor))


# --- Indicators -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def indicator_create(request: Request) -> HttpResponse:
    selectors.editor_check(request.actor)
    form = IndicatorForm(request.POST or None, initial={"active_from": timezone.localdate().year, "decimals": 0})
    context = {"form": form, "title": _("Add an indicator"), "back": reverse("reporting:indicators")}
    page = FormPage(request, FORM_PAGE, context)
    if page.submitted():
        indicator = services.indicator_create(actor=request.actor, data=form.to_input())
        messages.success(request, _("Indicator added. Add its breakdown and rules, then put it on a report form."))
        return redirect("catalogue:indicator_edit", code=indicator.code)
    return page.render()


def _edit_form(context: dict[str, Any], data: Any = None) -> IndicatorEditForm:
    indicator = context["indicator"]
    initial = {**asdict(services.IndicatorInput.of(indicator)), "version": indicator.version}
    return IndicatorEditForm(data, initial=initial, has_values=context["usage"].has_values)


@require_http_methods(["GET", "POST"])
def indicator_edit(request: Request, code: str) -> HttpResponse:
    context = selectors.indicator_page(actor=request.actor, code=code)
    form = _edit_form(context, request.POST or None)
    page = FormPage(request, INDICATOR_PAGE, {**context, "form": form, "edit_form": form})
    if page.submitted():
        version = form.cleaned_data["version"]
        updated = services.indicator_update(actor=request.actor, code=code, version=version, data=form.to_input())
        messages.success(request, _("Indicator saved; reports and dashboards show the change at once."))
        return redirect("catalogue:indicator_edit", code=updated.code)
    return page.render()


def _one_button(request: Request, code: str) -> FormPage:
    """A change made with one button on the indicator's page: if the service refuses it, the page
    comes back with the reason at the top."""
    context = selectors.indicator_page(actor=request.actor, code=code)
    form = VersionForm(request.POST)
    return FormPage(request, INDICATOR_PAGE, {**context, "form": form, "edit_form": _edit_form(context)})


@require_POST
def indicator_delete(request: Request, code: str) -> HttpResponse:
    page = _one_button(request, code)
    if not page.submitted():
        return page.render()
    services.indicator_delete(actor=request.actor, code=code, version=page.form.cleaned_data["version"])
    messages.success(request, _("Indicator %(code)s deleted.") % {"code": code})
    return redirect("reporting:indicators")


# --- Options --------------------------------------------------------------------------------------


def _back(code: str) -> str:
    return reverse("catalogue:indicator_edit", args=[code])


@require_http_methods(["GET", "POST"])
def option_create(request: Request, code: str) -> HttpResponse:
    indicator = selectors.indicator_for_editing(actor=request.actor, code=code)
    form = OptionForm(request.POST or None, initial={"version": indicator.version})
    title = _("Add a kind to “%(name)s”") % {"name": indicator.name}
    page = FormPage(request, FORM_PAGE, {"form": form, "title": title, "back": _back(code), "indicator": indicator})
    if page.submitted():
        version = form.cleaned_data["version"]
        services.option_create(actor=request.actor, indicator_code=code, version=version, data=form.to_input())
        messages.success(request, _("Kind added; it appears as a new line in reports."))
        return redirect(_back(code))
    return page.render()


@require_http_methods(["GET", "POST"])
def option_edit(request: Request, code: str, option: str) -> HttpResponse:
    indicator = selectors.indicator_for_editing(actor=request.actor, code=code)
    kind = selectors.option_get(indicator, option)
    initial = {**asdict(services.OptionInput.of(kind)), "version": indicator.version}
    has_values = selectors.indicator_has_values(indicator, kind.code)
    form = OptionForm(request.POST or None, initial=initial, has_values=has_values)
    title = _("Kind “%(kind)s” of “%(name)s”") % {"kind": kind.name, "name": indicator.name}
    page = FormPage(request, FORM_PAGE, {"form": form, "title": title, "back": _back(code), "indicator": indicator})
    if page.submitted():
        services.option_update(
            actor=request.actor,
            indicator_code=code,
            option_code=option,
            version=form.cleaned_data["version"],
            data=form.to_input(),
        )
        messages.success(request, _("Kind saved."))
        return redirect(_back(code))
    return page.render()


@require_POST
def option_delete(request: Request, code: str, option: str) -> HttpResponse:
    page = _one_button(request, code)
    if not page.submitted():
        return page.render()
    version = page.form.cleaned_data["version"]
    services.option_delete(actor=request.actor, indicator_code=code, option_code=option, version=version)
    messages.success(request, _("Kind %(code)s deleted.") % {"code": option})
    return redirect(_back(code))


# --- Rules ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def rule_create(request: Request, code: str) -> HttpResponse:
    indicator = selectors.indicator_for_editing(actor=request.actor, code=code)
    initial = {"version": indicator.version, "left": code}
    form = RuleForm(request.POST or None, initial=initial, code=code, sides=selectors.side_choices())
    title = _("Add a rule to “%(name)s”") % {"name": indicator.name}
    page = FormPage(request, FORM_PAGE, {"form": form, "title": title, "back": _back(code), "indicator": indicator})
    if page.submitted():
        version = form.cleaned_data["version"]
        services.rule_create(actor=request.actor, version=version, data=form.to_input())
        messages.success(request, _("Rule added; it is checked on every report and site from now on."))
        return redirect(_back(code))
    return page.render()


@require_POST
def rule_delete(request: Request, rule_id: int) -> HttpResponse:
    rule = selectors.rule_for_editing(actor=request.actor, rule_id=rule_id)
    page = _one_button(request, rule.left.code)
    if not page.submitted():
        return page.render()
    services.rule_delete(actor=request.actor, rule_id=rule_id, version=page.form.cleaned_data["version"])
    messages.success(request, _("Rule %(rule)s deleted.") % {"rule": selectors.rule_text(rule)})
    return redirect(_back(rule.left.code))


# --- Report forms ---------------------------------------------------------------------------------


def form_list(request: Request) -> HttpResponse:
    return render(request, "reporting/catalogue/forms.html", selectors.forms_page(actor=request.actor))


@require_http_methods(["GET", "POST"])
def form_create(request: Request) -> HttpResponse:
    selectors.editor_check(request.actor)
    form = ReportFormForm(request.POST or None)
    context = {"form": form, "title": _("Add a report form"), "back": reverse("catalogue:forms")}
    page = FormPage(request, FORM_PAGE, context)
    if page.submitted():
        created = services.form_create(actor=request.actor, data=form.to_input())
        messages.success(request, _("Report form added. Now choose its indicators and their order."))
        return redirect("catalogue:form_indicators", form_code=created.code)
    return page.render()


@require_http_methods(["GET", "POST"])
def form_edit(request: Request, form_code: str) -> HttpResponse:
    report_form = selectors.form_for_editing(actor=request.actor, code=form_code)
    initial = {**asdict(services.FormInput.of(report_form)), "version": report_form.version}
    reported = selectors.form_has_reports(report_form)
    form = ReportFormEditForm(request.POST or None, initial=initial, reported=reported)
    note = _("Deadline settings apply to periods opened after the change; an open period keeps its dates.")
    context = {"form": form, "title": report_form.name, "back": reverse("catalogue:forms")}
    page = FormPage(request, FORM_PAGE, {**context, "report_form": report_form, "note": note})
    if page.submitted():
        version = form.cleaned_data["version"]
        saved = services.form_update(actor=request.actor, code=form_code, version=version, data=form.to_input())
        messages.success(request, _("Report form saved. New deadline settings apply to periods opened from now."))
        return redirect("catalogue:form_edit", form_code=saved.code)
    return page.render()


@require_http_methods(["GET", "POST"])
def form_indicators(request: Request, form_code: str) -> HttpResponse:
    """Tick the form's indicators and number their order; one with figures cannot be taken off."""
    context = selectors.form_indicators_page(actor=request.actor, code=form_code)
    initial = {"version": context["report_form"].version}
    form = FormIndicatorsForm(request.POST or None, initial=initial, codes=context["codes"])
    if form.is_bound and form.is_valid():  # the user's ticks stay on the page if the service refuses them
        context = selectors.form_indicators_page(actor=request.actor, code=form_code, chosen=form.chosen())
    page = FormPage(request, "reporting/catalogue/form_indicators.html", {**context, "form": form})
    if page.submitted():
        version = form.cleaned_data["version"]
        services.form_set_indicators(actor=request.actor, code=form_code, version=version, indicators=form.chosen())
        messages.success(request, _("Indicators saved; open reports show the new lines at once."))
        return redirect("catalogue:form_indicators", form_code=form_code)
    return page.render()
