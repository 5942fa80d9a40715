"""Exemplars: recording with field-named messages, denormalised placement, diacritic-insensitive
search, publishing by leaders only (an edit takes a published exemplar off the portal), version
conflicts, audit, the public reader and the HTML pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.models import AuditEntry
from antq.registry import exemplar_selectors as selectors
from antq.registry import exemplar_services as services
from antq.registry.exemplar_services import ExemplarInput
from antq.registry.models import Exemplar, Initiative, InitiativeType
from antq.units.models import Unit

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def payload(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit": "22453-0001",
        "kind": "individual",
        "category": "good_deed",
        "name": "Ông Đỗ Văn Khoa",
        "position": "Tổ trưởng Tổ bảo vệ ANTT thôn Tân Hải",
        "year": THIS_YEAR,
        "summary": "Phát hiện, cùng Công an xã bắt giữ đối tượng trộm cắp xe máy.",
        "story": "Đêm 12/3, ông Hùng phát hiện hai đối tượng lạ đẩy xe máy ra khỏi xóm...",
    }
    data.update(overrides)
    return data


def make(actor: Actor, **overrides: Any) -> Exemplar:
    data = payload(**overrides)
    return services.exemplar_create(
        actor=actor,
        data=ExemplarInput(
            unit_code=data["unit"],
            kind=data["kind"],
            category=data["category"],
            name=data["name"],
            position=data["position"],
            year=data["year"],
            summary=data["summary"],
            story=data["story"],
            initiative_id=data.get("initiative"),
        ),
    )


def post(client: Client, path: str, data: dict[str, Any]) -> Any:
    return client.post(path, data, content_type="application/json")


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


def test_viewers_are_refused_and_other_areas_see_nothing(actor: Callable[[str], Actor]) -> None:
    with pytest.raises(Forbidden):
        make(actor("camlam.viewer"))
    exemplar = make(actor("camlam.officer"))
    with pytest.raises(NotFound):
        services.exemplar_update(
            actor=actor("thanhsen.officer"),
            exemplar_id=exemplar.pk,
            version=1,
            data=ExemplarInput("", "", "", "", 1, "", ""),
        )
    with pytest.raises(Forbidden):
        services.exemplar_delete(actor=actor("camlam.viewer"), exemplar_id=exemplar.pk, version=1)
    with pytest.raises(NotFound):
        selectors.exemplar_get(actor=actor("thanhsen.leader"), exemplar_id=exemplar.pk)


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


def test_service_conflict_on_publish_with_a_stale_version(actor: Callable[[str], Actor]) -> None:
    exemplar = make(actor("camlam.officer"))
    services.exemplar_publish(actor=actor("camlam.leader"), exemplar_id=exemplar.pk, version=1)
    with pytest.raises(Conflict):
        services.exemplar_unpublish(actor=actor("camlam.leader"), exemplar_id=exemplar.pk, version=1)


def test_an_initiative_must_be_of_the_exemplars_commune(actor: Callable[[str], Actor]) -> None:
    kind = InitiativeType.objects.first() or InitiativeType.objects.create(code="camera", name="Camera")

    def initiative(commune: str) -> Initiative:
        unit = Unit.objects.get(code=commune)
        return Initiative.objects.create(
            type=kind,
            name=f"Camera an ninh {unit.name}",
            unit=unit,
            province=unit.province,
            commune=unit,
            started_on=dt.date(2025, 1, 1),
            status_since=dt.date(2025, 1, 1),
        )

    own, sibling = initiative("22453"), initiative("22366")
    province_officer = actor("khanhhoa.officer")
    with pytest.raises(ValidationFailed) as refused:
        make(province_officer, initiative=sibling.pk)
    assert set(refused.value.errors) == {"initiative"}
    with pytest.raises(ValidationFailed) as unseen:
        make(actor("camlam.officer"), initiative=sibling.pk)
    assert "initiative" in unseen.value.errors
    assert make(province_officer, initiative=own.pk).initiative_id == own.pk


def test_public_exemplars_are_published_ones_only_and_filter_like_the_list(actor: Callable[[str], Actor]) -> None:
    officer, leader = actor("camlam.officer"), actor("camlam.leader")
    hidden = make(officer, name="Bà Lý Thị Hạnh")
    shown = make(officer, name="Tổ tự quản thôn Đông Cam", kind="collective", category="advanced")
    services.exemplar_publish(actor=leader, exemplar_id=shown.pk, version=shown.version)
    public = selectors.public_exemplars(filters=selectors.ExemplarFilter(unit_code="22453", published=False))
    assert shown in public and hidden not in public
    assert list(selectors.public_exemplars(filters=selectors.ExemplarFilter(query="to tu quan thon dong cam"))) == [
        shown
    ]


def test_html_record_publish_edit_and_delete(client_as: Callable[[str], Client]) -> None:
    officer = client_as("camlam.officer")
    assert officer.get("/registry/exemplars/new/").status_code == 200
    form = {k: v for k, v in payload().items()}
    bad = officer.post("/registry/exemplars/new/", {**form, "story": ""})
    assert bad.status_code == 200 and Exemplar.objects.filter(name=form["name"]).count() == 0
    assert bad.context["form"].errors["story"]
    saved = officer.post("/registry/exemplars/new/", {**form, "initiative": ""})
    assert saved.status_code == 302
    exemplar = Exemplar.objects.get(name=form["name"])
    assert saved["Location"] == f"/registry/exemplars/{exemplar.pk}/"
    page = officer.get(saved["Location"]).content.decode()
    assert form["summary"] in page and f"/registry/exemplars/{exemplar.pk}/publish/" not in page
    leader = client_as("camlam.leader")
    assert f"/registry/exemplars/{exemplar.pk}/publish/" in leader.get(saved["Location"]).content.decode()
    assert leader.post(f"/registry/exemplars/{exemplar.pk}/publish/", {"version": 1}).status_code == 302
    exemplar.refresh_from_db()
    assert exemplar.is_published
    edit = officer.get(f"/registry/exemplars/{exemplar.pk}/edit/")
    assert edit.status_code == 200 and 'class="card warn"' in edit.content.decode()
    stale = officer.post(f"/registry/exemplars/{exemplar.pk}/edit/", {**form, "version": 1, "name": "Tên cũ"})
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()
    officer.post(f"/registry/exemplars/{exemplar.pk}/edit/", {**form, "version": exemplar.version})
    exemplar.refresh_from_db()
    assert not exemplar.is_published
    listing = officer.get("/registry/exemplars/", {"q": "do van khoa", "published": "no"}).content.decode()
    assert f"/registry/exemplars/{exemplar.pk}/" in listing
    confirm = officer.get(f"/registry/exemplars/{exemplar.pk}/delete/")
    assert confirm.status_code == 200 and Exemplar.objects.filter(pk=exemplar.pk).exists()
    gone = officer.post(f"/registry/exemplars/{exemplar.pk}/delete/", {"version": exemplar.version})
    assert gone.status_code == 302 and not Exemplar.objects.filter(pk=exemplar.pk).exists()
    assert client_as("thanhsen.officer").get(f"/registry/exemplars/{exemplar.pk}/").status_code == 404
