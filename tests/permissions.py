"""The permission matrix's harness. Every HTML route and every API operation has a row in the
`test_permissions.py` of its app (tests/<app>/test_permissions.py), checked for every role held at a
commune (Xã Cam Lâm, 22453, in Khánh Hòa) and for an anonymous visitor, against a target in the
actor's own unit, in an ancestor (the province), in a sibling commune (22366) and outside (Hà Tĩnh).

An app's module lists its `ROWS`, the target builders its rows need (`MATRIX_TARGETS`), and
`test_matrix = matrix(ROWS)`. The targets are built once per module inside a transaction that is
rolled back at the module's end; each case runs in a savepoint inside it.
`tests/test_routes.py::test_every_route_has_a_row` fails when a route is added without a row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client, TestCase

from antq.accounts.models import User
from antq.accounts.services import AccountInput, token_create, user_create
from antq.core.actor import Actor, Role
from antq.core.documents import convert
from tests.helpers import login

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


Builder = Callable[[Target, str, Actor], None]


def build_target(relation: str, builders: Sequence[Builder]) -> Target:
    """What the cases of one relation act on. The token and the finished job of the "own" relation
    belong to the acting user (one per role, in `tokens`/`jobs`); elsewhere to another account."""
    system = Actor.of(User.objects.get(username="bo.administrator"))
    account = user_create(
        actor=system,
        data=AccountInput(
            username=f"matrix.{relation}",
            password="matrix-password-2025",
            home_unit_code=ACCOUNT_HOME[relation],
            full_name="Tài khoản kiểm thử",
            role=Role.VIEWER,
        ),
    )
    token, _secret = token_create(actor=Actor.of(account), name="matrix")
    target = Target(
        unit=UNIT[relation],
        local=LOCAL[relation] or UNIT[relation],
        account_id=account.pk,
        token_id=token.pk,
        role_id=account.role_assignments.get().pk,
    )
    for builder in builders:
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


def values_csv(unit: str) -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("so-lieu.csv", f"Mã đơn vị,[leaflets]\r\n{unit},5\r\n".encode(), "text/csv")


def reporting_targets(target: Target, relation: str, system: Actor) -> None:
    import datetime as dt

    from django.utils import timezone

    from antq.reporting.catalogue.seed import FESTIVAL_FORM
    from antq.reporting.models import Report, ReportForm, ReportPeriod, ReportState
    from antq.reporting.reports import services as reporting_services
    from antq.reporting.reports.drafts import period_get_or_create

    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    period = period_get_or_create(form=form, key="2026")
    ReportPeriod.objects.filter(pk=period.pk).update(closes_on=timezone.localdate() + dt.timedelta(days=30))
    period.refresh_from_db()
    report = reporting_services.report_open(
        actor=system, form_code=FESTIVAL_FORM, period_key="2026", unit_code=UNIT[relation]
    )
    if report.state != ReportState.DRAFT:  # the demo decided it: make it a draft again for the write rows
        Report.objects.filter(pk=report.pk).update(state=ReportState.DRAFT)
        report.values.update(approved=False)
        report.refresh_from_db()
    target.report_id, target.report_version = report.pk, report.version
    target.period_version = period.version
    if target.site_id:  # results are entered for a held site (issue 18)
        from antq.festivals.models import FestivalSite, SiteState

        FestivalSite.objects.filter(pk=target.site_id).update(state=SiteState.HELD)


def festival_targets(target: Target, relation: str, system: Actor) -> None:
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from antq.festivals import services as site_services
    from antq.festivals.services import SiteInput
    from antq.plans import services as plan_services
    from antq.plans.models import Plan, PlanState
    from antq.plans.services import PlanInput, TaskInput

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
            data=PlanInput(
                year=2026,
                title="Kế hoạch kiểm thử",
                window_start=parent.window_start,
                window_end=parent.window_end,
                parent_plan_id=parent.pk,
            ),
        )
        plan = plan_services.plan_issue(
            actor=system,
            plan_id=draft.pk,
            version=draft.version,
            number="901",
            issued_on=dt.date(2026, 6, 20),
            signer_name="Nguyễn Văn Kiểm",
        )
    plan_services.plan_attach(
        actor=system, plan_id=plan.pk, upload=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 matrix", "application/pdf")
    )
    for description in ("Nhiệm vụ kiểm thử", "Nhiệm vụ đã xong"):
        plan.refresh_from_db()
        plan_services.task_add(
            actor=system,
            plan_id=plan.pk,
            version=plan.version,
            data=TaskInput(description=description, due_on=dt.date(2026, 7, 30)),
            reason="Kiểm thử",
        )
    plan.refresh_from_db()
    tasks = list(plan.tasks.order_by("-pk")[:2])
    target.task_unit = TASK_UNIT[relation]
    plan_services.task_complete(
        actor=system, plan_id=plan.pk, task_id=tasks[0].pk, unit_code=target.task_unit, done_on=dt.date(2026, 7, 1)
    )
    target.plan_id, target.plan_version = plan.pk, plan.version
    target.task_id, target.done_task_id = tasks[1].pk, tasks[0].pk
    draft = plan_services.plan_create(
        actor=system,
        issuer_code=code,
        data=PlanInput(
            year=2026,
            title="Dự thảo kiểm thử",
            window_start=parent.window_start,
            window_end=parent.window_end,
            parent_plan_id=parent.pk,
        ),
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


def org_under_56() -> str:
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
    "ancestor": org_under_56,
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


def pdf_upload() -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("scan.pdf", b"%PDF-1.4 matrix", "application/pdf")


def sites_workbook(unit: str) -> object:
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


SEASON = "/api/reporting/forms/ket-qua-ngay-hoi/periods/2026"


DECIDE = by_role(UNAUTH, 403, 403, 403, 403)


CATALOGUE = "/api/catalogue"


CATALOGUE_ONLY = by_role(LOGIN, 403, 403, 403, 403)


API_CATALOGUE_ONLY = by_role(UNAUTH, 403, 403, 403, 403)


def first_rule_id() -> int:
    from antq.reporting.models import IndicatorRule

    rule = IndicatorRule.objects.order_by("pk").first()
    assert rule is not None
    return rule.pk


def ACCOUNT_HOME_OF(target: Target) -> str:
    return User.objects.get(pk=target.account_id).home_unit.code


def _cases(rows: Sequence[Row]) -> Iterator[tuple[Row, str, str]]:
    for row in rows:
        for role in ROLES:
            relations = ["own"] if row.elsewhere is None or role == "anonymous" else RELATIONS
            if row.route in LOCAL_ONLY:
                relations = [r for r in relations if LOCAL[r]]
            for relation in relations:
                yield row, role, relation


# Routes that act on a village (moving and closing): the ancestor relation has none.
LOCAL_ONLY = frozenset(
    {
        "PATCH /api/units/{code}",
        "units:move",
        "units:close",
        "POST /api/units/{code}/move",
        "POST /api/units/{code}/close",
    }
)


@contextmanager
def _rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def matrix_targets(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: Any
) -> Iterator[dict[str, Target]]:
    """The targets of every relation for one app's module (its `MATRIX_TARGETS` builders), built
    once inside a transaction rolled back at the module's end. Each case runs in a savepoint
    inside it (pytest-django's per-test atomic), so what a case writes is gone before the next."""
    builders = getattr(request.module, "MATRIX_TARGETS", ())
    with django_db_blocker.unblock(), _rolled_back():
        yield {relation: build_target(relation, builders) for relation in RELATIONS}


@pytest.fixture(scope="module")
def matrix_api_secrets(matrix_targets: dict[str, Target], django_db_blocker: Any) -> dict[str, str]:
    """One API token per acting role, made inside the module's transaction."""
    with django_db_blocker.unblock():
        return {
            role: token_create(actor=Actor.of(User.objects.get(username=f"camlam.{role}")), name="matrix-client")[1]
            for role in ROLES[1:]
        }


@pytest.fixture(scope="module")
def matrix_sessions(matrix_targets: dict[str, Target], django_db_blocker: Any) -> Iterator[dict[str, str]]:
    """One signed-in session per acting role (second factor passed for administrators), made
    inside the module's transaction; each case sends its cookie from a fresh client, so a case
    that logs out or changes its session leaves the next one untouched (its writes roll back).

    Django's TestCase checks deferred foreign keys after every test, which on SQLite scans the
    whole database (13 ms a case); matrix cases only send requests, whose writes the domain tests
    check with it on, so the module skips it."""
    with django_db_blocker.unblock():
        sessions = {
            role: login(Client(), User.objects.get(username=f"camlam.{role}"))
            .cookies[settings.SESSION_COOKIE_NAME]
            .value
            for role in ROLES[1:]
        }
    original = TestCase._should_check_constraints
    TestCase._should_check_constraints = lambda self, connection: False  # type: ignore[method-assign]
    yield sessions
    TestCase._should_check_constraints = original  # type: ignore[method-assign]


@pytest.fixture
def matrix_case(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    """What every case runs with: PDF rows check who may download the document, not LibreOffice
    (the conversion answers at once; real rendering is tested in the document tests); cached
    bodies and memos of an earlier, rolled-back case stay out; throwaway accounts hash fast
    (Argon2 itself is tested in tests/accounts)."""
    monkeypatch.setattr(convert, "_soffice", lambda: "/usr/bin/true")
    monkeypatch.setattr(convert, "convert_docx_to_pdf", lambda data, **kw: b"%PDF-1.4 matrix")
    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_case(
    row: Row,
    role: str,
    relation: str,
    targets: dict[str, Target],
    api_secrets: dict[str, str],
    sessions: dict[str, str],
) -> None:
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
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
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


def matrix(rows: Sequence[Row]) -> Callable[..., None]:
    """The parametrised test of one app's rows: one case per route x role x relation."""
    cases = list(_cases(rows))

    @pytest.mark.django_db
    @pytest.mark.usefixtures("matrix_case")
    @pytest.mark.parametrize(
        ("row", "role", "relation"), cases, ids=[f"{row.route}|{role}|{relation}" for row, role, relation in cases]
    )
    def test_matrix(
        row: Row,
        role: str,
        relation: str,
        matrix_targets: dict[str, Target],
        matrix_api_secrets: dict[str, str],
        matrix_sessions: dict[str, str],
    ) -> None:
        run_case(row, role, relation, matrix_targets, matrix_api_secrets, matrix_sessions)

    return test_matrix
