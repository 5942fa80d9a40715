"""The permission matrix: every HTML route and every API operation, for every role held at a
commune (Xã Cam Lâm, 22453, in Khánh Hòa) and for an anonymous visitor, against a target in the
actor's own unit, in an ancestor (the province), in a sibling commune (22366) and outside (Hà Tĩnh).

`test_every_route_has_a_row` fails when a route is added without a row here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from antq.accounts.actor import Actor
from antq.accounts.models import Role, User
from antq.accounts.services import token_create, user_create
from antq.core.documents import convert
from config.api import api
from tests.conftest import login

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", Role.VIEWER, Role.OFFICER, Role.LEADER, Role.ADMINISTRATOR]
RELATIONS = ["own", "ancestor", "sibling", "outside"]
# Units standing in each relation to the actors' commune, and a village/organisation under it.
UNIT = {"own": "22453", "ancestor": "56", "sibling": "22366", "outside": "18073"}
LOCAL = {"own": "22453-0001", "ancestor": None, "sibling": "22366-0001", "outside": "18073-0001"}
ACCOUNT_HOME = {"own": "22453", "ancestor": "56", "sibling": "22366", "outside": "18073"}


@dataclass
class Target:
    """What one case acts on, built inside the test's transaction."""

    unit: str
    local: str
    account_id: int
    token_id: int
    role_id: int
    plan_id: int = 0  # an issued plan of the relation's unit (the province plan for "ancestor")
    plan_version: int = 0
    draft_id: int = 0  # a draft plan there (drafts are invisible above their issuer)
    task_id: int = 0  # a task of plan_id
    done_task_id: int = 0  # another task of plan_id, already done by task_unit
    task_unit: str = ""  # the unit that does its part of plan_id's tasks
    site_id: int = 0  # an open festival site there
    site_version: int = 0
    report_id: int = 0  # the unit's report for the 2026 season (entry kept open)
    report_version: int = 0
    period_version: int = 0
    job_id: str = ""  # a finished export job of another account
    tokens: dict[str, int] = field(default_factory=dict)  # "own": a token of each acting role's user
    jobs: dict[str, str] = field(default_factory=dict)  # "own": a finished job of each acting role's user
    extra: dict[str, Any] = field(default_factory=dict)  # what the builders in TARGET_BUILDERS add


# Domain apps with their own matrix module (tests/matrix_<app>.py) register a builder here that adds
# their targets to `Target.extra`, and their rows to ROWS at the end of this file.
TARGET_BUILDERS: list[Callable[[Target, str, Actor], None]] = []


def build_target(relation: str) -> Target:
    """What the cases of one relation act on. The token and the finished job of the "own" relation
    belong to the acting user (one per role, in `tokens`/`jobs`); elsewhere to another account."""
    system = Actor.of(User.objects.get(username="bo.administrator"))
    account = user_create(
        actor=system,
        username=f"matrix.{relation}",
        password="matrix-password-2025",
        home_unit_code=ACCOUNT_HOME[relation],
        full_name="Tài khoản kiểm thử",
        role=Role.VIEWER,
    )
    token, _secret = token_create(actor=Actor.of(account), name="matrix")
    target = Target(
        unit=UNIT[relation],
        local=LOCAL[relation] or UNIT[relation],
        account_id=account.pk,
        token_id=token.pk,
        role_id=account.role_assignments.get().pk,
    )
    _festival_targets(target, relation, system)
    _reporting_targets(target, relation, system)
    for builder in TARGET_BUILDERS:
        builder(target, relation, system)
    target.job_id = _finished_job(account)
    if relation == "own":
        for role in ROLES[1:]:
            acting = User.objects.get(username=f"camlam.{role}")
            target.tokens[role] = token_create(actor=Actor.of(acting), name="matrix")[0].pk
            target.jobs[role] = _finished_job(acting)
    return target


def _finished_job(owner: User) -> str:
    import uuid
    from pathlib import Path

    from django.conf import settings

    from antq.core.models import Job, JobState

    job_id = uuid.uuid4()
    path = Path(settings.MEDIA_ROOT) / "jobs" / f"{job_id}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"ma_don_vi\r\n")
    Job.objects.create(
        id=job_id,
        kind="reporting.export",
        label="Matrix",
        owner=owner,
        scope_path="",
        state=JobState.DONE,
        progress=100,
        file_path=f"jobs/{job_id}.csv",
        file_name="matrix.csv",
        content_type="text/csv",
    )
    return str(job_id)


def _values_csv(unit: str) -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("so-lieu.csv", f"Mã đơn vị,[leaflets]\r\n{unit},5\r\n".encode(), "text/csv")


def _reporting_targets(target: Target, relation: str, system: Actor) -> None:
    import datetime as dt

    from django.utils import timezone

    from antq.reporting import services as reporting_services
    from antq.reporting.catalogue import FESTIVAL_FORM
    from antq.reporting.models import Report, ReportForm, ReportPeriod, ReportState
    from antq.units.models import Unit

    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    period = reporting_services.period_get_or_create(form=form, key="2026")
    ReportPeriod.objects.filter(pk=period.pk).update(closes_on=timezone.localdate() + dt.timedelta(days=30))
    period.refresh_from_db()
    report = reporting_services.report_open(actor=system, period=period, unit=Unit.objects.get(code=UNIT[relation]))
    if report.state != ReportState.DRAFT:  # the demo decided it: make it a draft again for the write rows
        Report.objects.filter(pk=report.pk).update(state=ReportState.DRAFT)
        report.values.update(approved=False)
        report.refresh_from_db()
    target.report_id, target.report_version = report.pk, report.version
    target.period_version = period.version


