"""Exemplars over the API: field-named messages, denormalised placement, diacritic-insensitive
search, publishing by leaders only (an edit takes a published exemplar off the portal), version
conflicts and the audit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from antq.core.actor import Actor
from antq.core.models import AuditEntry
from antq.registry.exemplars import selectors
from antq.registry.exemplars.models import Exemplar
from antq.units.models import Unit
from tests.registry.exemplars.factories import THIS_YEAR, payload, post

pytestmark = pytest.mark.django_db


def test_bad_input_names_every_field_and_saves_nothing(api_as: Callable[[str], Client]) -> None:
    before = Exemplar.objects.count()
    response = post(
        api_as("camlam.officer"),
        "/api/registry/exemplars",
        payload(kind="hero", category="", name="  ", year=1990, summary="", story="", position="x" * 301),
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"kind", "category", "name", "year", "summary", "story", "position"}
    assert "2000" in errors["year"] and str(THIS_YEAR) in errors["year"]
    assert "300" in errors["position"]
    assert Exemplar.objects.count() == before


def test_unit_outside_the_area_or_not_a_record_unit_is_refused_on_the_unit_field(
    api_as: Callable[[str], Client],
) -> None:
    client = api_as("camlam.officer")
    outside = post(client, "/api/registry/exemplars", payload(unit="18073"))
    assert outside.status_code == 422 and "18073" in outside.json()["errors"]["unit"]
    missing = post(client, "/api/registry/exemplars", payload(unit="99999"))
    assert missing.status_code == 422 and "99999" in missing.json()["errors"]["unit"]
    nation = post(api_as("bo.officer"), "/api/registry/exemplars", payload(unit="VN"))
    assert nation.status_code == 422 and "unit" in nation.json()["errors"]


def test_create_denormalises_the_unit_and_search_ignores_diacritics(
    api_as: Callable[[str], Client], actor: Callable[[str], Actor]
) -> None:
    client = api_as("camlam.officer")
    response = post(client, "/api/registry/exemplars", payload())
    assert response.status_code == 201
    body = response.json()
    assert body["unit"]["code"] == "22453-0001"
    assert body["commune"]["code"] == "22453" and body["province"]["code"] == "56"
    assert body["published"] is False and body["version"] == 1
    found = client.get("/api/registry/exemplars", {"q": "ĐỖ VAN khoa"}).json()
    assert body["id"] in [item["id"] for item in found["items"]]
    assert client.get("/api/registry/exemplars", {"q": "do van khoax"}).json()["items"] == []
    by_unit_name = client.get("/api/registry/exemplars", {"q": "tan hai", "unit": "22453"}).json()
    assert body["id"] in [item["id"] for item in by_unit_name["items"]]
    collectives = client.get("/api/registry/exemplars", {"q": "hung", "kind": "collective"}).json()["items"]
    assert body["id"] not in [item["id"] for item in collectives]
    province_view = api_as("khanhhoa.viewer").get("/api/registry/exemplars", {"unit": "22453", "published": "false"})
    assert body["id"] in [item["id"] for item in province_view.json()["items"]]
    assert api_as("hatinh.officer").get(f"/api/registry/exemplars/{body['id']}").status_code == 404


def test_publishing_is_a_leaders_call_and_an_edit_takes_it_off_the_portal(
    api_as: Callable[[str], Client], actor: Callable[[str], Actor]
) -> None:
    officer, leader = api_as("camlam.officer"), api_as("camlam.leader")
    created = post(officer, "/api/registry/exemplars", payload()).json()
    path = f"/api/registry/exemplars/{created['id']}"
    assert post(officer, f"{path}/publish", {"version": created["version"]}).status_code == 403
    assert not selectors.public_exemplars().filter(pk=created["id"]).exists()
    published = post(leader, f"{path}/publish", {"version": created["version"]})
    assert published.status_code == 200 and published.json()["published"] is True
    assert published.json()["published_by"]
    assert selectors.public_exemplars().filter(pk=created["id"]).exists()
    again = post(leader, f"{path}/publish", {"version": published.json()["version"]})
    assert again.status_code == 422 and "published" in again.json()["errors"]
    edited = officer.put(
        path,
        {**payload(summary="Bắt giữ đối tượng trộm cắp."), "version": published.json()["version"]},
        content_type="application/json",
    )
    assert edited.status_code == 200 and edited.json()["published"] is False
    assert not selectors.public_exemplars().filter(pk=created["id"]).exists()
    republished = post(api_as("khanhhoa.leader"), f"{path}/publish", {"version": edited.json()["version"]})
    assert republished.status_code == 200
    off = post(leader, f"{path}/unpublish", {"version": republished.json()["version"]})
    assert off.status_code == 200 and off.json()["published_at"] is None
    actions = list(
        AuditEntry.objects.filter(target_type="exemplar", target_id=str(created["id"]))
        .order_by("pk")
        .values_list("action", "scope_path")
    )
    assert [a for a, _p in actions] == [
        "exemplar.create",
        "exemplar.publish",
        "exemplar.update",
        "exemplar.publish",
        "exemplar.unpublish",
    ]
    assert {p for _a, p in actions} == {Unit.objects.get(code="22453-0001").path}


def test_the_second_of_two_concurrent_edits_is_told_and_nothing_is_overwritten(
    api_as: Callable[[str], Client],
) -> None:
    first, second = api_as("camlam.officer"), api_as("khanhhoa.officer")
    created = post(first, "/api/registry/exemplars", payload()).json()
    path = f"/api/registry/exemplars/{created['id']}"
    ok = first.put(path, {**payload(name="Ông Đỗ Văn Khoa (sửa)"), "version": 1}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = second.put(path, {**payload(name="Bị ghi đè"), "version": 1}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert first.get(path).json()["name"] == "Ông Đỗ Văn Khoa (sửa)"
    assert second.delete(f"{path}?version=1").status_code == 409
    assert second.delete(f"{path}?version=2").status_code == 204
    assert not Exemplar.objects.filter(pk=created["id"]).exists()
    assert AuditEntry.objects.filter(action="exemplar.delete", target_id=str(created["id"])).exists()
