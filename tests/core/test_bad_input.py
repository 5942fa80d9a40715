"""Careless or hostile input never finds a server error (issue 18): control characters and lone
surrogates, formula-like text in exports, out-of-range numbers, unreadable bodies and uploads,
unknown fields, and the one error shape `{code, message, errors}` in Vietnamese for all of them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from django.test import Client
from openpyxl import load_workbook

from antq.festivals.models import FestivalSite
from antq.plans.models import Plan

pytestmark = pytest.mark.django_db


def _shape(response) -> dict:  # type: ignore[no-untyped-def]
    body = response.json()
    assert set(body) == {"code", "message", "errors"}, body
    assert body["message"], "every error says what is wrong"
    return body


def _site_body(plan: Plan, **extra: object) -> dict[str, object]:
    return {"plan": plan.pk, "unit": "22453-0001", "date": "2026-08-10", "venue": "Nhà văn hóa", **extra}


def test_control_characters_are_dropped_and_a_lone_surrogate_is_refused(api_as: Callable[[str], Client]) -> None:
    client = api_as("camlam.officer")
    plan = Plan.objects.get(issuer__code="22453", year=2026)
    created = client.post(
        "/api/sites",
        _site_body(plan, name="Ngày hội\x0bthôn\x00 Tân\x1f Hải", venue="Sân\x07 bóng"),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    site = FestivalSite.objects.get(pk=created.json()["id"])
    assert site.name == "Ngày hội\nthôn Tân Hải" and site.venue == "Sân bóng"
    raw = json.dumps(_site_body(plan, name="x")).replace('"name": "x"', '"name": "Ng\\ud800y"')
    refused = client.post("/api/sites", raw, content_type="application/json")
    assert refused.status_code == 422
    body = _shape(refused)
    assert "name" in body["errors"] and "ký tự" in body["errors"]["name"]


def test_the_national_export_survives_stored_control_characters_and_neutralises_formulas(
    api_as: Callable[[str], Client],
) -> None:
    """A vertical tab already stored in a site name made the national .xlsx answer 500 for
    everyone; a name starting with "=" became a live formula."""
    site = FestivalSite.objects.filter(province__code="56", year=2026).first()
    assert site is not None
    FestivalSite.objects.filter(pk=site.pk).update(name='=HYPERLINK("http://evil.example","Bấm")\x0b\x01')
    response = api_as("bo.viewer").get("/api/sites/export.xlsx", {"year": 2026})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert "\x01" not in cells[0].value


def test_the_figures_csv_neutralises_formula_like_text(api_as: Callable[[str], Client]) -> None:
    from antq.core.sheets import csv_text

    assert (
        csv_text("=1+2") == "'=1+2" and csv_text("@SUM(A1)") == "'@SUM(A1)" and csv_text("Xã Cam Lâm") == "Xã Cam Lâm"
    )
    assert csv_text(-5) == -5, "numbers stay numbers"
    rows = list(csv.reader(io.StringIO(csv_text("\tcmd") + "\n")))
    assert rows[0][0].startswith("'")


@pytest.mark.parametrize(
    "url",
    [
        "/api/sites?limit=10000000000000000000",
        "/api/sites?offset=10000000000000000000",
        "/api/units?offset=10000000000000000000",
        "/api/sites?year=10000",
        "/api/sites?year=-1",
        "/api/plans?year=99999",
        "/api/registry/initiatives?limit=0",
    ],
)
def test_out_of_range_query_parameters_are_422_naming_the_parameter(api_as: Callable[[str], Client], url: str) -> None:
    response = api_as("bo.officer").get(url)
    assert response.status_code == 422, (url, response.status_code, response.content[:300])
    body = _shape(response)
    assert set(body["errors"]) & {"limit", "offset", "year"}


def test_an_id_too_large_for_any_row_is_simply_not_found(api_as: Callable[[str], Client]) -> None:
    client = api_as("bo.officer")
    assert client.get("/api/sites?plan=99999999999999999999").status_code in (200, 422)
    missing = client.get("/api/plans/99999999999999999999")
    assert missing.status_code in (404, 422) and _shape(missing)


def test_numbers_too_large_for_the_database_are_refused_naming_the_field(api_as: Callable[[str], Client]) -> None:
    client = api_as("camlam.officer")
    plan = Plan.objects.get(issuer__code="22453", year=2026)
    response = client.post(
        "/api/sites", _site_body(plan, expected_participants=10**20), content_type="application/json"
    )
    assert response.status_code == 422 and "expected_participants" in _shape(response)["errors"]


def test_a_negative_count_says_what_is_allowed(api_as: Callable[[str], Client]) -> None:
    """Issue 18: a negative expected attendance got the generic "Giá trị không hợp lệ."."""
    plan = Plan.objects.get(issuer__code="22453", year=2026)
    response = api_as("camlam.officer").post(
        "/api/sites", _site_body(plan, expected_participants=-5), content_type="application/json"
    )
    assert response.status_code == 422
    assert _shape(response)["errors"]["expected_participants"] == "Nhập số không nhỏ hơn 0."


def test_true_is_not_a_number_and_a_number_is_not_a_date(api_as: Callable[[str], Client]) -> None:
    client = api_as("camlam.officer")
    plan = Plan.objects.get(issuer__code="22453", year=2026)
    as_bool = client.post("/api/sites", _site_body(plan, expected_participants=True), content_type="application/json")
    assert as_bool.status_code == 422 and "expected_participants" in _shape(as_bool)["errors"]
    as_int = client.post("/api/sites", _site_body(plan, date=1786000000), content_type="application/json")
    assert as_int.status_code == 422 and "date" in _shape(as_int)["errors"]


def test_unknown_fields_are_refused(api_as: Callable[[str], Client]) -> None:
    client = api_as("camlam.officer")
    plan = Plan.objects.get(issuer__code="22453", year=2026)
    response = client.post("/api/sites", _site_body(plan, colour="đỏ"), content_type="application/json")
    assert response.status_code == 422 and "colour" in _shape(response)["errors"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/sites/import",
        "/api/plans/1/attachment",
        "/api/registry/initiatives/1/photos",
        "/api/reporting/forms/ket-qua-ngay-hoi/periods/2026/imports",
    ],
)
def test_a_multipart_body_without_its_boundary_is_a_400_not_a_500(api_as: Callable[[str], Client], url: str) -> None:
    response = api_as("bo.officer").post(url, b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400, response.content[:300]
    assert "boundary" in _shape(response)["message"]


def test_a_page_upload_without_its_boundary_is_a_400_page(client_as: Callable[[str], Client]) -> None:
    response = client_as("camlam.officer").post("/sites/import/", b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400 and "boundary" in response.content.decode()


def test_a_token_always_expires(api_as: Callable[[str], Client]) -> None:
    client = api_as("camlam.officer")
    for days in (None, 0, 367, True):
        response = client.post("/api/accounts/tokens", {"name": "x", "days": days}, content_type="application/json")
        assert response.status_code == 422 and "days" in _shape(response)["errors"], days
    ok = client.post("/api/accounts/tokens", {"name": "Điện thoại"}, content_type="application/json")
    assert ok.status_code in (200, 201) and ok.json()["expires_at"]


def test_unreadable_bodies_and_auth_failures_answer_in_the_one_shape(
    api_as: Callable[[str], Client], client_as: Callable[[str], Client]
) -> None:
    bad_json = api_as("camlam.officer").post("/api/sites", "{not json", content_type="application/json")
    assert bad_json.status_code == 400 and "JSON" in _shape(bad_json)["message"]
    anonymous = Client().get("/api/sites")
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"].startswith("Bearer")
    assert _shape(anonymous)["code"] == "unauthenticated"
    stale = Client(enforce_csrf_checks=True)
    stale.cookies["sessionid"] = "no-such-session"
    assert stale.post("/api/sites", {}, content_type="application/json").status_code == 401
    browser = client_as("camlam.officer")
    browser.handler.enforce_csrf_checks = True
    no_csrf = browser.post("/api/sites", {}, content_type="application/json")
    assert no_csrf.status_code == 403 and _shape(no_csrf)["code"] == "csrf_failed"
    assert "CSRF" in no_csrf.json()["message"] and "tải lại" in no_csrf.json()["message"]


def test_a_page_form_drops_control_characters(client_as: Callable[[str], Client]) -> None:
    client = client_as("camlam.officer")
    plan = Plan.objects.get(issuer__code="22453", year=2026)
    response = client.post(
        "/sites/new/",
        {"plan": plan.pk, "unit": "22453-0002", "date": "2026-08-10", "venue": "Hội\x0b trường\x1b thôn"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert FestivalSite.objects.filter(unit__code="22453-0002", venue="Hội\n trường thôn").exists()


def test_documents_are_written_from_text_stored_before_the_rule(client_as: Callable[[str], Client]) -> None:
    plan = Plan.objects.get(issuer__code="56", year=2026)
    Plan.objects.filter(pk=plan.pk).update(title=plan.title + "\x0b\x01\x1f")
    response = client_as("khanhhoa.officer").get(f"/plans/{plan.pk}/document.docx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_what_a_signed_in_user_sees_is_not_cached_and_the_api_docs_have_a_policy(
    api_as: Callable[[str], Client], client_as: Callable[[str], Client]
) -> None:
    page = client_as("camlam.officer").get("/sites/")
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert "no-store" in api_as("camlam.officer").get("/api/sites")["Cache-Control"]
    docs = client_as("camlam.officer").get("/api/docs")
    assert (
        "default-src 'self'" in docs["Content-Security-Policy"]
        and "script-src 'self'" in docs["Content-Security-Policy"]
    )
    assert "no-store" not in Client().get("/health").get("Cache-Control", "")