def _festival_targets(target: Target, relation: str, system: Actor) -> None:
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from antq.festivals import services as site_services
    from antq.festivals.services import SiteInput
    from antq.plans import services as plan_services
    from antq.plans.models import Plan, PlanState

    code = UNIT[relation]
    plan = Plan.objects.filter(issuer__code=code, year=2026).exclude(state=PlanState.DRAFT).first()
    parent = (
        Plan.objects.filter(issuer__code=PARENT_PLAN_ISSUER[relation], year=2026).exclude(state=PlanState.DRAFT).first()
    )
    assert parent is not None
    if plan is None:  # the demo season leaves some communes without a plan
        draft = plan_services.plan_create(
            actor=system,
            issuer_code=code,
            parent_plan_id=parent.pk,
            data={
                "year": 2026,
                "title": "Kế hoạch kiểm thử",
                "window_start": parent.window_start,
                "window_end": parent.window_end,
            },
        )
        plan = plan_services.plan_issue(
            actor=system, plan=draft, version=draft.version, number="901", issued_on=dt.date(2026, 6, 20)
        )
    plan_services.plan_attach(
        actor=system, plan=plan, upload=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 matrix", "application/pdf")
    )
    for description in ("Nhiệm vụ kiểm thử", "Nhiệm vụ đã xong"):
        plan.refresh_from_db()
        plan_services.task_add(
            actor=system,
            plan=plan,
            version=plan.version,
            description=description,
            due_on=dt.date(2026, 7, 30),
            reason="Kiểm thử",
        )
    plan.refresh_from_db()
    tasks = list(plan.tasks.order_by("-pk")[:2])
    target.task_unit = TASK_UNIT[relation]
    plan_services.task_complete(actor=system, task=tasks[0], unit_code=target.task_unit, done_on=dt.date(2026, 7, 1))
    target.plan_id, target.plan_version = plan.pk, plan.version
    target.task_id, target.done_task_id = tasks[1].pk, tasks[0].pk
    draft = plan_services.plan_create(
        actor=system,
        issuer_code=code,
        parent_plan_id=parent.pk,
        data={
            "year": 2026,
            "title": "Dự thảo kiểm thử",
            "window_start": parent.window_start,
            "window_end": parent.window_end,
        },
    )
    target.draft_id = draft.pk
    site_unit = SITE_UNIT[relation]
    site_plan = plan
    site = site_services.site_create(
        actor=system,
        plan_id=site_plan.pk,
        data=SiteInput(unit_code=site_unit(), date=site_plan.window_start, venue="Nhà văn hóa kiểm thử"),
    )
    target.site_id, target.site_version = site.pk, site.version


def _org_under_56() -> str:
    from antq.units.models import Unit

    unit = Unit.objects.filter(parent__code="56", kind="school").first()
    assert unit is not None
    return unit.code


# The plan each relation's own plan cites, the unit that does its part of that plan's tasks (a
# village for a commune plan; the actors' commune for the province plan), and where its site is.
PARENT_PLAN_ISSUER = {"own": "56", "ancestor": "VN", "sibling": "56", "outside": "42"}
TASK_UNIT = {"own": "22453-0001", "ancestor": "22453", "sibling": "22366-0001", "outside": "18073-0001"}
SITE_UNIT: dict[str, Callable[[], str]] = {
    "own": lambda: "22453-0001",
    "ancestor": _org_under_56,
    "sibling": lambda: "22366-0001",
    "outside": lambda: "18073-0001",
}


# Expected statuses. `own` maps role -> status for a target in the actor's own unit; every other
# relation expects `elsewhere` (404: missing and forbidden look the same) unless the route has no
# target, in which case `own` applies everywhere.
LOGIN = 302  # HTML routes send anonymous visitors to the login page
UNAUTH = 401  # API operations refuse anonymous calls


def by_role(anonymous: int, viewer: int, officer: int, leader: int, administrator: int) -> dict[str, int]:
    return dict(zip(ROLES, (anonymous, viewer, officer, leader, administrator), strict=True))


ALL_OK = by_role(LOGIN, 200, 200, 200, 200)
API_ALL_OK = by_role(UNAUTH, 200, 200, 200, 200)


@dataclass
class Row:
    route: str  # URL name (HTML) or "METHOD /api/path" (API)
    method: str
    path: Callable[[Target], str]
    own: dict[str, int]
    elsewhere: int | None = 404  # None: the route takes no target
    data: Callable[[Target], dict[str, object]] = field(default=lambda t: {})
    api: bool = False
    ancestor: dict[str, int] | None = None  # when the ancestor case differs from `elsewhere`
    multipart: bool = False


def html(route: str, method: str, path: Callable[[Target], str], own: dict[str, int], **kw: object) -> Row:
    return Row(route, method, path, own, **kw)  # type: ignore[arg-type]


def api_row(method: str, template: str, path: Callable[[Target], str], own: dict[str, int], **kw: object) -> Row:
    return Row(f"{method} {template}", method, path, own, api=True, **kw)  # type: ignore[arg-type]


ALL_OK_IN = by_role(LOGIN, 200, 200, 200, 200)  # an ancestor's plan in force: readable below it
FORBIDDEN_IN = by_role(403, 403, 403, 403, 403)  # ... but not writable
WRITE_HTML = by_role(LOGIN, 403, 200, 200, 200)
WRITE_POST = by_role(LOGIN, 403, 302, 302, 302)
API_WRITE = by_role(UNAUTH, 403, 200, 200, 200)
API_CREATE = by_role(UNAUTH, 403, 201, 201, 201)
API_CREATE_IN = by_role(UNAUTH, 403, 201, 201, 201)
API_DELETE = by_role(UNAUTH, 403, 204, 204, 204)
API_DELETE_IN = by_role(UNAUTH, 403, 204, 204, 204)
UNPROCESSABLE_IN = by_role(422, 422, 422, 422, 422)


PDF_STATUS = 200  # the conversion is replaced by `pdf_without_libreoffice`
PDF_OK = by_role(LOGIN, *[PDF_STATUS] * 4)
PDF_OK_IN = by_role(LOGIN, *[PDF_STATUS] * 4)


def plan_payload(t: Target) -> dict[str, object]:
    from antq.plans.models import Plan

    parent = Plan.objects.filter(issuer__code=PARENT_PLAN_ISSUER["own"], year=2026).exclude(state="draft").first()
    assert parent is not None
    return {
        "issuer": t.unit,
        "parent_plan": parent.pk,
        "year": 2026,
        "title": "Kế hoạch mới",
        "window_start": "2026-07-05",
        "window_end": "2026-08-10",
    }


def _pdf_upload() -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("scan.pdf", b"%PDF-1.4 matrix", "application/pdf")


def _sites_workbook(unit: str) -> object:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Mã đơn vị", "Ngày tổ chức", "Địa điểm"])
    sheet.append([unit, "20/07/2026", "Nhà văn hóa"])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("sites.xlsx", buffer.getvalue())


