"""Report forms: their settings and the indicators they list, in order. A form's code, period type
and reporting level are fixed once units have reported on it; an indicator with figures on the
form cannot be taken off."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import ValidationFailed
from antq.core.writes import bump_version
from antq.reporting.catalogue import permissions
from antq.reporting.catalogue import selectors as cs
from antq.reporting.catalogue.models import FormIndicator, Indicator, ReportForm, ReportingLevel
from antq.reporting.catalogue.services.checks import (
    FORM_SPECS,
    catalogue_changed,
    changed_only,
    check_fields,
    label,
    lock_for_editing,
    require_manager,
    reserved,
    taken,
)
from antq.reporting.reports.models import ReportPeriod

FIXED_ONCE_REPORTED = ("code", "period_type", "reporting_level")


@dataclass(frozen=True)
class FormInput:
    """A report form's settings (deadlines in days after the period's end)."""

    code: str
    name: str
    period_type: str
    reporting_level: str
    name_en: str = ""
    basis: str = ""
    cutoff_days_before_end: int = 0
    commune_deadline_days: int = 5
    province_deadline_days: int = 10
    grace_days: int = 15
    is_active: bool = True

    @classmethod
    def of(cls, form: ReportForm) -> FormInput:
        return cls(**{f.name: getattr(form, f.name) for f in fields(cls)})


def form_snapshot(form: ReportForm) -> dict[str, Any]:
    return {f.name: getattr(form, f.name) for f in fields(FormInput)}


def _check_form(form: ReportForm, errors: dict[str, str]) -> None:
    if "code" not in errors:
        other = ReportForm.objects.filter(code=form.code).exclude(pk=form.pk).first()
        if reserved(form.code):
            errors["code"] = reserved(form.code)
        elif other is not None:
            errors["code"] = _("Code: %(code)s is already the code of “%(name)s”; choose another code.") % {
                "code": form.code,
                "name": other.name,
            }
    if (
        form.reporting_level == ReportingLevel.COMMUNE
        and "province_deadline_days" not in errors
        and "commune_deadline_days" not in errors
        and form.province_deadline_days < form.commune_deadline_days
    ):
        errors["province_deadline_days"] = _(
            "Province deadline: provinces add up their communes' reports, so give them at least %(n)s days (the "
            "communes' deadline)."
        ) % {"n": form.commune_deadline_days}


def _indicator_ids(codes: Sequence[str], errors: dict[str, str]) -> list[int]:
    """The ids of `codes` in order; unknown or repeated codes go into errors["indicators"]."""
    cleaned = [str(c).strip() for c in codes]
    found = dict(Indicator.objects.filter(code__in=cleaned).values_list("code", "pk"))
    unknown = [c for c in cleaned if c not in found]
    repeated = sorted({c for c in cleaned if cleaned.count(c) > 1})
    if unknown:
        errors["indicators"] = _("Indicators: there is no indicator with code %(codes)s.") % {
            "codes": ", ".join(unknown)
        }
    elif repeated:
        errors["indicators"] = _("Indicators: %(codes)s appear more than once; list each indicator once.") % {
            "codes": ", ".join(repeated)
        }
    return [found[c] for c in cleaned if c in found]


def _lock(actor: Actor, code: str, version: int) -> ReportForm:
    return lock_for_editing(permissions.forms_visible_to(actor), {"code": code}, actor=actor, version=version)


@transaction.atomic
def form_create(*, actor: Actor, data: FormInput, indicators: Sequence[str] = ()) -> ReportForm:
    """A new report form with its indicators in the order given. Its periods open by themselves."""
    require_manager(actor)
    errors: dict[str, str] = {}
    form = ReportForm(**check_fields(ReportForm, FORM_SPECS, data, errors))
    _check_form(form, errors)
    ids = _indicator_ids(indicators, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    try:
        with transaction.atomic():
            form.save()
    except IntegrityError as exc:
        raise ValidationFailed(errors=taken()) from exc
    FormIndicator.objects.bulk_create([FormIndicator(form=form, indicator_id=i, position=n) for n, i in enumerate(ids)])
    after = {**form_snapshot(form), "indicators": cs.form_indicator_codes(form)}
    audit_record(actor, "report_form.create", target=form, after=after)
    catalogue_changed()
    return form


@transaction.atomic
def form_update(*, actor: Actor, code: str, version: int, data: FormInput) -> ReportForm:
    """Change a form's settings. New deadline settings apply to periods opened afterwards; a
    period already open keeps its dates (the Ministry moves them on the period's page)."""
    form = _lock(actor, code, version)
    errors: dict[str, str] = {}
    values = check_fields(ReportForm, FORM_SPECS, data, errors)
    changed = {k: v for k, v in values.items() if getattr(form, k) != v}
    fixed = [k for k in FIXED_ONCE_REPORTED if k in changed]
    if fixed and cs.form_has_reports(form):
        for name in fixed:
            errors[name] = _(
                "%(field)s cannot change: units have already reported on this form. Set it out of use and add a "
                "new form instead."
            ) % {"field": label(ReportForm, name)}
    before = form_snapshot(form)
    for name, value in changed.items():
        setattr(form, name, value)
    _check_form(form, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    if not changed:
        return form
    if "period_type" in changed:
        # No report exists (checked above): periods opened under the old type mean other dates.
        ReportPeriod.objects.filter(form=form).delete()
    try:
        with transaction.atomic():
            bump_version(form, *changed)
    except IntegrityError as exc:
        raise ValidationFailed(errors=taken()) from exc
    was, now = changed_only(before, form_snapshot(form), changed)
    audit_record(actor, "report_form.update", target=form, before=was, after=now)
    catalogue_changed()
    return form


@transaction.atomic
def form_set_indicators(*, actor: Actor, code: str, version: int, indicators: Sequence[str]) -> ReportForm:
    """The form's indicators, in this order. Added ones appear as new lines in open reports at
    once; one with figures on this form in any period cannot be taken off."""
    form = _lock(actor, code, version)
    errors: dict[str, str] = {}
    ids = _indicator_ids(indicators, errors)
    if not errors and not ids:
        errors["indicators"] = _("Indicators: keep at least one; to stop using the form, set it out of use.")
    current = {fi.indicator_id: fi for fi in FormIndicator.objects.filter(form=form).select_related("indicator")}
    removed = [i for i in current if i not in ids]
    if not errors and removed:
        used = cs.form_indicators_with_values(form, removed)
        if used:
            errors["indicators"] = _(
                "Indicators: %(codes)s cannot be taken off this form: figures have been entered for them. Retire "
                "the indicator (active until) instead."
            ) % {"codes": ", ".join(sorted(current[i].indicator.code for i in used))}
    if errors:
        raise ValidationFailed(errors=errors)
    before = cs.form_indicator_codes(form)
    FormIndicator.objects.filter(form=form, indicator_id__in=removed).delete()
    for position, indicator_id in enumerate(ids):
        line = current.get(indicator_id)
        if line is None:
            FormIndicator.objects.create(form=form, indicator_id=indicator_id, position=position)
        elif line.position != position:
            FormIndicator.objects.filter(pk=line.pk).update(position=position)
    after = cs.form_indicator_codes(form)
    if after == before:
        return form
    bump_version(form)
    audit_record(
        actor, "report_form.indicators", target=form, before={"indicators": before}, after={"indicators": after}
    )
    catalogue_changed()
    return form
