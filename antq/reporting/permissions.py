"""Who may see and change results and reports.

Reports, values and summaries are visible to whoever's scope covers the unit. A unit's own
officers enter and submit its report; officers of a unit above approve or return it (a province
for its communes, the Ministry for the provinces). The catalogue and the report forms are read
by everyone signed in and changed only by administrators at the nation."""

from __future__ import annotations

from django.db.models import QuerySet

from antq.core.actor import ROLE_RANK, Actor, Role
from antq.core.tree import PATH_SEPARATOR
from antq.reporting.models import Report
from antq.units.models import Unit


def reports_visible_to(actor: Actor) -> QuerySet[Report]:
    return Report.objects.filter(actor.scope_q("unit__path"))


def can_enter_report(actor: Actor, unit: Unit) -> bool:
    return actor.has_role(unit, Role.OFFICER)


def can_decide_report(actor: Actor, unit: Unit) -> bool:
    """An officer at a strict ancestor of the reporting unit."""
    return any(
        unit.path.startswith(g.path) and g.path != unit.path and ROLE_RANK[g.role] >= ROLE_RANK[Role.OFFICER]
        for g in actor.grants
    )


def can_manage_catalogue(actor: Actor) -> bool:
    return any(g.path.count(PATH_SEPARATOR) == 1 and g.role == Role.ADMINISTRATOR for g in actor.grants)


def can_manage_periods(actor: Actor) -> bool:
    """Moving a period's dates (e.g. extending the entry window) is for officers at the nation."""
    return any(g.path.count(PATH_SEPARATOR) == 1 and ROLE_RANK[g.role] >= ROLE_RANK[Role.OFFICER] for g in actor.grants)