ROWS = [
    # --- HTML ---
    html("health", "GET", lambda t: "/health", by_role(200, 200, 200, 200, 200), elsewhere=None),
    html(
        "set_language",
        "POST",
        lambda t: "/i18n/setlang/",
        by_role(302, 302, 302, 302, 302),
        elsewhere=None,
        data=lambda t: {"language": "en", "next": "/"},
    ),
    html("core:home", "GET", lambda t: "/", ALL_OK, elsewhere=None),
    html("core:audit", "GET", lambda t: f"/audit/?unit_code={t.unit}", by_role(LOGIN, 404, 404, 200, 200)),
    html("accounts:login", "GET", lambda t: "/accounts/login/", by_role(200, 302, 302, 302, 302), elsewhere=None),
    html("accounts:logout", "POST", lambda t: "/accounts/logout/", by_role(302, 302, 302, 302, 302), elsewhere=None),
    html("accounts:otp_verify", "GET", lambda t: "/accounts/otp/", ALL_OK, elsewhere=None),
    html(
        "accounts:otp_setup",
        "GET",
        lambda t: "/accounts/otp/setup/",
        by_role(LOGIN, 200, 200, 200, 302),
        elsewhere=None,
    ),
    html("accounts:tokens", "GET", lambda t: "/accounts/tokens/", ALL_OK, elsewhere=None),
    html(
        "accounts:token_revoke",
        "POST",
        lambda t: f"/accounts/tokens/{t.token_id}/revoke/",
        by_role(LOGIN, 302, 302, 302, 302),
    ),
    html("accounts:list", "GET", lambda t: "/accounts/", by_role(LOGIN, 404, 404, 200, 200), elsewhere=None),
    html("accounts:create", "GET", lambda t: "/accounts/new/", by_role(LOGIN, 404, 404, 200, 200), elsewhere=None),
    html("accounts:detail", "GET", lambda t: f"/accounts/{t.account_id}/", by_role(LOGIN, 404, 404, 200, 200)),
    html("units:list", "GET", lambda t: f"/units/?q={t.unit}", ALL_OK, elsewhere=None),
    html("units:picker", "GET", lambda t: "/units/picker/?q=cam", ALL_OK, elsewhere=None),
    html("units:detail", "GET", lambda t: f"/units/{t.unit}/", ALL_OK),
    html("units:create", "GET", lambda t: f"/units/{t.unit}/add/", by_role(LOGIN, 403, 200, 200, 200)),
    html("units:edit", "GET", lambda t: f"/units/{t.unit}/edit/", by_role(LOGIN, 403, 403, 200, 200)),
    html("units:move", "GET", lambda t: f"/units/{t.local}/move/", by_role(LOGIN, 403, 200, 200, 200)),
    html("units:close", "GET", lambda t: f"/units/{t.local}/close/", by_role(LOGIN, 403, 200, 200, 200)),
    # --- API ---
    api_row("GET", "/api/health", lambda t: "/api/health", by_role(200, 200, 200, 200, 200), elsewhere=None),
    api_row("GET", "/api/me", lambda t: "/api/me", API_ALL_OK, elsewhere=None),
    api_row("GET", "/api/audit", lambda t: f"/api/audit?unit_code={t.unit}", by_role(UNAUTH, 404, 404, 200, 200)),
    api_row("GET", "/api/units", lambda t: f"/api/units?q={t.unit}", API_ALL_OK, elsewhere=None),
    api_row(
        "POST",
        "/api/units",
        lambda t: "/api/units",
        by_role(UNAUTH, 403, 201, 201, 201),
        data=lambda t: {"parent": t.unit, "kind": "village", "name": "Thôn Ma Trận"},
        elsewhere=422,
    ),
    api_row("GET", "/api/units/{code}", lambda t: f"/api/units/{t.unit}", API_ALL_OK),
    api_row("GET", "/api/units/{code}/children", lambda t: f"/api/units/{t.unit}/children", API_ALL_OK),
    api_row(
        "PATCH",
        "/api/units/{code}",
        lambda t: f"/api/units/{t.local}",
        by_role(UNAUTH, 403, 200, 200, 200),
        data=lambda t: {"version": 1, "name": "Tên mới"},
    ),
    api_row(
        "POST",
        "/api/units/{code}/move",
        lambda t: f"/api/units/{t.local}/move",
        by_role(UNAUTH, 403, 200, 200, 200),
        data=lambda t: {"version": 1, "new_parent": "22453"},
    ),
    api_row(
        "POST",
        "/api/units/{code}/close",
        lambda t: f"/api/units/{t.local}/close",
        by_role(UNAUTH, 403, 200, 200, 200),
        data=lambda t: {"version": 1, "successor": "22453-0002"},
    ),
    api_row("GET", "/api/accounts", lambda t: "/api/accounts", by_role(UNAUTH, 200, 200, 200, 200), elsewhere=None),
    api_row(
        "POST",
        "/api/accounts",
        lambda t: "/api/accounts",
        by_role(UNAUTH, 403, 403, 201, 201),
        data=lambda t: {"username": "matrix.new", "password": "matrix-password-2025", "home_unit": t.unit},
        elsewhere=422,
    ),
    api_row("GET", "/api/accounts/tokens", lambda t: "/api/accounts/tokens", API_ALL_OK, elsewhere=None),
    api_row(
        "POST",
        "/api/accounts/tokens",
        lambda t: "/api/accounts/tokens",
        by_role(UNAUTH, 201, 201, 201, 201),
        data=lambda t: {"name": "script"},
        elsewhere=None,
    ),
    api_row(
        "DELETE",
        "/api/accounts/tokens/{token_id}",
        lambda t: f"/api/accounts/tokens/{t.token_id}",
        by_role(UNAUTH, 204, 204, 204, 204),
    ),
    api_row(
        "GET", "/api/accounts/{user_id}", lambda t: f"/api/accounts/{t.account_id}", by_role(UNAUTH, 404, 404, 200, 200)
    ),
    api_row(
        "PATCH",
        "/api/accounts/{user_id}",
        lambda t: f"/api/accounts/{t.account_id}",
        by_role(UNAUTH, 404, 404, 200, 200),
        data=lambda t: {"version": 1, "position": "Phó trưởng"},
    ),
    api_row(
        "POST",
        "/api/accounts/{user_id}/roles",
        lambda t: f"/api/accounts/{t.account_id}/roles",
        by_role(UNAUTH, 404, 404, 201, 201),
        data=lambda t: {"unit": ACCOUNT_HOME_OF(t), "role": "officer"},
    ),
    api_row(
        "DELETE",
        "/api/accounts/{user_id}/roles/{role_id}",
        lambda t: f"/api/accounts/{t.account_id}/roles/{t.role_id}",
        by_role(UNAUTH, 404, 404, 204, 204),
    ),
    api_row(
        "POST",
        "/api/accounts/{user_id}/unlock",
        lambda t: f"/api/accounts/{t.account_id}/unlock",
        by_role(UNAUTH, 404, 404, 204, 204),
    ),
    # --- plans (HTML) ---
    html("plans:list", "GET", lambda t: "/plans/", ALL_OK, elsewhere=None),
    html("plans:create", "GET", lambda t: "/plans/new/", WRITE_HTML, elsewhere=None),
    html("plans:detail", "GET", lambda t: f"/plans/{t.plan_id}/", ALL_OK, ancestor=ALL_OK_IN),
    html("plans:edit", "GET", lambda t: f"/plans/{t.draft_id}/edit/", WRITE_HTML),
    html("plans:issue", "GET", lambda t: f"/plans/{t.draft_id}/issue/", WRITE_HTML),
    html("plans:amend", "GET", lambda t: f"/plans/{t.plan_id}/amend/", WRITE_HTML, ancestor=FORBIDDEN_IN),
    html(
        "plans:close",
        "POST",
        lambda t: f"/plans/{t.plan_id}/close/",
        WRITE_POST,
        ancestor=FORBIDDEN_IN,
        data=lambda t: {"version": t.plan_version},
    ),
    html("plans:delete", "POST", lambda t: f"/plans/{t.draft_id}/delete/", WRITE_POST, data=lambda t: {"version": 1}),
    html("plans:attach", "POST", lambda t: f"/plans/{t.plan_id}/attach/", WRITE_POST, ancestor=FORBIDDEN_IN),
    html("plans:attachment", "GET", lambda t: f"/plans/{t.plan_id}/attachment/", ALL_OK, ancestor=ALL_OK_IN),
    html("plans:board", "GET", lambda t: f"/plans/{t.plan_id}/board/", ALL_OK, ancestor=ALL_OK_IN),
    html("plans:docx", "GET", lambda t: f"/plans/{t.plan_id}/document.docx", ALL_OK, ancestor=ALL_OK_IN),
    html("plans:pdf", "GET", lambda t: f"/plans/{t.plan_id}/document.pdf", PDF_OK, ancestor=PDF_OK_IN),
    html(
        "plans:task_add",
        "POST",
        lambda t: f"/plans/{t.plan_id}/tasks/",
        WRITE_POST,
        ancestor=FORBIDDEN_IN,
        data=lambda t: {"version": t.plan_version, "description": "Việc mới", "due_on": "2026-07-20", "reason": "x"},
    ),
    html(
        "plans:task_remove",
        "POST",
        lambda t: f"/plans/{t.plan_id}/tasks/{t.task_id}/remove/",
        WRITE_POST,
        ancestor=FORBIDDEN_IN,
        data=lambda t: {"version": t.plan_version, "reason": "x"},
    ),
    html(
        "plans:task_done",
        "POST",
        lambda t: f"/plans/{t.plan_id}/tasks/{t.task_id}/done/",
        by_role(LOGIN, 302, 302, 302, 302),
        ancestor=by_role(LOGIN, 302, 302, 302, 302),
        data=lambda t: {"unit": t.task_unit},
    ),
    # --- festival sites (HTML) ---
    html("festivals:list", "GET", lambda t: "/sites/?year=2026", ALL_OK, elsewhere=None),
    html("festivals:calendar", "GET", lambda t: "/sites/calendar/?at=2026-07-15", ALL_OK, elsewhere=None),
    html("festivals:map", "GET", lambda t: "/sites/map/", ALL_OK, elsewhere=None),
    html("festivals:create", "GET", lambda t: "/sites/new/", WRITE_HTML, elsewhere=None),
    html("festivals:bulk", "GET", lambda t: "/sites/bulk/", WRITE_HTML, elsewhere=None),
    html("festivals:import", "GET", lambda t: "/sites/import/", WRITE_HTML, elsewhere=None),
    html("festivals:import_template", "GET", lambda t: "/sites/import/template.xlsx", ALL_OK, elsewhere=None),
    html("festivals:detail", "GET", lambda t: f"/sites/{t.site_id}/", ALL_OK),
    html("festivals:edit", "GET", lambda t: f"/sites/{t.site_id}/edit/", WRITE_HTML),
    html(
        "festivals:transition",
        "POST",
        lambda t: f"/sites/{t.site_id}/state/",
        WRITE_POST,
        data=lambda t: {"version": t.site_version, "state": "confirmed"},
    ),
    # --- plans (API) ---
    api_row("GET", "/api/plans", lambda t: "/api/plans", API_ALL_OK, elsewhere=None),
    api_row("POST", "/api/plans", lambda t: "/api/plans", by_role(UNAUTH, 403, 201, 201, 201), data=plan_payload),
    api_row("GET", "/api/plans/{plan_id}", lambda t: f"/api/plans/{t.plan_id}", API_ALL_OK, ancestor=ALL_OK_IN),
    api_row(
        "PATCH",
        "/api/plans/{plan_id}",
        lambda t: f"/api/plans/{t.draft_id}",
        API_WRITE,
        data=lambda t: {"version": 1, "title": "Tên mới"},
    ),
    api_row("DELETE", "/api/plans/{plan_id}", lambda t: f"/api/plans/{t.draft_id}?version=1", API_DELETE),
    api_row(
        "POST",
        "/api/plans/{plan_id}/issue",
        lambda t: f"/api/plans/{t.draft_id}/issue",
        API_WRITE,
        data=lambda t: {"version": 1, "number": "777", "issued_on": "2026-06-20"},
    ),
    api_row(
        "POST",
        "/api/plans/{plan_id}/amend",
        lambda t: f"/api/plans/{t.plan_id}/amend",
        API_WRITE,
        ancestor=FORBIDDEN_IN,
        data=lambda t: {"version": t.plan_version, "reason": "Sửa", "title": "Tên mới"},
    ),
    api_row(
        "POST",
        "/api/plans/{plan_id}/close",
        lambda t: f"/api/plans/{t.plan_id}/close",
        API_WRITE,
        ancestor=FORBIDDEN_IN,
        data=lambda t: {"version": t.plan_version},
    ),
    api_row(
        "POST",
        "/api/plans/{plan_id}/attachment",
        lambda t: f"/api/plans/{t.plan_id}/attachment",
        API_WRITE,
        ancestor=FORBIDDEN_IN,
        multipart=True,
        data=lambda t: {"file": _pdf_upload()},
    ),
    api_row(
        "GET",
        "/api/plans/{plan_id}/revisions",
        lambda t: f"/api/plans/{t.plan_id}/revisions",
        API_ALL_OK,
        ancestor=ALL_OK_IN,
    ),
    api_row(
        "GET", "/api/plans/{plan_id}/board", lambda t: f"/api/plans/{t.plan_id}/board", API_ALL_OK, ancestor=ALL_OK_IN
    ),
    api_row(
        "GET", "/api/plans/{plan_id}/tasks", lambda t: f"/api/plans/{t.plan_id}/tasks", API_ALL_OK, ancestor=ALL_OK_IN
    ),
    api_row(
        "POST",
        "/api/plans/{plan_id}/tasks",
        lambda t: f"/api/plans/{t.plan_id}/tasks",
        API_CREATE,
        ancestor=FORBIDDEN_IN,
        data=lambda t: {
            "version": t.plan_version,
            "description": "Việc mới",
            "due_on": "2026-07-20",
            "reason": "Bổ sung",
        },
    ),
    api_row(
        "DELETE",
        "/api/plans/{plan_id}/tasks/{task_id}",
        lambda t: f"/api/plans/{t.plan_id}/tasks/{t.task_id}?version={t.plan_version}&reason=x",
        API_DELETE,
        ancestor=FORBIDDEN_IN,
    ),
    api_row(
        "POST",
        "/api/plans/{plan_id}/tasks/{task_id}/done",
        lambda t: f"/api/plans/{t.plan_id}/tasks/{t.task_id}/done",
        API_CREATE,
        ancestor=API_CREATE_IN,
        data=lambda t: {"unit": t.task_unit},
    ),
    api_row(
        "DELETE",
        "/api/plans/{plan_id}/tasks/{task_id}/done/{unit}",
        lambda t: f"/api/plans/{t.plan_id}/tasks/{t.done_task_id}/done/{t.task_unit}",
        API_DELETE,
        ancestor=API_DELETE_IN,
    ),
    api_row(
        "GET",
        "/api/plans/{plan_id}/document.docx",
        lambda t: f"/api/plans/{t.plan_id}/document.docx",
        API_ALL_OK,
        ancestor=ALL_OK_IN,
    ),
    api_row(
        "GET",
        "/api/plans/{plan_id}/document.pdf",
        lambda t: f"/api/plans/{t.plan_id}/document.pdf",
        by_role(UNAUTH, *[PDF_STATUS] * 4),
        ancestor=PDF_OK_IN,
    ),
    # --- festival sites (API) ---
    api_row("GET", "/api/sites", lambda t: "/api/sites?year=2026", API_ALL_OK, elsewhere=None),
    api_row(
        "POST",
        "/api/sites",
        lambda t: "/api/sites",
        API_CREATE,
        ancestor=UNPROCESSABLE_IN,
        data=lambda t: {"plan": t.plan_id, "unit": t.unit, "date": "2026-07-20", "venue": "Hội trường"},
    ),
    api_row(
        "POST",
        "/api/sites/bulk",
        lambda t: "/api/sites/bulk",
        by_role(UNAUTH, 422, 200, 200, 200),
        ancestor=UNPROCESSABLE_IN,
        data=lambda t: {"plan": t.plan_id, "sites": [{"unit": t.unit, "date": "2026-07-20", "venue": "Sân"}]},
    ),
    api_row(
        "POST",
        "/api/sites/import",
        lambda t: "/api/sites/import",
        by_role(UNAUTH, 422, 200, 200, 200),
        ancestor=UNPROCESSABLE_IN,
        multipart=True,
        data=lambda t: {"plan": t.plan_id, "file": _sites_workbook(t.unit)},
    ),
    api_row("GET", "/api/sites/export.xlsx", lambda t: "/api/sites/export.xlsx?year=2026", API_ALL_OK, elsewhere=None),
    api_row("GET", "/api/sites/export.ics", lambda t: "/api/sites/export.ics?year=2026", API_ALL_OK, elsewhere=None),
    api_row("GET", "/api/sites/geo", lambda t: "/api/sites/geo?year=2026", API_ALL_OK, elsewhere=None),
    api_row("GET", "/api/sites/{site_id}", lambda t: f"/api/sites/{t.site_id}", API_ALL_OK),
    api_row(
        "PUT",
        "/api/sites/{site_id}",
        lambda t: f"/api/sites/{t.site_id}",
        API_WRITE,
        data=lambda t: {"version": t.site_version, "unit": SITE_UNIT["own"](), "date": "2026-07-21", "venue": "Sân"},
    ),
    api_row(
        "POST",
        "/api/sites/{site_id}/state",
        lambda t: f"/api/sites/{t.site_id}/state",
        API_WRITE,
        data=lambda t: {"version": t.site_version, "state": "confirmed"},
    ),
    api_row(
        "GET", "/api/openapi.json", lambda t: "/api/openapi.json", by_role(200, 200, 200, 200, 200), elsewhere=None
    ),
    api_row("GET", "/api/docs", lambda t: "/api/docs", by_role(200, 200, 200, 200, 200), elsewhere=None),
]

