"""The progress board: each unit one level below the plan's issuer with its plan, its sites (counted
by festivals through antq.plans.hooks), the plan's tasks and whether it is late."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from antq.accounts.models import User
from antq.core.actor import Actor
from antq.festivals.models import FestivalSite
from antq.plans import hooks, selectors
from antq.plans.models import Plan
from tests.plans.factories import TODAY, YEAR

pytestmark = pytest.mark.django_db


def test_tasks_done_and_overdue_on_the_board(api_as: Callable[[str], Client], cascade: dict[str, dict]) -> None:
    province = cascade["province"]
    client = api_as("khanhhoa.officer")
    added = client.post(
        f"/api/plans/{province['id']}/tasks",
        {
            "version": province["version"],
            "description": "Ban hành kế hoạch cấp xã",
            "due_on": f"{YEAR}-06-10",
            "reason": "Giao nhiệm vụ",
        },
        content_type="application/json",
    )
    assert added.status_code == 201, added.content
    task = added.json()
    done = api_as("camlam.officer").post(
        f"/api/plans/{province['id']}/tasks/{task['id']}/done",
        {"unit": "22453", "done_on": TODAY.isoformat()},
        content_type="application/json",
    )
    assert done.status_code == 201, done.content
    wrong_unit = api_as("camlam.officer").post(
        f"/api/plans/{province['id']}/tasks/{task['id']}/done", {"unit": "22453-0001"}, content_type="application/json"
    )
    assert wrong_unit.status_code == 422

    actor = Actor.of(User.objects.get(username="khanhhoa.viewer"))
    plan = Plan.objects.get(pk=province["id"])
    board = selectors.plan_board(actor=actor, plan=plan, today=dt.date(YEAR, 6, 20))
    rows = {row.code: row for row in board.rows}
    assert rows["22453"].tasks_done == 1 and rows["22453"].tasks_overdue == 0
    assert rows["22366"].tasks_overdue == 1 and rows["22366"].late
    late = selectors.plan_board(actor=actor, plan=plan, today=dt.date(YEAR, 6, 20), late_only=True)
    assert all(row.late for row in late.rows) and "22453" not in {r.code for r in late.rows}
    # Before any deadline nobody is late.
    early = selectors.plan_board(actor=actor, plan=plan, today=dt.date(YEAR, 5, 1))
    assert early.units_late == 0


def test_demo_season_board_counts_match_the_sites() -> None:

    central = Plan.objects.get(issuer__code="VN", year=2026)
    board = selectors.plan_board(actor=Actor.of(User.objects.get(username="bo.viewer")), plan=central)
    registered = FestivalSite.objects.filter(year=2026).exclude(state="cancelled").count()
    assert board.totals.sites_registered == registered > 200
    assert board.totals.pilot_sites >= 2
    assert {row.code for row in board.rows if row.own_plan_id} == {"42", "56"}
    rows = {row.code: row for row in board.rows}
    # Every province without a plan is late after the deadline; the two demo provinces are late
    # only through their communes that issued no plan or registered no site.
    assert all(row.late for code, row in rows.items() if code not in ("42", "56"))
    assert rows["56"].own_plan_id and 0 < rows["56"].communes_late < rows["56"].communes_total
    assert rows["56"].communes_with_plan < rows["56"].communes_total


def test_site_columns_count_each_state(actor: Callable[[str], Actor]) -> None:
    plan = Plan.objects.get(issuer__code="56", year=2026)
    board = selectors.plan_board(actor=actor("khanhhoa.viewer"), plan=plan)
    row = next(r for r in board.rows if r.code == "22453")
    sites = FestivalSite.objects.filter(commune__code="22453", year=2026)
    assert row.sites_registered == sites.exclude(state="cancelled").count() > 0
    assert row.sites_held == sites.filter(state__in=("held", "reported")).count()
    assert row.sites_reported == sites.filter(state="reported").count()
    assert row.sites_cancelled == sites.filter(state="cancelled").count()
    assert row.pilot_sites == sites.exclude(pilot_tier="").exclude(state="cancelled").count()


def test_without_a_site_counter_the_board_has_plans_and_tasks_only(
    actor: Callable[[str], Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plans does not depend on festivals: with nothing registered the site columns are empty."""
    monkeypatch.setattr(hooks, "_counters", [])
    plan = Plan.objects.get(issuer__code="56", year=2026)
    board = selectors.plan_board(actor=actor("khanhhoa.viewer"), plan=plan)
    assert board.totals.sites_registered == 0 and board.totals.tasks_total > 0
    assert board.units_with_plan > 0
