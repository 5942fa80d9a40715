"""Report periods: their default dates from the form, creation on first use, and moves by the Ministry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_entry
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.text import format_date
from antq.festivals.models import SiteState
from antq.reporting import permissions
from antq.reporting.models import (
    ReportForm,
    ReportPeriod,
)
from antq.reporting.periods import parse_period

ZERO = Decimal(0)
HELD_STATES = (SiteState.HELD, SiteState.REPORTED)


def today() -> dt.date:
    return timezone.localdate()


# --- Periods ---------------------------------------------------------------------------------


def period_dates(form: ReportForm, key: str) -> dict[str, Any]:
    year, start, end = parse_period(form.period_type, key)
    cutoff = max(start, end - dt.timedelta(days=form.cutoff_days_before_end))
    commune_deadline = end + dt.timedelta(days=form.commune_deadline_days)
    province_deadline = max(commune_deadline, end + dt.timedelta(days=form.province_deadline_days))
    return {
        "year": year,
        "starts_on": start,
        "ends_on": end,
        "cutoff_on": cutoff,
        "commune_deadline": commune_deadline,
        "province_deadline": province_deadline,
        "closes_on": province_deadline + dt.timedelta(days=form.grace_days),
    }


def period_get_or_create(*, form: ReportForm, key: str) -> ReportPeriod:
    """The form's period `key`, created with the form's default dates the first time it is used."""
    period = ReportPeriod.objects.filter(form=form, key=key).select_related("form").first()
    if period is not None:
        return period
    dates = period_dates(form, key)
    with transaction.atomic():
        period, _created = ReportPeriod.objects.get_or_create(form=form, key=key, defaults=dates)
    period.form = form
    return period


@transaction.atomic
def period_update(*, actor: Actor, period_id: int, version: int, dates: Mapping[str, dt.date | None]) -> ReportPeriod:
    """Move a period's cut-off, deadlines or closing date (e.g. keep entry open a week longer)."""
    if not permissions.can_manage_periods(actor):
        raise Forbidden(_("Only officers at the Ministry change a period's dates."))
    try:
        period = ReportPeriod.objects.select_for_update().select_related("form").get(pk=period_id)
    except ReportPeriod.DoesNotExist as exc:
        raise NotFound() from exc
    if period.version != version:
        raise Conflict(_("Someone else changed this period after you opened it. Reload it and try again."))
    before = {name: getattr(period, name) for name in dates}
    errors: dict[str, str] = {}
    for name, value in dates.items():
        if value is None:
            errors[name] = _("Enter a date as dd/mm/yyyy.")
    if errors:
        raise ValidationFailed(errors=errors)
    for name, value in dates.items():
        setattr(period, name, value)
    if period.cutoff_on < period.starts_on:
        errors["cutoff_on"] = _("The cut-off date cannot be before the period starts (%(d)s).") % {
            "d": format_date(period.starts_on)
        }
    if period.commune_deadline < period.cutoff_on:
        errors["commune_deadline"] = _("The commune deadline cannot be before the cut-off date.")
    if period.province_deadline < period.commune_deadline:
        errors["province_deadline"] = _("The province deadline cannot be before the commune deadline.")
    if period.closes_on < period.province_deadline:
        errors["closes_on"] = _("Entry cannot close before the province deadline.")
    if errors:
        raise ValidationFailed(errors=errors)
    period.version = F("version") + 1
    period.save()
    period.refresh_from_db()
    audit_entry(
        actor=actor.user,
        action="period.update",
        target_type="report_period",
        target_id=period.pk,
        target_label=f"{period.form.name} · {period.label}",
        scope_path="VN/",
        before=before,
        after={name: getattr(period, name) for name in dates},
    )
    return period
