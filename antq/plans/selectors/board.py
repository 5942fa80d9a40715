"""The progress board of a plan: each unit one level below its issuer with its own plan, its
festival sites, the plan's tasks and whether it is late.

Sites are counted by the app that owns them (festivals registers the counter with
`antq.plans.hooks`; plans may not import it): one grouped query per level, whatever the size."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.plans import hooks
from antq.plans.models import IN_FORCE_STATES, Plan, PlanState, PlanTask, PlanTaskCompletion
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit, UnitKind

ISSUED_STATES = (*IN_FORCE_STATES, PlanState.CLOSED)


@dataclass
class BoardRow:
    unit_id: int
    code: str
    name: str
    kind: str
    own_plan_id: int | None = None
    own_plan_reference: str = ""
    own_plan_state: str = ""
    communes_total: int = 0
    communes_with_plan: int = 0
    communes_late: int = 0
    sites_registered: int = 0
    sites_held: int = 0
    sites_reported: int = 0
    sites_cancelled: int = 0
    pilot_sites: int = 0
    tasks_total: int = 0
    tasks_done: int = 0
    tasks_overdue: int = 0
    late_reasons: list[str] = field(default_factory=list)

    @property
    def late(self) -> bool:
        return bool(self.late_reasons)


@dataclass
class Board:
    plan: Plan
    today: dt.date
    rows: list[BoardRow]
    totals: BoardRow
    lower_label: str
    shows_communes: bool
    units_with_plan: int = 0
    units_late: int = 0


def plan_board(*, actor: Actor, plan: Plan, today: dt.date | None = None, late_only: bool = False) -> Board:
    """Each unit one level below the plan's issuer (inside the actor's scope): its own plan,
    its sites registered/held/reported, the plan's tasks done or overdue, and whether it is late.

    For the central plan the rows are provinces with their communes' figures summed (communes with
    a plan, communes late); for a province plan, communes; for a commune plan, its villages and
    organisations. A handful of grouped queries whatever the size (make bench: central plan over
    3,321 communes)."""
    today = today or timezone.localdate()
    issuer = plan.issuer
    scope = actor.scope_q("path")
    if issuer.kind == UnitKind.NATION:
        rows = _rows(Unit.objects.filter(scope, kind__in=PROVINCE_KINDS, closed_on__isnull=True))
        communes = list(
            Unit.objects.filter(scope, kind__in=COMMUNE_KINDS, closed_on__isnull=True).values_list("pk", "province_id")
        )
        commune_rows = {pk: BoardRow(unit_id=pk, code="", name="", kind="") for pk, _p in communes}
        province_plans = Plan.objects.filter(parent_plan=plan, state__in=ISSUED_STATES)
        _fill_own_plans(rows, province_plans)
        _fill_own_plans(commune_rows, Plan.objects.filter(parent_plan__in=province_plans, state__in=ISSUED_STATES))
        # Scope as a path range on the site's unit (no filter at all for a national grant), not a
        # 3,321-item IN list.
        _fill_sites(commune_rows, plan.year, "commune_id", actor.scope_q("unit__path") & Q(commune__isnull=False))
        _fill_tasks(rows, list(PlanTask.objects.filter(plan=plan)), today)
        _fill_tasks(
            commune_rows,
            list(PlanTask.objects.filter(plan__in=province_plans).select_related("plan")),
            today,
            province_of=dict(communes),
        )
        # A commune's deadlines are its province plan's, or the central plan's window start.
        province_due = {
            issuer_id: (plan_due, sites_due, per_commune)
            for issuer_id, plan_due, sites_due, per_commune in province_plans.filter(
                state__in=IN_FORCE_STATES
            ).values_list("issuer_id", "lower_plan_due_on", "site_registration_due_on", "target_sites_per_commune")
        }
        for pk, province_id in communes:
            plan_due, sites_due, per_commune = province_due.get(province_id, (None, None, None))
            _judge(
                commune_rows[pk],
                plan_due=plan_due or plan.window_start,
                sites_due=sites_due or plan.site_registration_due_on or plan.window_start,
                per_commune=per_commune or plan.target_sites_per_commune,
                today=today,
                is_commune=True,
            )
        for pk, province_id in communes:
            target = rows.get(province_id)
            crow = commune_rows[pk]
            if target is None:
                continue
            target.communes_total += 1
            target.communes_with_plan += 1 if crow.own_plan_id else 0
            target.communes_late += 1 if crow.late else 0
            for name in ("sites_registered", "sites_held", "sites_reported", "sites_cancelled", "pilot_sites"):
                setattr(target, name, getattr(target, name) + getattr(crow, name))
        # Province-level sites (organisations under a province) count in the province too.
        _fill_sites(rows, plan.year, "province_id", Q(commune__isnull=True, province_id__in=list(rows)))
        for row in rows.values():
            _judge(
                row,
                plan_due=plan.lower_plan_due_on or plan.window_start,
                sites_due=None,
                per_commune=None,
                today=today,
                is_commune=False,
            )
            if row.communes_late:
                row.late_reasons.append(_("%(n)s commune(s) late") % {"n": row.communes_late})
        lower_label, shows_communes = _("Province"), True
    elif issuer.kind in PROVINCE_KINDS:
        rows = _rows(Unit.objects.filter(scope, province=issuer, kind__in=COMMUNE_KINDS, closed_on__isnull=True))
        _fill_own_plans(rows, Plan.objects.filter(parent_plan=plan, state__in=ISSUED_STATES))
        _fill_sites(rows, plan.year, "commune_id", Q(province_id=issuer.pk))
        _fill_tasks(rows, list(PlanTask.objects.filter(plan=plan)), today)
        for row in rows.values():
            _judge(
                row,
                plan_due=plan.lower_plan_due_on or plan.window_start,
                sites_due=plan.site_registration_due_on or plan.window_start,
                per_commune=plan.target_sites_per_commune,
                today=today,
                is_commune=True,
            )
        lower_label, shows_communes = _("Commune"), False
    else:
        rows = _rows(Unit.objects.filter(scope, parent=issuer, closed_on__isnull=True))
        _fill_sites(rows, plan.year, "unit_id", Q(commune_id=issuer.pk))
        _fill_tasks(rows, list(PlanTask.objects.filter(plan=plan)), today)
        for row in rows.values():
            _judge(row, plan_due=None, sites_due=None, per_commune=None, today=today, is_commune=False)
        lower_label, shows_communes = _("Unit"), False
    ordered = sorted(rows.values(), key=lambda r: r.code)
    totals = BoardRow(unit_id=0, code="", name=_("Total"), kind="")
    for row in ordered:
        for name in (
            "communes_total",
            "communes_with_plan",
            "communes_late",
            "sites_registered",
            "sites_held",
            "sites_reported",
            "sites_cancelled",
            "pilot_sites",
            "tasks_total",
            "tasks_done",
            "tasks_overdue",
        ):
            setattr(totals, name, getattr(totals, name) + getattr(row, name))
    with_plan = sum(1 for row in ordered if row.own_plan_id)
    late = sum(1 for row in ordered if row.late)
    if late_only:
        ordered = [row for row in ordered if row.late]
    return Board(
        plan=plan,
        today=today,
        rows=ordered,
        totals=totals,
        lower_label=lower_label,
        shows_communes=shows_communes,
        units_with_plan=with_plan,
        units_late=late,
    )


def _rows(units: QuerySet[Unit]) -> dict[int, BoardRow]:
    return {
        pk: BoardRow(unit_id=pk, code=code, name=name, kind=kind)
        for pk, code, name, kind in units.values_list("pk", "code", "name", "kind")
    }


def _fill_own_plans(rows: dict[int, BoardRow], plans: QuerySet[Plan]) -> None:
    for issuer_id, pk, number, symbol, state in plans.values_list(
        "issuer_id", "pk", "number", "symbol", "state"
    ).order_by("issued_on", "pk"):
        row = rows.get(issuer_id)
        if row is not None and (row.own_plan_id is None or state in IN_FORCE_STATES):
            row.own_plan_id, row.own_plan_reference, row.own_plan_state = pk, f"{number}/{symbol}", state


def _fill_sites(rows: dict[int, BoardRow], year: int, group: str, where: Q) -> None:
    for key, counts in hooks.site_counts(year=year, group=group, where=where).items():
        row = rows.get(key)
        if row is None:
            continue
        row.sites_registered += counts.registered
        row.sites_held += counts.held
        row.sites_reported += counts.reported
        row.sites_cancelled += counts.cancelled
        row.pilot_sites += counts.pilots


def _fill_tasks(
    rows: dict[int, BoardRow], task_list: list[PlanTask], today: dt.date, province_of: dict[int, int] | None = None
) -> None:
    """Count tasks applying to each row: a plan's tasks (assignee null = every row) or, with
    `province_of` (commune -> province), province-plan tasks applying to that province's communes."""
    if not task_list:
        return
    done = set(PlanTaskCompletion.objects.filter(task__in=[t.pk for t in task_list]).values_list("task_id", "unit_id"))
    # Tasks for every unit one level below, grouped by the province whose communes they apply to
    # (None: they apply to every row), so each row looks only at its own.
    general: dict[int | None, list[PlanTask]] = defaultdict(list)
    for task in task_list:
        if task.assignee_id is None:
            general[task.plan.issuer_id if province_of is not None else None].append(task)
    if general:
        for row in rows.values():
            key = province_of.get(row.unit_id) if province_of is not None else None
            for task in general.get(key, ()):
                _count_task(row, task, (task.pk, row.unit_id) in done, today)
    for task in task_list:
        if task.assignee_id is not None and task.assignee_id in rows:
            _count_task(rows[task.assignee_id], task, (task.pk, task.assignee_id) in done, today)


def _count_task(row: BoardRow, task: PlanTask, is_done: bool, today: dt.date) -> None:
    row.tasks_total += 1
    if is_done:
        row.tasks_done += 1
    elif task.due_on < today:
        row.tasks_overdue += 1


def _judge(
    row: BoardRow,
    *,
    plan_due: dt.date | None,
    sites_due: dt.date | None,
    per_commune: int | None,
    today: dt.date,
    is_commune: bool,
) -> None:
    if plan_due is not None and row.own_plan_id is None and today > plan_due:
        row.late_reasons.append(_("no plan issued"))
    if is_commune and sites_due is not None and today > sites_due:
        needed = per_commune or 1
        if row.sites_registered < needed:
            row.late_reasons.append(
                _("%(have)s of %(need)s site(s) registered") % {"have": row.sites_registered, "need": needed}
            )
    if row.tasks_overdue:
        row.late_reasons.append(_("%(n)s task(s) overdue") % {"n": row.tasks_overdue})
