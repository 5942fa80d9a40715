"""Writing the tasks a plan assigns below: add and remove them (part of the plan: on a plan in
force each change is an amendment with its reason and a new revision), and record a unit's part
done or undo it (an officer of that unit).

Adding and removing lock the plan (`lock_plan`: 404 outside the actor's area, 403 without an
officer's role at the issuer, 409 on a stale version of the plan). Recording looks the plan up
among those the actor sees and the unit in the actor's area (404 otherwise) before the role.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import Forbidden, ValidationFailed
from antq.core.text import format_date
from antq.core.writes import bump_version, lock_for_write, missing
from antq.plans import permissions
from antq.plans.models import (
    IN_FORCE_STATES,
    Plan,
    PlanState,
    PlanTask,
    PlanTaskCompletion,
    units_one_level_below,
)
from antq.plans.services.plans import lock_plan, new_revision
from antq.units.models import Unit


@dataclass(frozen=True)
class TaskInput:
    """A task as written: what is to be done, by when, and by whom (a unit code below the issuer;
    None for every unit one level below)."""

    description: str
    due_on: dt.date | None
    assignee_code: str | None = None


def _task_errors(plan: Plan, data: TaskInput) -> tuple[Unit | None, dict[str, str]]:
    errors: dict[str, str] = {}
    if not data.description.strip():
        errors["description"] = _("Describe the task, e.g. “Ban hành kế hoạch cấp xã”.")
    if data.due_on is None:
        errors["due_on"] = _("Enter the date the task is due.")
    elif data.due_on.year != plan.year:
        errors["due_on"] = _("The due date must lie in %(year)s, the plan's year.") % {"year": plan.year}
    assignee = None
    if data.assignee_code:
        assignee = Unit.objects.filter(code=data.assignee_code).first()
        if assignee is None:
            errors["assignee"] = _("Unit %(code)s does not exist.") % {"code": data.assignee_code}
        elif not (assignee.path.startswith(plan.issuer.path) and assignee.pk != plan.issuer_id and assignee.is_current):
            errors["assignee"] = _("Assign the task to a unit below %(unit)s.") % {"unit": plan.issuer.name}
    return assignee, errors


@transaction.atomic
def task_add(*, actor: Actor, plan_id: int, version: int, data: TaskInput, reason: str = "") -> PlanTask:
    """Add a task. On a draft it is simply added; on a plan in force it is an amendment (a reason
    is required) and a new revision is kept."""
    plan = lock_plan(actor, plan_id, version)
    if plan.state == PlanState.CLOSED:
        raise ValidationFailed(_("This plan is closed."))
    assignee, errors = _task_errors(plan, data)
    in_force = plan.state in IN_FORCE_STATES
    if in_force and not reason.strip():
        errors["reason"] = _("The plan is in force: say why the task is added; it is kept in the history.")
    if errors:
        raise ValidationFailed(errors=errors)
    assert data.due_on is not None  # _task_errors refuses a task without its date
    position = (plan.tasks.aggregate(n=Max("position"))["n"] or 0) + 1
    description = data.description.strip()
    task = PlanTask.objects.create(
        plan=plan, assignee=assignee, description=description, due_on=data.due_on, position=position
    )
    change = {"after": {"task": description, "due_on": data.due_on, "assignee": data.assignee_code}}
    _record_task_change(actor=actor, plan=plan, action="plan.task_add", reason=reason, change=change)
    return task


@transaction.atomic
def task_remove(*, actor: Actor, plan_id: int, task_id: int, version: int, reason: str = "") -> None:
    """Remove a task (on a plan in force: an amendment with its reason)."""
    plan = lock_plan(actor, plan_id, version)
    task = plan.tasks.filter(pk=task_id).first()
    if task is None:
        raise missing(PlanTask, task_id)
    if plan.state == PlanState.CLOSED:
        raise ValidationFailed(_("This plan is closed."))
    if plan.state in IN_FORCE_STATES and not reason.strip():
        raise ValidationFailed(errors={"reason": _("The plan is in force: say why the task is removed.")})
    description = task.description
    task.delete()
    change = {"before": {"task": description}}
    _record_task_change(actor=actor, plan=plan, action="plan.task_remove", reason=reason, change=change)


def _record_task_change(*, actor: Actor, plan: Plan, action: str, reason: str, change: dict[str, Any]) -> None:
    """Tasks are part of the plan: on a plan in force a change is an amendment (a new revision);
    on a draft it moves the version on and is audited."""
    if plan.state in IN_FORCE_STATES:
        new_revision(actor=actor, plan=plan, action=action, before=plan.content_snapshot(), reason=reason.strip())
        return
    bump_version(plan)
    audit_record(actor, action, target=plan, **change)


def _visible_task(actor: Actor, plan_id: int, task_id: int) -> PlanTask:
    plan = permissions.plans_visible_to(actor).select_related("issuer").filter(pk=plan_id).first()
    if plan is None:
        raise missing(Plan, plan_id)
    task = plan.tasks.select_related("assignee").filter(pk=task_id).first()
    if task is None:
        raise missing(PlanTask, task_id)
    task.plan = plan
    return task


@transaction.atomic
def task_complete(
    *, actor: Actor, plan_id: int, task_id: int, unit_code: str, done_on: dt.date | None = None, note: str = ""
) -> PlanTaskCompletion:
    """Record that `unit_code` has done its part of a task (an officer there)."""
    task = _visible_task(actor, plan_id, task_id)
    unit = Unit.objects.filter(code=unit_code, closed_on__isnull=True).first()
    if unit is None or not actor.covers(unit):
        raise missing(Unit, unit_code)
    if not permissions.can_complete_task(actor, task, unit):
        raise Forbidden(_("Your role at %(unit)s does not allow recording this.") % {"unit": unit.name})
    applies = (
        unit.pk == task.assignee_id
        if task.assignee_id
        else units_one_level_below(task.plan.issuer).filter(pk=unit.pk).exists()
    )
    if not applies:
        raise ValidationFailed(errors={"unit": _("This task is not assigned to %(unit)s.") % {"unit": unit.name}})
    if task.plan.state not in IN_FORCE_STATES:
        raise ValidationFailed(_("Tasks are recorded while the plan is in force."))
    today = timezone.localdate()
    done_on = done_on or today
    if done_on > today:
        raise ValidationFailed(errors={"done_on": _("The date done cannot be in the future.")})
    completion, created = PlanTaskCompletion.objects.get_or_create(
        task=task, unit=unit, defaults={"done_on": done_on, "note": note.strip()[:500], "recorded_by": actor.user}
    )
    if not created:
        raise ValidationFailed(
            _("%(unit)s already recorded this task as done on %(date)s.")
            % {"unit": unit.name, "date": format_date(completion.done_on)}
        )
    audit_record(
        actor,
        "plan.task_complete",
        target=completion,
        after={"unit": unit.code, "done_on": done_on, "note": completion.note},
    )
    return completion


@transaction.atomic
def task_reopen(*, actor: Actor, plan_id: int, task_id: int, unit_code: str) -> None:
    """Undo a unit's completion of a task (an officer of that unit)."""
    completion = lock_for_write(
        permissions.task_completions_visible_to(actor).filter(task__plan_id=plan_id),
        {"task_id": task_id, "unit__code": unit_code},
        version=None,
        allowed=lambda c: permissions.can_complete_task(actor, c.task, c.unit),
        refusal=lambda c: _("Your role at %(unit)s does not allow recording this.") % {"unit": c.unit.name},
        related=("unit", "task"),
    )
    audit_record(
        actor, "plan.task_reopen", target=completion, before={"unit": unit_code, "done_on": completion.done_on}
    )
    completion.delete()
