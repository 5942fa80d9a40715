"""Reading plans: one plan, filtered listings, the plans a new plan may cite, a plan's tasks and the
units where an actor may write plans. Every function takes the actor; missing and outside the
actor's area raise the same NotFound."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from antq.core.actor import Actor
from antq.core.text import normalise_search
from antq.core.writes import missing
from antq.plans import permissions
from antq.plans.models import IN_FORCE_STATES, Plan, PlanQuerySet, PlanTask
from antq.plans.permissions import plans_visible_to
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit, UnitKind

LEVEL_KINDS = {"nation": {UnitKind.NATION}, "province": PROVINCE_KINDS, "commune": COMMUNE_KINDS}


@dataclass(frozen=True)
class PlanFilter:
    year: int | None = None
    state: str = ""
    issuer_code: str = ""
    level: str = ""  # "nation", "province" or "commune"; "" for every level
    query: str = ""  # number or title, diacritics ignored


def plan_get(*, actor: Actor, plan_id: int) -> Plan:
    plan = (
        plans_visible_to(actor)
        .select_related("issuer", "issuer__province", "parent_plan", "parent_plan__issuer", "created_by")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise missing(Plan, plan_id)
    return plan


def plan_list(*, actor: Actor, filters: PlanFilter) -> PlanQuerySet:
    plans = plans_visible_to(actor).select_related("issuer", "parent_plan")
    if filters.year:
        plans = plans.filter(year=filters.year)
    if filters.state:
        plans = plans.filter(state=filters.state)
    if filters.issuer_code:
        plans = plans.filter(issuer__code=filters.issuer_code)
    if filters.level in LEVEL_KINDS:
        plans = plans.filter(issuer__kind__in=LEVEL_KINDS[filters.level])
    folded = normalise_search(filters.query)
    if folded:
        # values_list, not only(): the select_related above cannot defer the issuer it joins.
        matching = [
            pk
            for pk, number, symbol, title in plans.values_list("pk", "number", "symbol", "title")
            if folded in normalise_search(f"{number or ''}/{symbol} {title}")
        ]
        plans = plans.filter(pk__in=matching)
    return plans.order_by("-year", "issuer__level", "issuer__path", "-issued_on", "-id")


def plan_parent_choices(*, actor: Actor, issuer: Unit, year: int | None = None) -> PlanQuerySet:
    """Plans in force that a new plan of `issuer` may cite: the central plans for a province,
    the province's plans for a commune."""
    plans = plans_visible_to(actor).filter(state__in=IN_FORCE_STATES).select_related("issuer")
    if issuer.kind in PROVINCE_KINDS:
        plans = plans.filter(issuer__kind=UnitKind.NATION)
    elif issuer.kind in COMMUNE_KINDS:
        plans = plans.filter(issuer_id=issuer.province_id)
    else:
        return plans.none()
    if year:
        plans = plans.filter(year=year)
    return plans.order_by("-year", "-issued_on")


def plan_tasks(*, plan: Plan) -> list[PlanTask]:
    return list(plan.tasks.select_related("assignee").annotate(done=Count("completions")))


def issuers_of(*, actor: Actor, extra_code: str | None = None) -> list[Unit]:
    """The units of the actor's grants (and `extra_code`) where the actor may write plans."""
    codes = {g.unit_code for g in actor.grants}
    if extra_code:
        codes.add(extra_code)
    units = Unit.objects.filter(code__in=codes, kind__in=permissions.ISSUER_KINDS, closed_on__isnull=True)
    return [u for u in units.order_by("path") if permissions.can_issue_plans_at(actor, u)]
