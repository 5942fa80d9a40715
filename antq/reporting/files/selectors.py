"""What the file pages need: the report whose official document is asked for, and the import
page of a period for a unit's subtree (both inside the actor's area, or missing)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import Forbidden, NotFound
from antq.reporting.reports.drafts import today
from antq.reporting.reports.models import Report
from antq.reporting.reports.permissions import can_enter_report
from antq.reporting.reports.selectors import period_get, report_find, unit_for

DOCUMENT_FORMATS = ("docx", "pdf")


def document_report(*, actor: Actor, form_code: str, key: str, unit_code: str, extension: str) -> Report:
    """The report whose official document is asked for, as .docx or PDF."""
    period = period_get(form_code=form_code, key=key)
    report = report_find(actor=actor, period=period, unit=unit_for(actor, unit_code))
    if report is None:
        raise NotFound(_("This unit has not started its report for the period."))
    if extension not in DOCUMENT_FORMATS:
        raise NotFound()
    return report


def import_page(*, actor: Actor, form_code: str, key: str, unit_code: str | None) -> dict[str, Any]:
    """The import page of a period for a unit's subtree (officers)."""
    period = period_get(form_code=form_code, key=key)
    unit = unit_for(actor, unit_code)
    if not can_enter_report(actor, unit):
        raise Forbidden(_("Importing figures is for officers; your role at %(unit)s is not.") % {"unit": unit.name})
    return {"period": period, "report_form": period.form, "unit": unit, "historical": today() > period.closes_on}
