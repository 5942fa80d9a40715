"""Permission matrix: Festival sites: registration one by one, in bulk and by import; calendar, map and exports.

Rows and their meaning: tests/permissions.py."""

from __future__ import annotations

from tests.permissions import (
    ALL_OK,
    API_ALL_OK,
    API_CREATE,
    API_WRITE,
    SITE_UNIT,
    UNAUTH,
    UNPROCESSABLE_IN,
    WRITE_HTML,
    WRITE_POST,
    Row,
    api_row,
    by_role,
    festival_targets,
    html,
    matrix,
    sites_workbook,
)

MATRIX_TARGETS = [festival_targets]

ROWS: list[Row] = [
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
        data=lambda t: {"plan": t.plan_id, "file": sites_workbook(t.unit)},
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
]

test_matrix = matrix(ROWS)
