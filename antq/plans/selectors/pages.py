"""What the plan pages show, with the actor's permissions answered here: views only pick the page,
call a service and render. Each raises NotFound outside the actor's area and Forbidden where the
actor sees the plan but may not do what the page is for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import Forbidden, NotFound, ValidationFailed
from antq.plans import permissions
from antq.plans.models import IN_FORCE_STATES, Plan, PlanState, PlanTaskCompletion, units_one_level_below
from antq.plans.selectors.board import plan_board
from antq.plans.selectors.plans import PlanFilter, issuers_of, plan_get, plan_list, plan_parent_choices, plan_tasks
from antq.plans.wording import plan_basis_sentence, plan_defaults_for
from antq.units.models import Unit

Choices = list[tuple[Any, str]]


def _refused(plan: Plan) -> Forbidden:
    return Forbidden(_("Your role at %(unit)s does not allow writing its plans.") % {"unit": plan.issuer.name})


def parent_choices(*, actor: Actor, issuer: Unit) -> Choices:
    """The plans a plan of `issuer` may cite, as form choices ("—" first)."""
    plans = plan_parent_choices(actor=actor, issuer=issuer)
    return [("", "—"), *((p.pk, f"{p.reference} ({p.year}) – {p.title[:80]}") for p in plans)]


def plan_for_writing(*, actor: Actor, plan_id: int) -> Plan:
    plan = plan_get(actor=actor, plan_id=plan_id)
    if not permissions.can_write_plan(actor, plan):
        raise _refused(plan)
    return plan


def plan_create_page(*, actor: Actor, issuer_code: str | None, year: int | None) -> dict[str, Any]:
    """The issuers the actor may write for, the plans the chosen one may cite, and the initial
    values: the issuer's usual header lines, and the window and title of the plan it implements."""
    issuers = issuers_of(actor=actor, extra_code=issuer_code)
    if not issuers:
        raise Forbidden(_("Your roles do not allow writing plans."))
    issuer = next((u for u in issuers if u.code == issuer_code), issuers[0])
    initial: dict[str, Any] = {
        "issuer": issuer.code,
        "year": year or timezone.localdate().year,
        **plan_defaults_for(issuer),
    }
    parent = plan_parent_choices(actor=actor, issuer=issuer).first()
    if parent is not None:
        initial.update(
            parent_plan=parent.pk,
            window_start=parent.window_start,
            window_end=parent.window_end,
            year=parent.year,
            title=parent.title,
        )
    return {
        "issuers": [(u.code, u.name) for u in issuers],
        "parents": parent_choices(actor=actor, issuer=issuer),
        "initial": initial,
    }


def plan_edit_page(*, actor: Actor, plan_id: int) -> dict[str, Any]:
    plan = plan_for_writing(actor=actor, plan_id=plan_id)
    initial = {**plan.content_snapshot(), "version": plan.version, "parent_plan": plan.parent_plan_id}
    initial["symbol"] = plan.symbol
    return {"plan": plan, "initial": initial, "parents": parent_choices(actor=actor, issuer=plan.issuer)}


def plan_for_amending(*, actor: Actor, plan_id: int) -> Plan:
    plan = plan_for_writing(actor=actor, plan_id=plan_id)
    if plan.state not in IN_FORCE_STATES:
        raise ValidationFailed(_("Only a plan in force can be amended."))
    return plan


def plan_detail_page(*, actor: Actor, plan_id: int, writing: bool = False) -> dict[str, Any]:
    """The plan, its tasks with the parts the actor's units may mark done, its revisions and the
    plans implementing it. `writing`: the page comes back after an action on the plan itself,
    which needs the right to write it."""
    plan = plan_for_writing(actor=actor, plan_id=plan_id) if writing else plan_get(actor=actor, plan_id=plan_id)
    tasks = plan_tasks(plan=plan)
    # Units below the issuer where the actor works: they mark their own part of each task done.
    grant_codes = [g.unit_code for g in actor.grants]
    my_units = [
        u
        for u in units_one_level_below(plan.issuer).filter(code__in=grant_codes)
        if permissions.can_complete_task(actor, None, u)
    ]
    done = set(PlanTaskCompletion.objects.filter(task__plan=plan, unit__in=my_units).values_list("task_id", "unit_id"))
    for task in tasks:
        task.mine = [  # type: ignore[attr-defined]
            (u, (task.pk, u.pk) in done) for u in my_units if task.assignee_id in (None, u.pk)
        ]
    in_force = plan.state in IN_FORCE_STATES
    return {
        "plan": plan,
        "can_write": permissions.can_write_plan(actor, plan),
        "tasks": tasks,
        "revisions": plan.revisions.select_related("created_by").order_by("-revision"),
        "children": plan.child_plans.select_related("issuer")
        .exclude(state=PlanState.DRAFT)
        .order_by("issuer__path")[:200],
        "basis": plan_basis_sentence(plan),
        "my_units": my_units,
        "in_force": in_force,
        "can_write_below": in_force and bool(issuers_of(actor=actor)),
        "today": timezone.localdate(),
    }


def plan_list_page(*, actor: Actor, filters: PlanFilter, page: str | None) -> dict[str, Any]:
    plans = plan_list(actor=actor, filters=filters)
    return {"page": Paginator(plans, 50).get_page(page), "can_write": bool(issuers_of(actor=actor))}


def plan_attachment(*, actor: Actor, plan_id: int) -> FieldFile:
    """The signed scan of a plan the actor sees."""
    plan = plan_get(actor=actor, plan_id=plan_id)
    if not plan.attachment:
        raise NotFound(_("This plan has no signed scan attached."))
    return plan.attachment


def plan_board_page(*, actor: Actor, plan_id: int, late_only: bool, today: dt.date | None = None) -> dict[str, Any]:
    plan = plan_get(actor=actor, plan_id=plan_id)
    board = plan_board(actor=actor, plan=plan, today=today, late_only=late_only)
    return {"plan": plan, "board": board, "late_only": late_only}