SEASON = "/api/reporting/forms/ket-qua-ngay-hoi/periods/2026"
DECIDE = by_role(UNAUTH, 403, 403, 403, 403)  # commune accounts never decide their own report
REPORTING_ROWS = [
    api_row("GET", "/api/reporting/indicators", lambda t: "/api/reporting/indicators", API_ALL_OK, elsewhere=None),
    api_row("GET", "/api/reporting/forms", lambda t: "/api/reporting/forms", API_ALL_OK, elsewhere=None),
    api_row("GET", "/api/reporting/forms/{form}/periods/{key}", lambda t: SEASON, API_ALL_OK, elsewhere=None),
    api_row(
        "PATCH",
        "/api/reporting/forms/{form}/periods/{key}",
        lambda t: SEASON,
        DECIDE,
        elsewhere=None,
        data=lambda t: {"version": t.period_version, "closes_on": "2030-12-31"},
    ),
    api_row(
        "GET",
        "/api/reporting/forms/{form}/periods/{key}/overview",
        lambda t: f"{SEASON}/overview?unit={t.unit}",
        API_ALL_OK,
    ),
    api_row(
        "GET",
        "/api/reporting/forms/{form}/periods/{key}/units/{unit}",
        lambda t: f"{SEASON}/units/{t.unit}",
        API_ALL_OK,
    ),
    api_row(
        "POST",
        "/api/reporting/forms/{form}/periods/{key}/reports",
        lambda t: f"{SEASON}/reports",
        API_CREATE,
        data=lambda t: {"unit": t.unit},
    ),
    api_row("GET", "/api/reporting/reports/{report_id}", lambda t: f"/api/reporting/reports/{t.report_id}", API_ALL_OK),
    api_row(
        "POST",
        "/api/reporting/reports/{report_id}/values",
        lambda t: f"/api/reporting/reports/{t.report_id}/values",
        API_WRITE,
        data=lambda t: {"version": t.report_version, "values": {"leaflets": "1.500"}},
    ),
    api_row(
        "POST",
        "/api/reporting/reports/{report_id}/submit",
        lambda t: f"/api/reporting/reports/{t.report_id}/submit",
        API_WRITE,
        data=lambda t: {"version": t.report_version, "fill_zero": True},
    ),
    api_row(
        "POST",
        "/api/reporting/reports/{report_id}/approve",
        lambda t: f"/api/reporting/reports/{t.report_id}/approve",
        DECIDE,
        data=lambda t: {"version": t.report_version},
    ),
    api_row(
        "POST",
        "/api/reporting/reports/{report_id}/return",
        lambda t: f"/api/reporting/reports/{t.report_id}/return",
        DECIDE,
        data=lambda t: {"version": t.report_version, "reason": "Bổ sung số liệu"},
    ),
    api_row(
        "GET",
        "/api/reporting/sites/{site_id}/results",
        lambda t: f"/api/reporting/sites/{t.site_id}/results",
        API_ALL_OK,
    ),
    api_row(
        "POST",
        "/api/reporting/sites/{site_id}/results",
        lambda t: f"/api/reporting/sites/{t.site_id}/results",
        API_WRITE,
        data=lambda t: {"version": t.site_version, "values": {"participants": 120}},
    ),
    api_row("GET", "/api/dashboard", lambda t: f"/api/dashboard?unit={t.unit}", API_ALL_OK),
    html("reporting:index", "GET", lambda t: "/reports/", ALL_OK, elsewhere=None),
    html("reporting:indicators", "GET", lambda t: "/reports/indicators/", ALL_OK, elsewhere=None),
    html("reporting:overview", "GET", lambda t: f"/reports/ket-qua-ngay-hoi/2026/?unit={t.unit}", ALL_OK),
    html(
        "reporting:period_update",
        "POST",
        lambda t: "/reports/ket-qua-ngay-hoi/2026/dates/",
        by_role(LOGIN, 403, 403, 403, 403),
        elsewhere=None,
        data=lambda t: {"version": t.period_version, "closes_on": "2030-12-31"},
    ),
    html("reporting:report", "GET", lambda t: f"/reports/ket-qua-ngay-hoi/2026/{t.unit}/", ALL_OK),
    html("reporting:site_results", "GET", lambda t: f"/reports/sites/{t.site_id}/", ALL_OK),
    html("dashboards:show", "GET", lambda t: f"/dashboard/?unit={t.unit}", ALL_OK),
    # Files: the official report, exports (inline or as a job), the import, jobs.
    html(
        "reporting:document",
        "GET",
        lambda t: f"/reports/ket-qua-ngay-hoi/2026/{t.unit}/report.docx",
        ALL_OK,
    ),
    html(
        "reporting:export",
        "POST",
        lambda t: "/reports/ket-qua-ngay-hoi/2026/export/",
        by_role(LOGIN, 200, 200, 200, 200),
        data=lambda t: {"unit": t.unit, "format": "csv", "rows": "children", "figures": "all"},
    ),
    html("reporting:import", "GET", lambda t: f"/reports/ket-qua-ngay-hoi/2026/import/?unit={t.unit}", WRITE_HTML),
    html("core:job", "GET", lambda t: f"/jobs/{t.job_id}/", ALL_OK),
    html("core:job_file", "GET", lambda t: f"/jobs/{t.job_id}/file/", ALL_OK),
    api_row(
        "POST",
        "/api/reporting/reports/{report_id}/narrative",
        lambda t: f"/api/reporting/reports/{t.report_id}/narrative",
        API_WRITE,
        data=lambda t: {"version": t.report_version, "results": "Kết quả"},
    ),
    api_row(
        "GET",
        "/api/reporting/reports/{report_id}/document.docx",
        lambda t: f"/api/reporting/reports/{t.report_id}/document.docx",
        API_ALL_OK,
    ),
    api_row(
        "GET",
        "/api/reporting/reports/{report_id}/document.pdf",
        lambda t: f"/api/reporting/reports/{t.report_id}/document.pdf",
        by_role(UNAUTH, *[PDF_STATUS] * 4),
    ),
    api_row(
        "POST",
        "/api/reporting/forms/{form}/periods/{key}/exports",
        lambda t: f"{SEASON}/exports",
        by_role(UNAUTH, 202, 202, 202, 202),
        data=lambda t: {"unit": t.unit, "format": "csv"},
    ),
    api_row(
        "POST",
        "/api/reporting/forms/{form}/periods/{key}/imports",
        lambda t: f"{SEASON}/imports",
        API_WRITE,
        multipart=True,
        data=lambda t: {"unit": t.unit, "dry_run": "true", "file": _values_csv(t.unit)},
    ),
    api_row("GET", "/api/jobs/{job_id}", lambda t: f"/api/jobs/{t.job_id}", API_ALL_OK),
    api_row("GET", "/api/jobs/{job_id}/file", lambda t: f"/api/jobs/{t.job_id}/file", API_ALL_OK),
]
ROWS += REPORTING_ROWS

