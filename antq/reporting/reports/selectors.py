"""Reading periods and reports. Every selector takes the actor (or is called by one that did the
scope check): a unit or report outside the actor's area is missing (404). The page selectors
return what a page's template needs, with the actor's permissions answered here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import Forbidden, NotFound, ValidationFailed
from antq.core.writes import missing
from antq.plans.services import plan_defaults_for
from antq.reporting.catalogue.models import ReportForm, ReportingLevel
from antq.reporting.catalogue.permissions import can_manage_catalogue
from antq.reporting.catalogue.selectors import form_get, form_lines, form_list
from antq.reporting.reports import permissions
from antq.reporting.reports.completeness import completeness, reporting_unit
from antq.reporting.reports.drafts import period_get_or_create, prefill_for, today
from antq.reporting.reports.models import EDITABLE_STATES, NARRATIVE_SECTIONS, Report, ReportPeriod, ReportState
from antq.reporting.reports.periods import current_key, period_label, previous_keys
from antq.reporting.rollups.selectors import below_totals
from antq.reporting.values import Line
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

_REPORT_RELATED = ("period", "period__form", "form", "unit", "province", "commune", "submitted_by", "decided_by")


def unit_for(actor: Actor, code: str | None) -> Unit:
    """The unit a page is about: the given code inside the actor's scope, else the actor's home."""
    if not code:
        grant = actor.home_grant
        if grant is None:
            raise NotFound()
        code = grant.unit_code
    unit = Unit.objects.filter(code=code).select_related("province", "commune", "parent").first()
    if unit is None or not actor.covers(unit):
        raise missing(Unit, code)
    return unit


def period_for(form: ReportForm, key: str) -> ReportPeriod:
    """The form's period `key` (opened with the form's default dates the first time)."""
    return period_get_or_create(form=form, key=key)


def period_get(*, form_code: str, key: str) -> ReportPeriod:
    """A period for a page: an unknown form, or a key that is not one of the form's periods, is
    missing."""
    form = form_get(form_code)
    try:
        return period_get_or_create(form=form, key=key)
    except ValidationFailed as exc:
        raise NotFound(exc.message) from exc


@dataclass
class ReportLine:
    line: Line
    value: Decimal | None
    prefilled: Decimal | None
    overridden: bool
    note: str
    records_now: Decimal | None  # what the records say today (differs after submission)
    # A province's (or the nation's) report: the sum of the units below, approved and all entered.
    below_approved: Decimal | None = None
    below_all: Decimal | None = None

    @property
    def differs(self) -> bool:
        return self.records_now is not None and self.value is not None and self.records_now != self.value


def report_get(*, actor: Actor, report_id: int) -> Report:
    report = permissions.reports_visible_to(actor).select_related(*_REPORT_RELATED).filter(pk=report_id).first()
    if report is None:
        raise missing(Report, report_id)
    return report


def report_find(*, actor: Actor, period: ReportPeriod, unit: Unit) -> Report | None:
    """The unit's report for the period, if it has one (the unit must be in the actor's area)."""
    if not actor.covers(unit):
        raise NotFound()
    return Report.objects.filter(period=period, unit=unit).select_related(*_REPORT_RELATED).first()


def report_lines(report: Report) -> list[ReportLine]:
    """The report's figures line by line, with what the records say now and, in a province's
    report, what its communes entered (approved and all): the province's own boxes hold only its
    own records outside any commune, the official document adds the communes' approved figures."""
    lines = form_lines(report.form, report.period.year)
    stored = {(v.indicator.code, v.option): v for v in report.values.select_related("indicator")}
    records = prefill_for(report, lines)
    below = below_totals(form=report.form, period_key=report.period.key, unit=report.unit) if report.level < 2 else None
    result = []
    for line in lines:
        v = stored.get(line.key)
        result.append(
            ReportLine(
                line=line,
                value=v.value if v else None,
                prefilled=v.prefilled if v else None,
                overridden=v.overridden if v else False,
                note=v.note if v else "",
                records_now=records.get(line.key),
                below_approved=below[1].get(line.key, Decimal(0)) if below else None,
                below_all=below[0].get(line.key, Decimal(0)) if below else None,
            )
        )
    return result


