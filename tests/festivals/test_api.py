"""Festival sites through the API: registration rules, pilot tiers, states and versions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from antq.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_site_date_outside_the_window_names_the_field(api_as: Callable[[str], Client], commune_plan: Plan) -> None:
    response = api_as("camlam.officer").post(
        "/api/sites",
        {"plan": commune_plan.pk, "unit": "22453-0002", "date": "2026-09-02", "venue": "Sân"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "01/07/2026" in response.json()["errors"]["date"]


def test_site_under_a_unit_outside_the_plans_area_is_refused(
    api_as: Callable[[str], Client], commune_plan: Plan
) -> None:
    response = api_as("khanhhoa.officer").post(
        "/api/sites",
        {"plan": commune_plan.pk, "unit": "22366", "date": "2026-07-20", "venue": "Sân"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "ngoài" in response.json()["errors"]["unit"] or "outside" in response.json()["errors"]["unit"]


def test_default_coordinates_and_pilot_tier_rules(api_as: Callable[[str], Client], commune_plan: Plan) -> None:
    client = api_as("camlam.officer")
    ok = client.post(
        "/api/sites",
        {"plan": commune_plan.pk, "unit": "22453", "date": "2026-07-20", "venue": "Sân"},
        content_type="application/json",
    )
    assert ok.status_code == 201
    body = ok.json()
    assert abs(body["latitude"] - 12.0843) < 0.001 and body["name"].endswith("Xã Cam Lâm")
    pilot = client.post(
        "/api/sites",
        {"plan": commune_plan.pk, "unit": "22453", "date": "2026-07-20", "venue": "Sân", "pilot_tier": "ministry"},
        content_type="application/json",
    )
    assert pilot.status_code == 422 and "pilot_tier" in pilot.json()["errors"]
    by_province = api_as("khanhhoa.officer").post(
        "/api/sites",
        {"plan": commune_plan.pk, "unit": "22453", "date": "2026-07-20", "venue": "Sân", "pilot_tier": "province"},
        content_type="application/json",
    )
    assert by_province.status_code == 201


def test_states_cancel_needs_a_reason_and_stale_versions_conflict(
    api_as: Callable[[str], Client], commune_plan: Plan
) -> None:
    client = api_as("camlam.officer")
    site = client.post(
        "/api/sites",
        {"plan": commune_plan.pk, "unit": "22453-0003", "date": "2026-07-20", "venue": "Sân"},
        content_type="application/json",
    ).json()
    no_reason = client.post(
        f"/api/sites/{site['id']}/state",
        {"version": site["version"], "state": "cancelled"},
        content_type="application/json",
    )
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["errors"]
    confirmed = client.post(
        f"/api/sites/{site['id']}/state",
        {"version": site["version"], "state": "confirmed"},
        content_type="application/json",
    )
    assert confirmed.status_code == 200 and confirmed.json()["state"] == "confirmed"
    stale = client.post(
        f"/api/sites/{site['id']}/state", {"version": site["version"], "state": "held"}, content_type="application/json"
    )
    assert stale.status_code == 409
    held = client.post(
        f"/api/sites/{site['id']}/state",
        {"version": confirmed.json()["version"], "state": "held"},
        content_type="application/json",
    )
    assert held.status_code == 200
    back_to_planned = client.post(
        f"/api/sites/{site['id']}/state",
        {"version": held.json()["version"], "state": "cancelled", "reason": "x"},
        content_type="application/json",
    )
    assert back_to_planned.status_code == 422


@pytest.mark.parametrize("typed", ["ha tinh", "Hà Tĩnh", "HA TINH"])
def test_the_site_search_matches_the_province_and_commune_of_the_organiser(
    api_as: Callable[[str], Client], typed: str
) -> None:
    """Issue 18: "ha tinh" found nothing though Hà Tĩnh has 151 sites (only the organiser was matched)."""
    from antq.festivals.models import FestivalSite

    in_ha_tinh = FestivalSite.objects.filter(province__code="42", year=2026).count()
    assert in_ha_tinh > 10
    body = api_as("bo.viewer").get("/api/sites", {"q": typed, "year": 2026, "limit": 100}).json()
    assert body["count"] >= in_ha_tinh and {i["province"]["code"] for i in body["items"]} == {"42"}
    only_ha_tinh = api_as("hatinh.viewer").get("/api/sites", {"q": typed, "year": 2026}).json()
    assert only_ha_tinh["count"] == in_ha_tinh
    by_commune = api_as("khanhhoa.viewer").get("/api/sites", {"q": "cam lam", "year": 2026}).json()["items"]
    assert by_commune and all(i["commune"]["code"] == "22453" for i in by_commune)
