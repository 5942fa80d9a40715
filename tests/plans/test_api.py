"""Plans through the API as a client would: the cascade central -> province -> commune, issue and
amendment with history, the signed scan."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from antq.core.models import AuditEntry
from antq.core.text import normalise_search
from antq.plans.models import Plan, PlanRevision, PlanState
from tests.plans.factories import YEAR, create_plan, issue

pytestmark = pytest.mark.django_db


def test_full_cascade_and_the_board_shows_a_village_site_at_once(
    api_as: Callable[[str], Client], cascade: dict[str, dict]
) -> None:
    province = cascade["province"]
    assert province["state"] == "issued" and province["reference"] == "4955/KH-BCĐ"
    assert province["parent_body"] == "UBND TỈNH KHÁNH HÒA" and province["place"] == "Khánh Hòa"
    commune_client = api_as("camlam.officer")
    commune = create_plan(
        commune_client, "22453", province["id"], window_start=f"{YEAR}-07-05", window_end=f"{YEAR}-08-15"
    )
    commune = issue(commune_client, commune, "35").json()
    assert commune["parent_plan"]["reference"] == "4955/KH-BCĐ"

    board_before = api_as("khanhhoa.viewer").get(f"/api/plans/{province['id']}/board").json()
    row = next(r for r in board_before["rows"] if r["code"] == "22453")
    assert row["own_plan_reference"] == "35/KH-BCĐ" and row["sites_registered"] == 0

    site = commune_client.post(
        "/api/sites",
        {
            "plan": commune["id"],
            "unit": "22453-0001",
            "date": f"{YEAR}-07-20",
            "venue": "Nhà văn hóa thôn Tân Hải",
            "programme": ["meeting", "pledge_signing", "id_cards"],
        },
        content_type="application/json",
    )
    assert site.status_code == 201, site.content
    assert site.json()["commune"]["code"] == "22453" and site.json()["province"]["code"] == "56"

    board = api_as("khanhhoa.viewer").get(f"/api/plans/{province['id']}/board").json()
    row = next(r for r in board["rows"] if r["code"] == "22453")
    assert row["sites_registered"] == 1
    # The central board sums the commune's site into Khánh Hòa's row, and counts its plan.
    central_board = api_as("bo.viewer").get(f"/api/plans/{cascade['central']['id']}/board").json()
    khanh_hoa = next(r for r in central_board["rows"] if r["code"] == "56")
    assert khanh_hoa["own_plan_reference"] == "4955/KH-BCĐ"
    assert khanh_hoa["sites_registered"] == 1 and khanh_hoa["communes_with_plan"] == 1
    assert khanh_hoa["communes_total"] == 65
    assert len(central_board["rows"]) == 34


def test_commune_plan_before_its_province_plan_is_refused(api_as: Callable[[str], Client]) -> None:
    ministry = api_as("bo.officer")
    central = issue(ministry, create_plan(ministry, "VN", None), "173").json()
    province = create_plan(api_as("khanhhoa.officer"), "56", central["id"])  # still a draft
    response = api_as("camlam.officer").post(
        "/api/plans",
        {
            "issuer": "22453",
            "parent_plan": province["id"],
            "year": YEAR,
            "title": "KH xã",
            "window_start": f"{YEAR}-07-05",
            "window_end": f"{YEAR}-08-10",
        },
        content_type="application/json",
    )
    # A draft above is invisible to the commune, so the cited plan "does not exist" for it.
    assert response.status_code == 422
    assert "parent_plan" in response.json()["errors"]


def test_window_outside_the_parent_and_duplicate_numbers_are_refused(
    api_as: Callable[[str], Client], cascade: dict[str, dict]
) -> None:
    client = api_as("hatinh.officer")
    response = client.post(
        "/api/plans",
        {
            "issuer": "42",
            "parent_plan": cascade["central"]["id"],
            "year": YEAR,
            "title": "KH tỉnh",
            "window_start": f"{YEAR}-06-20",
            "window_end": f"{YEAR}-08-19",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "01/07" in response.json()["errors"]["window_start"]
    plan = create_plan(client, "42", cascade["central"]["id"])
    assert issue(client, plan, "88").status_code == 200
    second = create_plan(client, "42", cascade["central"]["id"])
    duplicate = issue(client, second, "88")
    assert duplicate.status_code == 422
    assert "88/KH-BCĐ" in duplicate.json()["errors"]["number"]
    assert Plan.objects.get(pk=second["id"]).state == PlanState.DRAFT


def test_province_plan_must_cite_the_central_plan(api_as: Callable[[str], Client]) -> None:
    response = api_as("hatinh.officer").post(
        "/api/plans",
        {"issuer": "42", "year": YEAR, "title": "KH", "window_start": f"{YEAR}-07-01", "window_end": f"{YEAR}-08-01"},
        content_type="application/json",
    )
    assert response.status_code == 422 and "parent_plan" in response.json()["errors"]


def test_issued_plan_changes_only_by_amendment_which_keeps_history(
    api_as: Callable[[str], Client], cascade: dict[str, dict]
) -> None:
    client = api_as("khanhhoa.officer")
    plan = cascade["province"]
    edit = client.patch(
        f"/api/plans/{plan['id']}", {"version": plan["version"], "title": "Khác"}, content_type="application/json"
    )
    assert edit.status_code == 422
    no_reason = client.post(
        f"/api/plans/{plan['id']}/amend",
        {"version": plan["version"], "reason": " ", "title": "Khác"},
        content_type="application/json",
    )
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["errors"]
    amended = client.post(
        f"/api/plans/{plan['id']}/amend",
        {
            "version": plan["version"],
            "reason": "Điều chỉnh thời gian",
            "window_end": f"{YEAR}-08-19",
            "reference": "5012/KH-BCĐ",
        },
        content_type="application/json",
    )
    assert amended.status_code == 200, amended.content
    assert amended.json()["state"] == "amended"
    revisions = client.get(f"/api/plans/{plan['id']}/revisions").json()
    assert [r["revision"] for r in revisions] == [1, 2]
    assert revisions[0]["snapshot"]["window_end"] == f"{YEAR}-08-15"
    assert revisions[1]["snapshot"]["window_end"] == f"{YEAR}-08-19"
    stale = client.post(
        f"/api/plans/{plan['id']}/amend",
        {"version": plan["version"], "reason": "x", "title": "Y"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert AuditEntry.objects.filter(action="plan.amend", target_id=str(plan["id"])).exists()


def test_narrowing_the_window_below_existing_sites_is_refused(
    api_as: Callable[[str], Client], cascade: dict[str, dict]
) -> None:
    client = api_as("khanhhoa.officer")
    plan = cascade["province"]
    site = client.post(
        "/api/sites",
        {"plan": plan["id"], "unit": "22453", "date": f"{YEAR}-08-14", "venue": "Sân UBND xã"},
        content_type="application/json",
    )
    assert site.status_code == 201
    response = client.post(
        f"/api/plans/{plan['id']}/amend",
        {"version": plan["version"], "reason": "Rút ngắn", "window_end": f"{YEAR}-08-01"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "1" in response.json()["errors"]["window_start"]
    assert PlanRevision.objects.filter(plan_id=plan["id"]).count() == 1


def test_attachment_must_be_a_pdf_or_image(api_as: Callable[[str], Client], cascade: dict[str, dict]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = api_as("khanhhoa.officer")
    bad = client.post(
        f"/api/plans/{cascade['province']['id']}/attachment", {"file": SimpleUploadedFile("scan.pdf", b"MZ not a pdf")}
    )
    assert bad.status_code == 422 and "PDF" in bad.json()["errors"]["attachment"]
    good = client.post(
        f"/api/plans/{cascade['province']['id']}/attachment",
        {"file": SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed")},
    )
    assert good.status_code == 200 and good.json()["has_attachment"]


def test_the_plan_list_searches_by_reference_and_title_without_diacritics(
    api_as: Callable[[str], Client], cascade: dict[str, dict]
) -> None:
    """Issue 18: `?q=` answered 500 (the joined issuer could not be deferred)."""
    client = api_as("khanhhoa.viewer")
    by_number = client.get("/api/plans?q=4955/KH")
    assert by_number.status_code == 200, by_number.content
    assert [p["id"] for p in by_number.json()["items"]] == [cascade["province"]["id"]]
    title = cascade["province"]["title"]
    folded = normalise_search(title).split()[-3:]
    by_title = client.get("/api/plans", {"q": " ".join(folded)})
    assert by_title.status_code == 200 and cascade["province"]["id"] in [p["id"] for p in by_title.json()["items"]]
    assert client.get("/api/plans?q=khong-co-ke-hoach-nao").json()["items"] == []