def children_not_approved(report: Report) -> list[Unit]:
    """Communes of a province whose report for the period is not approved (province reports only)."""
    if report.level != 1 or report.form.reporting_level != ReportingLevel.COMMUNE:
        return []
    approved = Report.objects.filter(period=report.period, province=report.unit, level=2, state=ReportState.APPROVED)
    return list(
        Unit.objects.filter(province=report.unit, kind__in=COMMUNE_KINDS, closed_on__isnull=True)
        .exclude(pk__in=approved.values("unit_id"))
        .order_by("code")
    )


def reports_below(*, actor: Actor, period: ReportPeriod, unit: Unit) -> QuerySet[Report]:
    return (
        permissions.reports_visible_to(actor)
        .filter(period=period)
        .filter(Q(province=unit) if unit.kind in PROVINCE_KINDS else Q(pk__in=[]) if unit.level else Q(level=1))
        .select_related("unit")
    )


# --- Pages ---------------------------------------------------------------------------------------


def index_page(*, actor: Actor) -> dict[str, Any]:
    """The forms in use, each with the period whose reports are due now and the earlier ones."""
    now = timezone.localdate()
    forms = []
    for form in form_list():
        key = current_key(form.period_type, now)
        forms.append(
            {
                "form": form,
                "key": key,
                "label": period_label(form.period_type, key),
                "earlier": previous_keys(form.period_type, key, 4)[:-1][::-1],
            }
        )
    return {"forms": forms, "home": actor.home_grant, "can_manage": can_manage_catalogue(actor)}


LATE_STATES = ("missing", "draft", "returned")


def overview_page(*, actor: Actor, form_code: str, key: str, unit_code: str | None, state: str = "") -> dict[str, Any]:
    """A period under a unit: its dates, completeness, the unit's own report, the units one level
    down (filtered by `state`; "late": not submitted)."""
    period = period_get(form_code=form_code, key=key)
    unit = unit_for(actor, unit_code)
    total, rows = completeness(period=period, unit=unit, today=timezone.localdate())
    if state:
        rows = [r for r in rows if r.state == state or (state == "late" and r.state in LATE_STATES)]
    target = reporting_unit(unit)
    own = report_find(actor=actor, period=period, unit=target) if target else None
    return {
        "period": period,
        "report_form": period.form,
        "unit": unit,
        "total": total,
        "rows": rows,
        "state": state,
        "own": own,
        "target": target,
        "can_open": target is not None and own is None and permissions.can_open_report(actor, period.form, target),
        "can_manage_periods": permissions.can_manage_periods(actor),
        "can_import": unit.level <= 1 and permissions.can_enter_report(actor, unit),
        "deadline": period.deadline_for(unit.level + 1 if unit.level < 2 else 2),
        "today": timezone.localdate(),
    }


def period_dates_page(*, actor: Actor, form_code: str, key: str, unit_code: str | None) -> dict[str, Any]:
    """The overview of a period whose dates the actor moves (officers at the nation)."""
    context = overview_page(actor=actor, form_code=form_code, key=key, unit_code=unit_code)
    if not context["can_manage_periods"]:
        raise Forbidden(_("Only officers at the Ministry change a period's dates."))
    return context


def report_page(*, actor: Actor, form_code: str, key: str, unit_code: str) -> dict[str, Any]:
    """A unit's report for a period: its figures with what the records say now, and what the actor
    may do with it (start it, enter, submit, approve or return it, write the official report)."""
    period = period_get(form_code=form_code, key=key)
    unit = unit_for(actor, unit_code)
    report = report_find(actor=actor, period=period, unit=unit)
    context: dict[str, Any] = {
        "period": period,
        "report_form": period.form,
        "unit": unit,
        "report": report,
        "today": timezone.localdate(),
        "report_lines": [],
        "waiting": [],
    }
    if report is None:
        context["can_open"] = permissions.can_open_report(actor, period.form, unit)
        return context
    can_enter = permissions.can_enter_report(actor, unit)
    context.update(
        report_lines=(lines := report_lines(report)),
        below=report.level < 2 and any(r.below_all is not None for r in lines),
        editable=can_enter and report.state in EDITABLE_STATES and period.is_open(today()),
        can_enter=can_enter,
        can_decide=permissions.can_decide_report(actor, unit),
        waiting=children_not_approved(report) if report.level == 1 else [],
        narrative_sections=[(k, (report.narrative or {}).get(k, "")) for k in NARRATIVE_SECTIONS],
        doc_defaults=plan_defaults_for(unit),
        deadline=period.deadline_for(report.level),
    )
    return context
