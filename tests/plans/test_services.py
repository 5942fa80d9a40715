"""The plan services called directly, as the views, the API and the demo call them: the write kernel's
order (outside the actor's area 404, seen but not writable 403, stale 409), the plan's header
(Decree 30/2020 through core.documents.header) and the inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.models import AuditEntry
from antq.plans import hooks, services
from antq.plans.models import Plan, PlanState, PlanTaskCompletion
from antq.plans.services import PlanInput, TaskInput

pytestmark = pytest.mark.django_db

SEASON = 2026


def season_plan(code: str) -> Plan:
    return Plan.objects.get(issuer__code=code, year=SEASON)


def draft_of(actor: Actor, code: str, parent: Plan, **fields: Any) -> Plan:
    data = PlanInput(
        title="Kế hoạch kiểm thử",
        window_start=parent.window_start,
        window_end=parent.window_end,
        parent_plan_id=parent.pk,
        **fields,
    )
    return services.plan_create(actor=actor, issuer_code=code, data=data)


def scan() -> SimpleUploadedFile:
    return SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed", "application/pdf")


# Every service that changes a plan or its tasks, called on `plan` (its first task, and a unit's
# completion of it) with the version the caller holds.
def _writes(plan: Plan, version: int) -> dict[str, Callable[[Actor], object]]:
    task = plan.tasks.order_by("pk").first()
    assert task is not None
    completion = PlanTaskCompletion.objects.filter(task__plan=plan).select_related("unit").first()
    assert completion is not None
    return {
        "plan_update": lambda a: services.plan_update(
            actor=a, plan_id=plan.pk, version=version, data=PlanInput.of(plan)
        ),
        "plan_issue": lambda a: services.plan_issue(
            actor=a, plan_id=plan.pk, version=version, number="999", issued_on=dt.date(SEASON, 6, 1)
        ),
        "plan_amend": lambda a: services.plan_amend(
            actor=a, plan_id=plan.pk, version=version, data=replace(PlanInput.of(plan), title="Khác"), reason="x"
        ),
        "plan_close": lambda a: services.plan_close(actor=a, plan_id=plan.pk, version=version),
        "plan_delete": lambda a: services.plan_delete(actor=a, plan_id=plan.pk, version=version),
        "plan_attach": lambda a: services.plan_attach(actor=a, plan_id=plan.pk, upload=scan()),
        "task_add": lambda a: services.task_add(
            actor=a,
            plan_id=plan.pk,
            version=version,
            data=TaskInput(description="Việc mới", due_on=dt.date(SEASON, 7, 1)),
            reason="x",
        ),
        "task_remove": lambda a: services.task_remove(
            actor=a, plan_id=plan.pk, task_id=task.pk, version=version, reason="x"
        ),
        "task_complete": lambda a: services.task_complete(
            actor=a, plan_id=plan.pk, task_id=task.pk, unit_code=completion.unit.code
        ),
        "task_reopen": lambda a: services.task_reopen(
            actor=a, plan_id=plan.pk, task_id=task.pk, unit_code=completion.unit.code
        ),
    }


WRITES = [
    "plan_update",
    "plan_issue",
    "plan_amend",
    "plan_close",
    "plan_delete",
    "plan_attach",
    "task_add",
    "task_remove",
    "task_complete",
    "task_reopen",
]


@pytest.mark.parametrize("write", WRITES)
def test_a_plan_outside_the_actors_area_is_missing_not_forbidden(write: str, actor: Callable[[str], Actor]) -> None:
    """Hà Tĩnh's plan for a Khánh Hòa officer: 404 like an id that does not exist (it was 403 when
    services locked by id and checked only the role), even with a stale version."""
    plan = season_plan("42")
    before = (plan.version, plan.state, plan.tasks.count(), PlanTaskCompletion.objects.filter(task__plan=plan).count())
    with pytest.raises(NotFound):
        _writes(plan, plan.version - 1)[write](actor("khanhhoa.officer"))
    plan.refresh_from_db()
    after = (plan.version, plan.state, plan.tasks.count(), PlanTaskCompletion.objects.filter(task__plan=plan).count())
    assert after == before


@pytest.mark.parametrize("write", ["plan_amend", "plan_close", "plan_attach", "task_add", "task_remove"])
def test_a_plan_above_is_seen_but_not_written(write: str, actor: Callable[[str], Actor]) -> None:
    """The province's plan is in force above the commune: its officers read it (403, not 404), and
    the role is checked before the version."""
    plan = season_plan("56")
    with pytest.raises(Forbidden):
        _writes(plan, plan.version - 1)[write](actor("camlam.officer"))


def test_a_stale_version_conflicts_after_scope_and_role(actor: Callable[[str], Actor]) -> None:
    plan = season_plan("56")
    with pytest.raises(Conflict):
        services.plan_close(actor=actor("khanhhoa.officer"), plan_id=plan.pk, version=plan.version - 1)


def test_a_task_of_another_plan_is_missing(actor: Callable[[str], Actor]) -> None:
    own, other = season_plan("56"), season_plan("VN")
    task = other.tasks.first()
    assert task is not None
    with pytest.raises(NotFound):
        services.task_remove(
            actor=actor("khanhhoa.officer"), plan_id=own.pk, task_id=task.pk, version=own.version, reason="x"
        )


def test_a_numbered_plan_needs_its_signer(actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    draft = draft_of(officer, "22453", season_plan("56"))
    with pytest.raises(ValidationFailed) as refused:
        services.plan_issue(
            actor=officer, plan_id=draft.pk, version=draft.version, number="977", issued_on=dt.date(SEASON, 6, 1)
        )
    assert set(refused.value.errors) == {"signer_name"}
    # Named on the issue form, or already on the draft.
    issued = services.plan_issue(
        actor=officer,
        plan_id=draft.pk,
        version=draft.version,
        number="977",
        issued_on=dt.date(SEASON, 6, 1),
        signer_name=" Lê Văn Ký ",
    )
    assert issued.state == PlanState.ISSUED and issued.signer_name == "Lê Văn Ký"
    signed = draft_of(officer, "22453", season_plan("56"), signer_name="Lê Văn Ký")
    services.plan_issue(
        actor=officer, plan_id=signed.pk, version=signed.version, number="978", issued_on=dt.date(SEASON, 6, 1)
    )
    # An amendment may not take the name away again.
    issued.refresh_from_db()
    with pytest.raises(ValidationFailed) as unsigned:
        services.plan_amend(
            actor=officer,
            plan_id=issued.pk,
            version=issued.version,
            data=replace(PlanInput.of(issued), signer_name=""),
            reason="Đổi người ký",
        )
    assert "signer_name" in unsigned.value.errors


def test_the_header_follows_decree_30(actor: Callable[[str], Actor]) -> None:
    """Digits-only number, a KH symbol, the date of signing on the plan's issue date field."""
    officer = actor("camlam.officer")
    with pytest.raises(ValidationFailed) as symbol:
        draft_of(officer, "22453", season_plan("56"), symbol="QĐ-UBND")
    assert set(symbol.value.errors) == {"symbol"}
    with pytest.raises(ValidationFailed) as body:
        draft_of(officer, "22453", season_plan("56"), issuing_body=" ")
    assert set(body.value.errors) == {"issuing_body"}
    draft = draft_of(officer, "22453", season_plan("56"), signer_name="Lê Văn Ký")
    with pytest.raises(ValidationFailed) as header:
        services.plan_issue(
            actor=officer,
            plan_id=draft.pk,
            version=draft.version,
            number="77/KH-BCĐ",
            issued_on=dt.date.today() + dt.timedelta(days=400),
        )
    assert {"number", "issued_on"} <= set(header.value.errors)


