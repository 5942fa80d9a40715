"""Permission matrix: Results and reporting: site results, reports and their decisions, documents, exports and imports.

Rows and their meaning: tests/permissions.py."""

from __future__ import annotations

from tests.permissions import (
    ALL_OK,
    API_ALL_OK,
    API_CREATE,
    API_WRITE,
    DECIDE,
    LOGIN,
    PDF_STATUS,
    SEASON,
    UNAUTH,
    WRITE_HTML,
    Row,
    api_row,
    by_role,
    festival_targets,
    html,
    matrix,
    reporting_targets,
    values_csv,
)

MATRIX_TARGETS = [festival_targets, reporting_targets]

ROWS: list[Row] = [
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
        data=lambda t: {"unit": t.unit, "dry_run": "true", "file": values_csv(t.unit)},
    ),
]

test_matrix = matrix(ROWS)