# The catalogue is read by everyone and written only by administrators at the nation; every matrix
# actor sits at a commune, so every write (and every editing page) is refused.
CATALOGUE = "/api/reporting/catalogue"
CATALOGUE_ONLY = by_role(LOGIN, 403, 403, 403, 403)
API_CATALOGUE_ONLY = by_role(UNAUTH, 403, 403, 403, 403)


def _first_rule_id() -> int:
    from antq.reporting.models import IndicatorRule

    rule = IndicatorRule.objects.order_by("pk").first()
    assert rule is not None
    return rule.pk


CATALOGUE_ROWS = [
    api_row(
        "GET",
        "/api/reporting/catalogue/indicators/{code}",
        lambda t: f"{CATALOGUE}/indicators/items_surrendered",
        API_ALL_OK,
        elsewhere=None,
    ),
    api_row(
        "POST",
        "/api/reporting/catalogue/indicators",
        lambda t: f"{CATALOGUE}/indicators",
        API_CATALOGUE_ONLY,
        elsewhere=None,
        data=lambda t: {"code": "matrix_new", "name": "Mới", "name_en": "New", "group": "movement", "measure": "units"},
    ),
    api_row(
        "PATCH",
        "/api/reporting/catalogue/indicators/{code}",
        lambda t: f"{CATALOGUE}/indicators/participants",
        API_CATALOGUE_ONLY,
        elsewhere=None,
        data=lambda t: {"version": 1, "name": "Tên mới"},
    ),
    api_row(
        "DELETE",
        "/api/reporting/catalogue/indicators/{code}",
        lambda t: f"{CATALOGUE}/indicators/participants?version=1",
        API_CATALOGUE_ONLY,
        elsewhere=None,
    ),
    api_row(
        "POST",
        "/api/reporting/catalogue/indicators/{code}/options",
        lambda t: f"{CATALOGUE}/indicators/items_surrendered/options",
        API_CATALOGUE_ONLY,
        elsewhere=None,
        data=lambda t: {"version": 1, "code": "mines", "name": "Mìn", "name_en": "Mines", "measure": "pieces"},
    ),
    api_row(
        "PATCH",
        "/api/reporting/catalogue/indicators/{code}/options/{option}",
        lambda t: f"{CATALOGUE}/indicators/items_surrendered/options/firearms",
        API_CATALOGUE_ONLY,
        elsewhere=None,
        data=lambda t: {"version": 1, "name": "Súng"},
    ),
    api_row(
        "DELETE",
        "/api/reporting/catalogue/indicators/{code}/options/{option}",
        lambda t: f"{CATALOGUE}/indicators/items_surrendered/options/firearms?version=1",
        API_CATALOGUE_ONLY,
        elsewhere=None,
    ),
    api_row(
        "POST",
        "/api/reporting/catalogue/rules",
        lambda t: f"{CATALOGUE}/rules",
        API_CATALOGUE_ONLY,
        elsewhere=None,
        data=lambda t: {"version": 1, "left": "participants", "operator": "ge", "right": "outreach_attendees"},
    ),
    api_row(
        "DELETE",
        "/api/reporting/catalogue/rules/{rule_id}",
        lambda t: f"{CATALOGUE}/rules/{_first_rule_id()}?version=1",
        API_CATALOGUE_ONLY,
        elsewhere=None,
    ),
    api_row("GET", "/api/reporting/catalogue/forms", lambda t: f"{CATALOGUE}/forms", API_ALL_OK, elsewhere=None),
    api_row(
        "GET",
        "/api/reporting/catalogue/forms/{code}",
        lambda t: f"{CATALOGUE}/forms/ket-qua-ngay-hoi",
        API_ALL_OK,
        elsewhere=None,
    ),
    api_row(
        "POST",
        "/api/reporting/catalogue/forms",
        lambda t: f"{CATALOGUE}/forms",
        API_CATALOGUE_ONLY,
        elsewhere=None,
        data=lambda t: {"code": "matrix-form", "name": "Mẫu", "period_type": "year", "reporting_level": "province"},
    ),
    api_row(
        "PATCH",
        "/api/reporting/catalogue/forms/{code}",
        lambda t: f"{CATALOGUE}/forms/ket-qua-ngay-hoi",
        API_CATALOGUE_ONLY,
        elsewhere=None,
        data=lambda t: {"version": 1, "is_active": False},
    ),
    api_row(
        "PUT",
        "/api/reporting/catalogue/forms/{code}/indicators",
        lambda t: f"{CATALOGUE}/forms/ket-qua-ngay-hoi/indicators",
        API_CATALOGUE_ONLY,
        elsewhere=None,
        data=lambda t: {"version": 1, "indicators": ["participants"]},
    ),
    html("reporting:catalogue_forms", "GET", lambda t: "/reports/catalogue/forms/", CATALOGUE_ONLY, elsewhere=None),
    html(
        "reporting:catalogue_form_create",
        "GET",
        lambda t: "/reports/catalogue/forms/new/",
        CATALOGUE_ONLY,
        elsewhere=None,
    ),
    html(
        "reporting:catalogue_form_edit",
        "GET",
        lambda t: "/reports/catalogue/forms/ket-qua-ngay-hoi/",
        CATALOGUE_ONLY,
        elsewhere=None,
    ),
    html(
        "reporting:catalogue_form_indicators",
        "POST",
        lambda t: "/reports/catalogue/forms/ket-qua-ngay-hoi/indicators/",
        CATALOGUE_ONLY,
        elsewhere=None,
        data=lambda t: {"version": 1, "on": ["participants"]},
    ),
    html(
        "reporting:catalogue_indicator_create",
        "GET",
        lambda t: "/reports/catalogue/indicators/new/",
        CATALOGUE_ONLY,
        elsewhere=None,
    ),
    html(
        "reporting:catalogue_indicator_edit",
        "GET",
        lambda t: "/reports/catalogue/indicators/participants/",
        CATALOGUE_ONLY,
        elsewhere=None,
    ),
    html(
        "reporting:catalogue_indicator_delete",
        "POST",
        lambda t: "/reports/catalogue/indicators/participants/delete/",
        CATALOGUE_ONLY,
        elsewhere=None,
        data=lambda t: {"version": 1},
    ),
    html(
        "reporting:catalogue_option_create",
        "GET",
        lambda t: "/reports/catalogue/indicators/items_surrendered/options/new/",
        CATALOGUE_ONLY,
        elsewhere=None,
    ),
    html(
        "reporting:catalogue_option_edit",
        "GET",
        lambda t: "/reports/catalogue/indicators/items_surrendered/options/firearms/",
        CATALOGUE_ONLY,
        elsewhere=None,
    ),
    html(
        "reporting:catalogue_option_delete",
        "POST",
        lambda t: "/reports/catalogue/indicators/items_surrendered/options/firearms/delete/",
        CATALOGUE_ONLY,
        elsewhere=None,
        data=lambda t: {"version": 1},
    ),
    html(
        "reporting:catalogue_rule_create",
        "GET",
        lambda t: "/reports/catalogue/indicators/participants/rules/new/",
        CATALOGUE_ONLY,
        elsewhere=None,
    ),
    html(
        "reporting:catalogue_rule_delete",
        "POST",
        lambda t: f"/reports/catalogue/rules/{_first_rule_id()}/delete/",
        CATALOGUE_ONLY,
        elsewhere=None,
        data=lambda t: {"version": 1},
    ),
]
ROWS += CATALOGUE_ROWS