def test_header_lines_left_out_are_the_issuers_usual_ones(actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    draft = draft_of(officer, "22453", season_plan("56"), place="Cam Lâm, Khánh Hòa")
    assert draft.issuing_body == "BAN CHỈ ĐẠO 138" and draft.signer_authority == "TM. BAN CHỈ ĐẠO"
    assert draft.place == "Cam Lâm, Khánh Hòa" and draft.parent_body.startswith("UBND")
    assert PlanInput.of(draft).issuing_body == "BAN CHỈ ĐẠO 138"
    entry = AuditEntry.objects.get(action="plan.create", target_id=str(draft.pk))
    assert (entry.target_type, entry.target_label) == ("plan", "Kế hoạch kiểm thử")
    assert entry.scope_path == draft.issuer.path


def test_an_amendment_keeps_year_symbol_and_parent(actor: Callable[[str], Actor]) -> None:
    plan = season_plan("56")
    data = replace(PlanInput.of(plan), year=SEASON + 1, symbol="KH-UBND")
    with pytest.raises(ValidationFailed) as refused:
        services.plan_amend(
            actor=actor("khanhhoa.officer"), plan_id=plan.pk, version=plan.version, data=data, reason="x"
        )
    assert set(refused.value.errors) == {"year", "symbol"}


def test_festivals_registers_what_plans_asks_of_it() -> None:
    """Plans never imports festivals: the site counter and the window check are registered by
    festivals when Django starts (antq.festivals.hooks)."""
    assert [c.__module__ for c in hooks._counters] == ["antq.festivals.hooks"]
    assert any(check.__module__ == "antq.festivals.hooks" for check in hooks._window_checks.values())
    plan = season_plan("22453")  # the commune's sites are registered under its plan
    assert plan.sites.exists() and hooks.records_outside_window(plan) is None
    plan.window_end = plan.window_start  # as an amendment would narrow it, not saved
    message = hooks.records_outside_window(plan)
    assert message is not None and any(ch.isdigit() for ch in message)


def test_completing_a_task_is_audited_at_the_unit_that_did_it(actor: Callable[[str], Actor]) -> None:
    plan = season_plan("56")
    officer = actor("khanhhoa.officer")
    task = services.task_add(
        actor=officer,
        plan_id=plan.pk,
        version=plan.version,
        data=TaskInput(description="Báo cáo nhanh", due_on=dt.date(SEASON, 7, 1)),
        reason="Bổ sung",
    )
    services.task_complete(actor=actor("camlam.officer"), plan_id=plan.pk, task_id=task.pk, unit_code="22453")
    entry = AuditEntry.objects.get(action="plan.task_complete", target_id=str(task.pk))
    assert (entry.target_type, entry.target_label) == ("plan_task", "Báo cáo nhanh")
    assert entry.scope_path.endswith("/22453/")
    with pytest.raises(Forbidden):
        services.task_reopen(actor=actor("camlam.viewer"), plan_id=plan.pk, task_id=task.pk, unit_code="22453")
    services.task_reopen(actor=actor("camlam.officer"), plan_id=plan.pk, task_id=task.pk, unit_code="22453")
    assert not PlanTaskCompletion.objects.filter(task=task).exists()
