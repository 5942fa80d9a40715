"""The permission matrix: every HTML route and every API operation, for every role held at a
commune (Xã Cam Lâm, 22453, in Khánh Hòa) and for an anonymous visitor, against a target in the
actor's own unit, in an ancestor (the province), in a sibling commune (22366) and outside (Hà Tĩnh).

`test_every_route_has_a_row` fails when a route is added without a row here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from antq.accounts.actor import Actor
from antq.accounts.models import Role, User
from antq.accounts.services import token_create, user_create
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


def build_target(relation: str, acting: User | None) -> Target:
    system = Actor.of(User.objects.get(username="bo.administrator"))
    account = user_create(
        actor=system,
        username=f"matrix.{relation}",
        password="matrix-password-2025",
        home_unit_code=ACCOUNT_HOME[relation],
        full_name="Tài khoản kiểm thử",
        role=Role.VIEWER,
    )
    owner = acting if (relation == "own" and acting is not None) else account
    token, _secret = token_create(actor=Actor.of(owner), name="matrix")
    return Target(
        unit=UNIT[relation],
        local=LOCAL[relation] or UNIT[relation],
        account_id=account.pk,
        token_id=token.pk,
        role_id=account.role_assignments.get().pk,
    )


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


def html(route: str, method: str, path: Callable[[Target], str], own: dict[str, int], **kw: object) -> Row:
    return Row(route, method, path, own, **kw)  # type: ignore[arg-type]


def api_row(method: str, template: str, path: Callable[[Target], str], own: dict[str, int], **kw: object) -> Row:
    return Row(f"{method} {template}", method, path, own, api=True, **kw)  # type: ignore[arg-type]


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
    api_row(
        "GET", "/api/openapi.json", lambda t: "/api/openapi.json", by_role(200, 200, 200, 200, 200), elsewhere=None
    ),
    api_row("GET", "/api/docs", lambda t: "/api/docs", by_role(200, 200, 200, 200, 200), elsewhere=None),
]


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


@pytest.mark.parametrize(
    ("row", "role", "relation"),
    list(_cases()),
    ids=[f"{row.route}|{role}|{relation}" for row, role, relation in _cases()],
)
def test_matrix(row: Row, role: str, relation: str) -> None:
    acting = None if role == "anonymous" else User.objects.get(username=f"camlam.{role}")
    target = build_target(relation, acting)
    if row.api and "{code}" in row.route and row.method in ("PATCH", "POST"):
        from antq.units.models import Unit

        code = row.path(target).split("/")[3]
        Unit.objects.filter(code=code).update(version=1)
    if acting is None:
        client = Client()
    elif row.api:
        _token, secret = token_create(actor=Actor.of(acting), name="matrix-client")
        client = Client(headers={"Authorization": f"Bearer {secret}"})
    else:
        client = login(Client(), acting)
    expected = row.own[role] if relation == "own" or role == "anonymous" or row.elsewhere is None else row.elsewhere
    path, method = row.path(target), row.method.lower()
    data = row.data(target)
    if row.api and method != "get":
        response = getattr(client, method)(path, data=data, content_type="application/json")
    else:
        response = getattr(client, method)(path, data=data)
    assert response.status_code == expected, (
        f"{row.route} as {role} on {relation}: {response.status_code}, expected {expected}: {response.content[:300]!r}"
    )
