"""Who may see and change reports and periods.

Reports and their values are visible to whoever's scope covers the unit. A unit's own officers
open, enter and submit its report; officers of a unit above approve or return it (a province for
its communes, the Ministry for the provinces). Periods are national: everyone signed in reads
them, officers at the nation move their dates. Which units file a report on a form is one rule
(`reports_on`), shared by the pages and the services."""

from __future__ import annotations

from django.db.models import QuerySet

from antq.core.actor import ROLE_RANK, Actor, Role
from antq.core.tree import PATH_SEPARATOR
from antq.reporting.catalogue.models import ReportForm, ReportingLevel
from antq.reporting.reports.models import Report, ReportPeriod
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit


def reports_visible_to(actor: Actor) -> QuerySet[Report]:
    """Reports of units in the actor's subtrees (one range on the unit's path)."""
    return Report.objects.filter(actor.scope_q("unit__path"))


def periods_visible_to(actor: Actor) -> QuerySet[ReportPeriod]:
    return ReportPeriod.objects.all()


def reports_on(form: ReportForm, unit: Unit) -> bool:
    """Whether `unit` files a report on `form`: a current province always, a current commune when
    communes report on the form."""
    if not unit.is_current:
        return False
    if unit.kind in PROVINCE_KINDS:
        return True
    return unit.kind in COMMUNE_KINDS and form.reporting_level == ReportingLevel.COMMUNE


def can_enter_report(actor: Actor, unit: Unit) -> bool:
    return actor.has_role(unit, Role.OFFICER)


def can_open_report(actor: Actor, form: ReportForm, unit: Unit) -> bool:
    """An officer of a unit that files a report on the form may start it."""
    return can_enter_report(actor, unit) and reports_on(form, unit)


def can_decide_report(actor: Actor, unit: Unit) -> bool:
    """An officer at a strict ancestor of the reporting unit."""
    return any(
        unit.path.startswith(g.path) and g.path != unit.path and ROLE_RANK[g.role] >= ROLE_RANK[Role.OFFICER]
        for g in actor.grants
    )


def can_manage_periods(actor: Actor) -> bool:
    """Moving a period's dates (e.g. extending the entry window) is for officers at the nation."""
    return any(g.path.count(PATH_SEPARATOR) == 1 and ROLE_RANK[g.role] >= ROLE_RANK[Role.OFFICER] for g in actor.grants)
