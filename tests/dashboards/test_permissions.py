"""Permission matrix: The home page and the dashboards.

Rows and their meaning: tests/permissions.py."""

from __future__ import annotations

from tests.permissions import (
    ALL_OK,
    API_ALL_OK,
    Row,
    api_row,
    festival_targets,
    html,
    matrix,
    reporting_targets,
)

MATRIX_TARGETS = [festival_targets, reporting_targets]

ROWS: list[Row] = [
    html("home", "GET", lambda t: "/", ALL_OK, elsewhere=None),
    api_row("GET", "/api/dashboard", lambda t: f"/api/dashboard?unit={t.unit}", API_ALL_OK),
    html("dashboards:show", "GET", lambda t: f"/dashboard/?unit={t.unit}", ALL_OK),
]

test_matrix = matrix(ROWS)