# Rows and target builders of the apps with their own matrix module (imported here, after the names
# they use are defined).
from tests import matrix_exemplars, matrix_honours, matrix_registry  # noqa: E402

ROWS += matrix_registry.ROWS + matrix_exemplars.ROWS + matrix_honours.ROWS
TARGET_BUILDERS += [matrix_registry.build_targets, matrix_exemplars.build_targets, matrix_honours.build_targets]


def ACCOUNT_HOME_OF(target: Target) -> str:
    return User.objects.get(pk=target.account_id).home_unit.code  # type: ignore[union-attr]


def _html_route_names() -> Iterator[str]:
    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith("api/"):
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            else:
                yield f"{namespace}{pattern.name}"

    yield from walk(get_resolver().url_patterns, "")


def _api_operations() -> Iterator[str]:
    schema = api.get_openapi_schema()
    for template, operations in schema["paths"].items():
        for method in operations:
            yield f"{method.upper()} {template.rstrip('/')}"
    yield "GET /api/openapi.json"
    yield "GET /api/docs"


@pytest.fixture(autouse=True)
def fast_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    """Matrix accounts are throwaway; Argon2 itself is covered in test_accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_every_route_has_a_row() -> None:
    covered = {row.route for row in ROWS}
    routes = set(_html_route_names()) | set(_api_operations())
    missing = sorted(routes - covered)
    assert not missing, f"routes without a row in the permission matrix: {missing}"
    stale = sorted(covered - routes)
    assert not stale, f"matrix rows for routes that no longer exist: {stale}"


def _cases() -> Iterator[tuple[Row, str, str]]:
    for row in ROWS:
        for role in ROLES:
            relations = ["own"] if row.elsewhere is None or role == "anonymous" else RELATIONS
            if row.route in (
                "PATCH /api/units/{code}",
                "units:move",
                "units:close",
                "POST /api/units/{code}/move",
                "POST /api/units/{code}/close",
            ):
                relations = [r for r in relations if LOCAL[r]]
            for relation in relations:
                yield row, role, relation


@contextmanager
def _rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def targets(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Target]]:
    """The targets of every relation, built once for the module inside a transaction that is
    rolled back at its end. Each case runs in a savepoint inside it (pytest-django's per-test
    atomic), so what a case writes is gone before the next one starts."""
    with django_db_blocker.unblock(), _rolled_back():
        yield {relation: build_target(relation) for relation in RELATIONS}


@pytest.fixture(scope="module")
def api_secrets(targets: dict[str, Target], django_db_blocker: Any) -> dict[str, str]:
    """One API token per acting role, made inside the module's transaction."""
    with django_db_blocker.unblock():
        return {
            role: token_create(actor=Actor.of(User.objects.get(username=f"camlam.{role}")), name="matrix-client")[1]
            for role in ROLES[1:]
        }


