"""Who may see and change plans.

A plan is visible to everyone whose scope covers its issuer (any state), and, once issued, to
everyone below the issuer: a commune officer reads the central and province plans it works under.
Writes need an officer at the issuer. Drafts stay inside the issuer's subtree.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from antq.core.actor import Actor, Role
from antq.core.tree import PATH_SEPARATOR
from antq.plans.models import Plan, PlanQuerySet, PlanState, PlanTask, PlanTaskCompletion
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit, UnitKind

# Units that issue festival plans: the nation (central steering committee), provinces, communes.
ISSUER_KINDS = frozenset({UnitKind.NATION}) | PROVINCE_KINDS | COMMUNE_KINDS


def ancestor_paths(path: str) -> list[str]:
    """ "VN/42/18073/" -> ["VN/", "VN/42/"] (strict ancestors)."""
    codes = [c for c in path.split(PATH_SEPARATOR) if c]
    return [PATH_SEPARATOR.join(codes[:i]) + PATH_SEPARATOR for i in range(1, len(codes))]


def plans_visible_to(actor: Actor) -> PlanQuerySet:
    above: set[str] = set()
    for grant in actor.grants:
        above.update(ancestor_paths(grant.path))
    query = actor.scope_q("issuer__path")
    if above:
        query |= Q(issuer__path__in=sorted(above)) & ~Q(state=PlanState.DRAFT)
    return Plan.objects.filter(query)


def task_completions_visible_to(actor: Actor) -> QuerySet[PlanTaskCompletion]:
    """Completions recorded by units in the actor's area, of tasks of plans the actor sees."""
    return PlanTaskCompletion.objects.filter(actor.scope_q("unit__path"), task__plan__in=plans_visible_to(actor))


def can_write_plan(actor: Actor, plan: Plan) -> bool:
    return actor.has_role(plan.issuer, Role.OFFICER)


def can_issue_plans_at(actor: Actor, unit: Unit) -> bool:
    return unit.kind in ISSUER_KINDS and unit.is_current and actor.has_role(unit, Role.OFFICER)


def can_complete_task(actor: Actor, task: PlanTask | None, unit: Unit) -> bool:
    return actor.has_role(unit, Role.OFFICER)
