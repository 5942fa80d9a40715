"""Permission matrix: The kernel's own routes: health, the language switch, background jobs, the API's schema and docs.

Rows and their meaning: tests/permissions.py."""

from __future__ import annotations

from tests.permissions import (
    ALL_OK,
    API_ALL_OK,
    Row,
    api_row,
    by_role,
    html,
    matrix,
)

MATRIX_TARGETS = []

ROWS: list[Row] = [
    html("health", "GET", lambda t: "/health", by_role(200, 200, 200, 200, 200), elsewhere=None),
    html(
        "set_language",
        "POST",
        lambda t: "/i18n/setlang/",
        by_role(302, 302, 302, 302, 302),
        elsewhere=None,
        data=lambda t: {"language": "en", "next": "/"},
    ),
    api_row("GET", "/api/health", lambda t: "/api/health", by_role(200, 200, 200, 200, 200), elsewhere=None),
    api_row(
        "GET", "/api/openapi.json", lambda t: "/api/openapi.json", by_role(200, 200, 200, 200, 200), elsewhere=None
    ),
    api_row("GET", "/api/docs", lambda t: "/api/docs", by_role(200, 200, 200, 200, 200), elsewhere=None),
    html("core:job", "GET", lambda t: f"/jobs/{t.job_id}/", ALL_OK),
    html("core:job_file", "GET", lambda t: f"/jobs/{t.job_id}/file/", ALL_OK),
    api_row("GET", "/api/jobs/{job_id}", lambda t: f"/api/jobs/{t.job_id}", API_ALL_OK),
    api_row("GET", "/api/jobs/{job_id}/file", lambda t: f"/api/jobs/{t.job_id}/file", API_ALL_OK),
    # An address nothing matches: the same 404 for everyone, signed in or not.
    html("not_found", "GET", lambda t: "/khong-co-trang-nay/", by_role(404, 404, 404, 404, 404), elsewhere=None),
]

test_matrix = matrix(ROWS)