@pytest.fixture(autouse=True)
def pdf_without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    """A PDF row checks who may download the document, not LibreOffice: the conversion answers at
    once (real rendering is tested in test_documents and the domain tests)."""
    monkeypatch.setattr(convert, "_soffice", lambda: "/usr/bin/true")
    monkeypatch.setattr(convert, "convert_docx_to_pdf", lambda data, **kw: b"%PDF-1.4 matrix")


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """Cached bodies and memos from an earlier case (whose writes were rolled back) stay out."""
    cache.clear()


@pytest.mark.parametrize(
    ("row", "role", "relation"),
    list(_cases()),
    ids=[f"{row.route}|{role}|{relation}" for row, role, relation in _cases()],
)
def test_matrix(row: Row, role: str, relation: str, targets: dict[str, Target], api_secrets: dict[str, str]) -> None:
    acting = None if role == "anonymous" else User.objects.get(username=f"camlam.{role}")
    target = targets[relation]
    if relation == "own" and acting is not None:
        target = replace(target, token_id=target.tokens[role], job_id=target.jobs[role])
    if row.api and "{code}" in row.route and row.method in ("PATCH", "POST"):
        from antq.units.models import Unit

        code = row.path(target).split("/")[3]
        Unit.objects.filter(code=code).update(version=1)
    if acting is None:
        client = Client()
    elif row.api:
        client = Client(headers={"Authorization": f"Bearer {api_secrets[role]}"})
    else:
        client = login(Client(), acting)
    expected = row.own[role] if relation == "own" or role == "anonymous" or row.elsewhere is None else row.elsewhere
    if relation == "ancestor" and row.ancestor is not None and role != "anonymous":
        expected = row.ancestor[role]
    path, method = row.path(target), row.method.lower()
    data = row.data(target)
    if row.multipart:
        response = client.post(path, data=data)
    elif row.api and method != "get":
        response = getattr(client, method)(path, data=data, content_type="application/json")
    else:
        response = getattr(client, method)(path, data=data)
    assert response.status_code == expected, (
        f"{row.route} as {role} on {relation}: {response.status_code}, expected {expected}: {response.content[:300]!r}"
    )
