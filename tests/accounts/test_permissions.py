"""Permission matrix: Accounts, roles, tokens, two-factor pages, the audit log and /api/me.

Rows and their meaning: tests/permissions.py."""

from __future__ import annotations

from tests.permissions import (
    ACCOUNT_HOME_OF,
    ALL_OK,
    API_ALL_OK,
    LOGIN,
    UNAUTH,
    Row,
    api_row,
    by_role,
    html,
    matrix,
)

MATRIX_TARGETS = []

ROWS: list[Row] = [
    html("audit", "GET", lambda t: f"/audit/?unit_code={t.unit}", by_role(LOGIN, 404, 404, 200, 200)),
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
    api_row("GET", "/api/me", lambda t: "/api/me", API_ALL_OK, elsewhere=None),
    api_row("GET", "/api/audit", lambda t: f"/api/audit?unit_code={t.unit}", by_role(UNAUTH, 404, 404, 200, 200)),
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
]

test_matrix = matrix(ROWS)
