"""Permission matrix: The unit tree: listing, picker, detail, adding, editing, moving and closing units.

Rows and their meaning: tests/permissions.py."""

from __future__ import annotations

from tests.permissions import (
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
    html("units:list", "GET", lambda t: f"/units/?q={t.unit}", ALL_OK, elsewhere=None),
    html("units:picker", "GET", lambda t: "/units/picker/?q=cam", ALL_OK, elsewhere=None),
    html("units:detail", "GET", lambda t: f"/units/{t.unit}/", ALL_OK),
    html("units:create", "GET", lambda t: f"/units/{t.unit}/add/", by_role(LOGIN, 403, 200, 200, 200)),
    html("units:edit", "GET", lambda t: f"/units/{t.unit}/edit/", by_role(LOGIN, 403, 403, 200, 200)),
    html("units:move", "GET", lambda t: f"/units/{t.local}/move/", by_role(LOGIN, 403, 200, 200, 200)),
    html("units:close", "GET", lambda t: f"/units/{t.local}/close/", by_role(LOGIN, 403, 200, 200, 200)),
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
]

test_matrix = matrix(ROWS)
