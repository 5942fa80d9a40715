"""Permission-matrix rows for the initiative types (harness: tests/permissions.py). Everyone signed in
reads the catalogue; only administrators at the nation change it, and the actors hold their roles
at a commune. The rows act on the seeded type "camera": no targets of their own."""

from __future__ import annotations

from tests.permissions import ALL_OK, API_ALL_OK, LOGIN, UNAUTH, Row, api_row, by_role, html, matrix

NATION_ADMIN_ONLY = by_role(LOGIN, 403, 403, 403, 403)
API_NATION_ADMIN_ONLY = by_role(UNAUTH, 403, 403, 403, 403)

ROWS: list[Row] = [
    html("registry:type_list", "GET", lambda t: "/registry/types/", ALL_OK, elsewhere=None),
    html("registry:type_create", "GET", lambda t: "/registry/types/new/", NATION_ADMIN_ONLY, elsewhere=None),
    html("registry:type_edit", "GET", lambda t: "/registry/types/camera/", NATION_ADMIN_ONLY, elsewhere=None),
    api_row("GET", "/api/registry/types", lambda t: "/api/registry/types", API_ALL_OK, elsewhere=None),
    api_row(
        "POST",
        "/api/registry/types",
        lambda t: "/api/registry/types",
        API_NATION_ADMIN_ONLY,
        elsewhere=None,
        data=lambda t: {"code": "matrix_type", "name": "Mô hình ma trận"},
    ),
    api_row(
        "PUT",
        "/api/registry/types/{code}",
        lambda t: "/api/registry/types/camera",
        API_NATION_ADMIN_ONLY,
        elsewhere=None,
        data=lambda t: {"version": 1, "name": "Camera bảo đảm ANTT"},
    ),
]

MATRIX_TARGETS: list[object] = []

test_matrix = matrix(ROWS)
