"""The catalogue API (/api/catalogue): create, change with the version loaded (409 when stale),
field errors named; everyone reads, only administrators at the nation write."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from antq.reporting.catalogue.seed import FESTIVAL_FORM
from antq.reporting.models import Indicator
from tests.reporting.catalogue.helpers import ADMIN, INDICATOR, OPTIONS

pytestmark = pytest.mark.django_db
API = "/api/catalogue"


def test_api_create_conflict_and_field_errors(api_as: Callable[[str], Client]) -> None:
    client = api_as(ADMIN)
    response = client.post(f"{API}/indicators", {**INDICATOR, "options": OPTIONS}, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1 and [o["code"] for o in body["options"]] == ["knives", "powder"]
    response = client.post(
        f"{API}/rules",
        {"version": 1, "left": "items_collected", "left_option": "powder", "operator": "le", "right": "participants"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "items_collected.powder ≤ participants" and response.json()["left_version"] == 2
    rule_id = response.json()["id"]
    response = client.patch(
        f"{API}/indicators/items_collected", {"version": 1, "name": "Cũ"}, content_type="application/json"
    )
    assert response.status_code == 409 and response.json()["code"] == "conflict"
    response = client.patch(
        f"{API}/indicators/items_collected",
        {"version": 2, "decimals": 9, "active_until": 1999},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"decimals", "active_until"}
    response = client.post(f"{API}/indicators", {**INDICATOR, "decimals": "một"}, content_type="application/json")
    assert response.status_code == 422 and "decimals" in response.json()["errors"]
    response = client.delete(f"{API}/rules/{rule_id}?version=2")
    assert response.status_code == 204
    form = client.get(f"{API}/forms/{FESTIVAL_FORM}").json()
    response = client.put(
        f"{API}/forms/{FESTIVAL_FORM}/indicators",
        {"version": form["version"], "indicators": [*form["indicators"], "items_collected"]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["indicators"][-1] == "items_collected"
    assert FESTIVAL_FORM in client.get(f"{API}/indicators/items_collected").json()["forms"]
    response = client.post(
        f"{API}/forms",
        {"code": "ket-qua-thang", "name": "Báo cáo tháng", "period_type": "month", "reporting_level": "province"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["is_active"] is True
    response = client.delete(f"{API}/indicators/items_collected?version=3")
    assert response.status_code == 422 and "items_collected" in response.json()["message"]


def test_api_everyone_reads_only_the_nation_administrator_writes(api_as: Callable[[str], Client]) -> None:
    for username in ("camlam.officer", "khanhhoa.administrator"):
        client = api_as(username)
        detail = client.get(f"{API}/indicators/items_surrendered")
        assert detail.status_code == 200 and len(detail.json()["options"]) == 5
        response = client.post(f"{API}/indicators", INDICATOR, content_type="application/json")
        assert response.status_code == 403
        response = client.patch(
            f"{API}/indicators/participants",
            {"version": detail.json()["version"], "name": "x"},
            content_type="application/json",
        )
        assert response.status_code == 403
    assert not Indicator.objects.filter(code=INDICATOR["code"]).exists()
    assert Client().get(f"{API}/forms").status_code == 401


def test_api_refuses_fields_it_does_not_know_and_the_old_prefix_is_gone(api_as: Callable[[str], Client]) -> None:
    client = api_as(ADMIN)
    response = client.post(f"{API}/indicators", {**INDICATOR, "colour": "red"}, content_type="application/json")
    assert response.status_code == 422 and "colour" in response.json()["errors"]
    assert not Indicator.objects.filter(code=INDICATOR["code"]).exists()
    assert client.get(f"/api/reporting/catalogue/forms/{FESTIVAL_FORM}").status_code == 404
    assert client.get(f"{API}/forms/{FESTIVAL_FORM}").status_code == 200


def test_api_patch_changes_only_what_is_sent(api_as: Callable[[str], Client]) -> None:
    client = api_as(ADMIN)
    before = client.get(f"{API}/indicators/participants").json()
    response = client.patch(
        f"{API}/indicators/participants",
        {"version": before["version"], "name_en": "People at the festival", "active_until": None},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    after = response.json()
    assert after["name_en"] == "People at the festival" and after["version"] == before["version"] + 1
    unchanged = {k: v for k, v in before.items() if k not in ("name_en", "version", "rules")}
    assert {k: after[k] for k in unchanged} == unchanged
    form = client.get(f"{API}/forms/{FESTIVAL_FORM}").json()
    response = client.patch(
        f"{API}/forms/{FESTIVAL_FORM}", {"version": form["version"], "grace_days": 20}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["grace_days"] == 20
    assert response.json()["name"] == form["name"] and response.json()["indicators"] == form["indicators"]
