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


def approver_path(unit: Unit) -> str:
    """The path of the unit that approves `unit`'s reports: one level up the reporting chain
    (a commune's province, a province's nation)."""
    return PATH_SEPARATOR.join(unit.path.split(PATH_SEPARATOR)[: max(unit.level, 1)]) + PATH_SEPARATOR


def can_decide_report(actor: Actor, unit: Unit) -> bool:
    """Approval goes level by level: an officer of the unit one level up (the province for its
    communes, the Ministry for the provinces) approves or returns. The Ministry does not approve a
    commune's report over its province's head."""
    above = approver_path(unit)
    return unit.path != above and any(
        g.path == above and ROLE_RANK[g.role] >= ROLE_RANK[Role.OFFICER] for g in actor.grants
    )


def can_record_history(actor: Actor, unit: Unit) -> bool:
    """Past figures (a closed period) are recorded as approved, by an officer of any level above
    the unit (the Ministry loads past seasons of every commune at once)."""
    return any(
        unit.path.startswith(g.path) and g.path != unit.path and ROLE_RANK[g.role] >= ROLE_RANK[Role.OFFICER]
        for g in actor.grants
    )


def can_manage_periods(actor: Actor) -> bool:
    """Moving a period's dates (e.g. extending the entry window) is for officers at the nation."""
    return any(g.path.count(PATH_SEPARATOR) == 1 and ROLE_RANK[g.role] >= ROLE_RANK[Role.OFFICER] for g in actor.grants)
