"""The Ministry moving a period's dates (its days are fixed by its key; periods open by
themselves with the form's default dates, `drafts.period_get_or_create`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.db import transaction
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import ValidationFailed
from antq.core.text import format_date
from antq.core.writes import bump_version, lock_for_write
from antq.reporting.reports import permissions
from antq.reporting.reports.models import ReportPeriod


@dataclass(frozen=True)
class PeriodDates:
    """The dates of a period the Ministry may move (its days are fixed by its key)."""

    cutoff_on: dt.date | None
    commune_deadline: dt.date | None
    province_deadline: dt.date | None
    closes_on: dt.date | None

    @classmethod
    def of(cls, period: ReportPeriod) -> PeriodDates:
        return cls(**{f.name: getattr(period, f.name) for f in fields(cls)})


@transaction.atomic
def period_update(*, actor: Actor, period_id: int, version: int, data: PeriodDates) -> ReportPeriod:
    """Move a period's cut-off, deadlines or closing date (e.g. keep entry open a week longer)."""
    period = lock_for_write(
        permissions.periods_visible_to(actor),
        period_id,
        version=version,
        allowed=lambda _p: permissions.can_manage_periods(actor),
        refusal=_("Only officers at the Ministry change a period's dates."),
        related=("form",),
    )
    errors = {name: _("Enter a date as dd/mm/yyyy.") for name, value in data.__dict__.items() if value is None}
    if errors:
        raise ValidationFailed(errors=errors)
    before = PeriodDates.of(period).__dict__
    for name, value in data.__dict__.items():
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
    bump_version(period, *before)
    audit_record(actor, "period.update", target=period, before=before, after=PeriodDates.of(period).__dict__)
    return period
