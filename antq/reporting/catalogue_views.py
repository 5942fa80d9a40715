"""HTML for editing the catalogue (administrators at the nation): indicators with their kinds and
rules, report forms with their settings and indicators. Reading stays on /reports/indicators/.
Each view checks the role, gets through a selector, acts through a service and renders; field
errors and conflicts go back beside the fields."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.actor import Actor
from antq.core.errors import Conflict, DomainError, Forbidden, ValidationFailed
from antq.core.http import form_add_errors, render_domain_error
from antq.reporting import catalogue_selectors as cs
from antq.reporting import catalogue_services as services
from antq.reporting import permissions
from antq.reporting.models import (
    Aggregation,
    IndicatorGroup,
    Measure,
    PeriodType,
    ReportingLevel,
    RuleOperator,
)
from antq.reporting.prefill import prefill_choices

# --- Input shapes ---------------------------------------------------------------------------------

DECIMALS = [(n, str(n)) for n in range(4)]


class IndicatorForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=64,
        help_text=gettext_lazy("Lowercase letters, digits, _ or -, e.g. gift_packages. Used in files and the API."),
    )
    name = forms.CharField(label=gettext_lazy("Name (Vietnamese)"), max_length=200)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=200)
    group = forms.ChoiceField(label=gettext_lazy("Group"), choices=IndicatorGroup.choices)
    measure = forms.ChoiceField(label=gettext_lazy("Measure"), choices=Measure.choices)
    aggregation = forms.ChoiceField(label=gettext_lazy("Aggregation"), choices=Aggregation.choices)
    decimals = forms.TypedChoiceField(
        label=gettext_lazy("Decimal places"),
        choices=DECIMALS,
        coerce=int,
        help_text=gettext_lazy("Used by figures in kg or km; other measures are whole numbers."),
    )
    per_site = forms.BooleanField(label=gettext_lazy("Entered per festival site"), required=False)
    source = forms.ChoiceField(label=gettext_lazy("Prefilled from"), choices=prefill_choices, required=False)
    headline = forms.BooleanField(label=gettext_lazy("Headline figure on the dashboard"), required=False)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    active_from = forms.IntegerField(label=gettext_lazy("Active from year"), min_value=2000, max_value=2100)
    active_until = forms.IntegerField(
        label=gettext_lazy("Active until year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("Leave empty while in use; set the last year to retire the indicator."),
    )
    position = forms.IntegerField(
        label=gettext_lazy("Order in lists"),
        required=False,
        min_value=0,
        help_text=gettext_lazy("Smaller numbers come first."),
    )


class IndicatorEditForm(IndicatorForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def fix_used_fields(self) -> None:
        """Figures are stored: show what can no longer change as read-only, and why."""
        why = _("Fixed: figures have been entered. Retire the indicator and add a new one to change it.")
        for name in services.FIXED_ONCE_USED:
            self.fields[name].disabled = True
            self.fields[name].help_text = why
        self.fields["decimals"].help_text = _("Figures have been entered: decimal places can only be raised.")


class OptionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    code = forms.CharField(
        label=gettext_lazy("Code"), max_length=32, help_text=gettext_lazy("e.g. firearms, explosives")
    )
    name = forms.CharField(label=gettext_lazy("Name (Vietnamese)"), max_length=200)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=200)
    measure = forms.ChoiceField(label=gettext_lazy("Measure"), choices=Measure.choices)
    position = forms.IntegerField(label=gettext_lazy("Order in lists"), required=False, min_value=0)


class RuleForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    left = forms.ChoiceField(label=gettext_lazy("Figure"))
    operator = forms.ChoiceField(label=gettext_lazy("Must be"), choices=RuleOperator.choices)
    right = forms.ChoiceField(label=gettext_lazy("Compared with"))


class ReportFormForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=64,
        help_text=gettext_lazy("Lowercase letters, digits, _ or -, e.g. ket-qua-quy. Appears in addresses."),
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=300)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=300, required=False)
    basis = forms.CharField(
        label=gettext_lazy("Basis"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("e.g. Nghị định 09/2019/NĐ-CP"),
    )
    period_type = forms.ChoiceField(label=gettext_lazy("Period type"), choices=PeriodType.choices)
    reporting_level = forms.ChoiceField(label=gettext_lazy("Level that reports"), choices=ReportingLevel.choices)
    cutoff_days_before_end = forms.IntegerField(
        label=gettext_lazy("Cut-off: days before the period ends"), min_value=0, max_value=365, initial=0
    )
    commune_deadline_days = forms.IntegerField(
        label=gettext_lazy("Commune deadline: days after the period ends"), min_value=0, max_value=365, initial=5
    )
    province_deadline_days = forms.IntegerField(
        label=gettext_lazy("Province deadline: days after the period ends"), min_value=0, max_value=365, initial=10
    )
    grace_days = forms.IntegerField(
        label=gettext_lazy("Entry stays open: days after the deadline"), min_value=0, max_value=365, initial=15
    )
    is_active = forms.BooleanField(label=gettext_lazy("In use"), required=False, initial=True)


class ReportFormEditForm(ReportFormForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


# --- Helpers --------------------------------------------------------------------------------------


def _domain_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Missing, forbidden and the like become the error page, wherever in the view they arise."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except DomainError as exc:
            return render_domain_error(request, exc)

    return wrapper


def _manager(request: HttpRequest) -> Actor:
    actor = Actor.of(request.user)  # type: ignore[arg-type]
    if not permissions.can_manage_catalogue(actor):
        raise Forbidden(_("Only administrators at the Ministry change the indicators and report forms."))
    return actor


def _submit(form: forms.Form, action: Callable[[], Any], remap: dict[str, str] | None = None) -> Any:
    """Run a service; its field errors and a stale version go back onto the form."""
    try:
        return action()
    except (ValidationFailed, Conflict) as exc:
        if remap:
            exc.errors = {remap.get(k, k): v for k, v in exc.errors.items()}
        form_add_errors(form, exc)
    return None


def _given(data: dict[str, Any], *optional: str) -> dict[str, Any]:
    """cleaned_data without the version and without optional numbers left empty (service defaults)."""
    return {k: v for k, v in data.items() if k != "version" and not (k in optional and v is None)}


def _render_form(request: HttpRequest, form: forms.Form, title: str, back: str, **extra: Any) -> HttpResponse:
    return render(request, "reporting/catalogue/form.html", {"form": form, "title": title, "back": back, **extra})


def _back_to_indicator(code: str) -> str:
    return reverse("reporting:catalogue_indicator_edit", args=[code])


# --- Indicators -----------------------------------------------------------------------------------


@login_required
@_domain_errors
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest) -> HttpResponse:
    actor = _manager(request)
    form = IndicatorForm(request.POST or None, initial={"active_from": timezone.localdate().year, "decimals": 0})
    if request.method == "POST" and form.is_valid():
        data = _given(form.cleaned_data, "position")
        indicator = _submit(form, lambda: services.indicator_create(actor=actor, data=data))
        if indicator is not None:
            messages.success(request, _("Indicator added. Add its breakdown and rules, then put it on a report form."))
            return redirect(_back_to_indicator(indicator.code))
    back = reverse("reporting:indicators")
    return _render_form(request, form, _("Add an indicator"), back)


@login_required
@_domain_errors
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, code: str) -> HttpResponse:
    actor = _manager(request)
    indicator = cs.indicator_get(code)
    initial = {**services.indicator_snapshot(indicator), "version": indicator.version}
    form = IndicatorEditForm(request.POST or None, initial=initial)
    usage = cs.indicator_usage(indicator)
    if usage.has_values:
        form.fix_used_fields()
    if request.method == "POST" and form.is_valid():
        changes = _given(form.cleaned_data, "position")
        version = form.cleaned_data["version"]
        updated = _submit(
            form,
            lambda: services.indicator_update(actor=actor, code=code, version=version, changes=changes),
        )
        if updated is not None:
            messages.success(request, _("Indicator saved; reports and dashboards show the change at once."))
            return redirect(_back_to_indicator(updated.code))
    return render(
        request,
        "reporting/catalogue/indicator.html",
        {
            "indicator": indicator,
            "form": form,
            "usage": usage,
            "options": indicator.options.all(),
            "rules": [(r, cs.rule_text(r)) for r in cs.rules_of(indicator)],
        },
    )


def _post_and_return(request: HttpRequest, action: Callable[[], Any], done: str, back: str) -> HttpResponse:
    """A one-button change: say what happened (or why not) on the page it came from."""
    try:
        action()
        messages.success(request, done)
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.message)
    return redirect(back)


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", "0") or 0)
    except ValueError:
        return 0


@login_required
@_domain_errors
@require_POST
def indicator_delete(request: HttpRequest, code: str) -> HttpResponse:
    actor = _manager(request)
    try:
        services.indicator_delete(actor=actor, code=code, version=_version(request))
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.message)
        return redirect(_back_to_indicator(code))
    messages.success(request, _("Indicator %(code)s deleted.") % {"code": code})
    return redirect("reporting:indicators")


# --- Options --------------------------------------------------------------------------------------


@login_required
@_domain_errors
@require_http_methods(["GET", "POST"])
def option_create(request: HttpRequest, code: str) -> HttpResponse:
    actor = _manager(request)
    indicator = cs.indicator_get(code)
    form = OptionForm(request.POST or None, initial={"version": indicator.version})
    if request.method == "POST" and form.is_valid():
        data, version = _given(form.cleaned_data, "position"), form.cleaned_data["version"]
        option = _submit(
            form, lambda: services.option_create(actor=actor, indicator_code=code, version=version, data=data)
        )
        if option is not None:
            messages.success(request, _("Kind added; it appears as a new line in reports."))
            return redirect(_back_to_indicator(code))
    title = _("Add a kind to “%(name)s”") % {"name": indicator.name}
    return _render_form(request, form, title, _back_to_indicator(code), indicator=indicator)


@login_required
@_domain_errors
@require_http_methods(["GET", "POST"])
def option_edit(request: HttpRequest, code: str, option: str) -> HttpResponse:
    actor = _manager(request)
    indicator = cs.indicator_get(code)
    kind = cs.option_get(indicator, option)
    initial = {
        "version": indicator.version,
        "code": kind.code,
        "name": kind.name,
        "name_en": kind.name_en,
        "measure": kind.measure,
        "position": kind.position,
    }
    form = OptionForm(request.POST or None, initial=initial)
    used = cs.indicator_has_values(indicator, kind.code)
    if used:
        for name in ("code", "measure"):
            form.fields[name].disabled = True
            form.fields[name].help_text = _("Fixed: figures have been entered for this kind.")
    if request.method == "POST" and form.is_valid():
        changes, version = _given(form.cleaned_data, "position"), form.cleaned_data["version"]
        saved = _submit(
            form,
            lambda: services.option_update(
                actor=actor, indicator_code=code, option_code=option, version=version, changes=changes
            ),
        )
        if saved is not None:
            messages.success(request, _("Kind saved."))
            return redirect(_back_to_indicator(code))
    title = _("Kind “%(kind)s” of “%(name)s”") % {"kind": kind.name, "name": indicator.name}
    return _render_form(request, form, title, _back_to_indicator(code), indicator=indicator)


@login_required
@_domain_errors
@require_POST
def option_delete(request: HttpRequest, code: str, option: str) -> HttpResponse:
    actor = _manager(request)
    version = _version(request)
    return _post_and_return(
        request,
        lambda: services.option_delete(actor=actor, indicator_code=code, option_code=option, version=version),
        _("Kind %(code)s deleted.") % {"code": option},
        _back_to_indicator(code),
    )


# --- Rules ----------------------------------------------------------------------------------------


def _split(side: str) -> tuple[str, str]:
    code, _dot, option = side.partition(".")
    return code, option


@login_required
@_domain_errors
@require_http_methods(["GET", "POST"])
def rule_create(request: HttpRequest, code: str) -> HttpResponse:
    actor = _manager(request)
    indicator = cs.indicator_get(code)
    sides = cs.side_choices()
    form = RuleForm(request.POST or None, initial={"version": indicator.version, "left": code})
    form.fields["left"].choices = [c for c in sides if _split(c[0])[0] == code]  # type: ignore[attr-defined]
    form.fields["right"].choices = sides  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        (left, left_option), (right, right_option) = (
            _split(form.cleaned_data["left"]),
            _split(form.cleaned_data["right"]),
        )
        version, operator = form.cleaned_data["version"], form.cleaned_data["operator"]
        rule = _submit(
            form,
            lambda: services.rule_create(
                actor=actor,
                version=version,
                left=left,
                left_option=left_option,
                operator=operator,
                right=right,
                right_option=right_option,
            ),
            remap={"left_option": "left", "right_option": "right"},
        )
        if rule is not None:
            messages.success(request, _("Rule added; it is checked on every report and site from now on."))
            return redirect(_back_to_indicator(code))
    title = _("Add a rule to “%(name)s”") % {"name": indicator.name}
    return _render_form(request, form, title, _back_to_indicator(code), indicator=indicator)


@login_required
@_domain_errors
@require_POST
def rule_delete(request: HttpRequest, rule_id: int) -> HttpResponse:
    actor = _manager(request)
    rule = cs.rule_get(rule_id)
    version = _version(request)
    return _post_and_return(
        request,
        lambda: services.rule_delete(actor=actor, rule_id=rule_id, version=version),
        _("Rule %(rule)s deleted.") % {"rule": cs.rule_text(rule)},
        _back_to_indicator(rule.left.code),
    )


# --- Report forms ---------------------------------------------------------------------------------


@login_required
@_domain_errors
def form_list(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return render(request, "reporting/catalogue/forms.html", {"forms": cs.form_list_all()})


@login_required
@_domain_errors
@require_http_methods(["GET", "POST"])
def form_create(request: HttpRequest) -> HttpResponse:
    actor = _manager(request)
    form = ReportFormForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = _given(form.cleaned_data)
        created = _submit(form, lambda: services.form_create(actor=actor, data=data))
        if created is not None:
            messages.success(request, _("Report form added. Now choose its indicators and their order."))
            return redirect("reporting:catalogue_form_indicators", form_code=created.code)
    return _render_form(request, form, _("Add a report form"), reverse("reporting:catalogue_forms"))


@login_required
@_domain_errors
@require_http_methods(["GET", "POST"])
def form_edit(request: HttpRequest, form_code: str) -> HttpResponse:
    actor = _manager(request)
    report_form = cs.form_get_any(form_code)
    initial = {**services.form_snapshot(report_form), "version": report_form.version}
    form = ReportFormEditForm(request.POST or None, initial=initial)
    reported = cs.form_has_reports(report_form)
    if reported:
        for name in ("code", "period_type", "reporting_level"):
            form.fields[name].disabled = True
            form.fields[name].help_text = _("Fixed: units have already reported on this form.")
    if request.method == "POST" and form.is_valid():
        changes, version = _given(form.cleaned_data), form.cleaned_data["version"]
        saved = _submit(
            form, lambda: services.form_update(actor=actor, code=form_code, version=version, changes=changes)
        )
        if saved is not None:
            messages.success(request, _("Report form saved. New deadline settings apply to periods opened from now."))
            return redirect("reporting:catalogue_form_edit", form_code=saved.code)
    return _render_form(
        request,
        form,
        report_form.name,
        reverse("reporting:catalogue_forms"),
        report_form=report_form,
        note=_("Deadline settings apply to periods opened after the change; an open period keeps its dates."),
    )


@login_required
@_domain_errors
@require_http_methods(["GET", "POST"])
def form_indicators(request: HttpRequest, form_code: str) -> HttpResponse:
    """Tick the form's indicators and number their order; one with figures cannot be taken off."""
    actor = _manager(request)
    report_form = cs.form_get_any(form_code)
    current = cs.form_indicator_codes(report_form)
    indicators = list(cs.indicator_list_all())
    with_values = cs.form_indicators_with_values(report_form, [i.pk for i in indicators if i.code in current])
    error, version = "", report_form.version
    if request.method == "POST":
        chosen = set(request.POST.getlist("on"))
        order = {i.code: n for n, i in enumerate(indicators)}
        positions = {c: _position(request.POST.get(f"pos:{c}"), order[c]) for c in chosen if c in order}
        codes = sorted(positions, key=lambda c: (positions[c], order[c]))
        version = _version(request)  # kept on error: after a conflict only a reload clears it
        try:
            services.form_set_indicators(actor=actor, code=form_code, version=version, indicators=codes)
            messages.success(request, _("Indicators saved; open reports show the new lines at once."))
            return redirect("reporting:catalogue_form_indicators", form_code=form_code)
        except (ValidationFailed, Conflict) as exc:
            error = exc.message
        current = codes
    place = {c: (n + 1) * 10 for n, c in enumerate(current)}
    rows = [
        {"indicator": i, "on": i.code in place, "position": place.get(i.code, ""), "locked": i.pk in with_values}
        for i in indicators
    ]
    rows.sort(key=lambda r: (not r["on"], r["position"] if r["on"] else 0))
    return render(
        request,
        "reporting/catalogue/form_indicators.html",
        {"report_form": report_form, "rows": rows, "error": error, "version": version},
    )


def _position(raw: str | None, fallback: int) -> int:
    try:
        return int(raw or "")
    except ValueError:
        return 1_000_000 + fallback
