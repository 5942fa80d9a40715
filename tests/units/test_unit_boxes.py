"""The unit box on the create forms (site, initiative, exemplar, pledge): the type-ahead finds
villages by name without diacritics, and a typed full name is accepted when it names one unit.
Issue 18: the picker asked only for `kind=ward` (the last of several "kind" keys in one JSON
object), so a village's name found nothing, and a typed name was refused on save."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from antq.core.actor import Actor
from antq.festivals.models import FestivalSite
from antq.plans.models import Plan
from antq.registry.models import Initiative, InitiativeType
from antq.units.models import Unit
from antq.units.services import unit_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["van thuy", "Thôn Văn Thủy", "THON VAN THUY"])
def test_the_site_form_picker_finds_a_village_by_its_name(client_as: Callable[[str], Client], typed: str) -> None:
    client = client_as("camlam.officer")
    form = client.get("/sites/new/").content.decode()
    assert '"kinds": "' in form  # every allowed kind travels in one value
    kinds = form.split('"kinds": "')[1].split('"')[0]
    assert "village" in kinds and "commune" in kinds
    found = client.get("/units/picker/", {"q": typed, "kinds": kinds, "target": "id_unit"}).content.decode()
    assert "22453-0003" in found and "Thôn Văn Thủy" in found


def test_the_picker_for_communes_finds_cam_lam(client_as: Callable[[str], Client]) -> None:
    found = client_as("khanhhoa.officer").get("/units/picker/", {"q": "cam lam", "kinds": "commune,ward"})
    assert "22453" in found.content.decode()


def test_a_site_saved_with_the_villages_name_typed_without_accents(client_as: Callable[[str], Client]) -> None:
    client = client_as("camlam.officer")
    plan = Plan.objects.get(issuer__code="22453", year=2026)
    before = FestivalSite.objects.filter(unit__code="22453-0003").count()
    response = client.post(
        "/sites/new/",
        {"plan": plan.pk, "unit": "thon van thuy", "date": "2026-08-10", "venue": "Nhà văn hóa thôn Văn Thủy"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert FestivalSite.objects.filter(unit__code="22453-0003").count() == before + 1


def test_a_name_outside_the_area_or_unknown_is_refused_beside_the_box(client_as: Callable[[str], Client]) -> None:
    client = client_as("camlam.officer")
    plan = Plan.objects.get(issuer__code="22453", year=2026)
    for typed in ("Phường Thành Sen", "thon khong ton tai"):
        response = client.post("/sites/new/", {"plan": plan.pk, "unit": typed, "date": "2026-08-10", "venue": "X"})
        assert response.status_code == 200
        assert "does not exist or is outside your area" in response.content.decode() or "không tồn tại" in (
            response.content.decode()
        )


def test_a_name_several_units_share_asks_to_choose(client_as: Callable[[str], Client]) -> None:
    admin = Actor.of(get_user_model().objects.get(username="khanhhoa.administrator"))
    other = Unit.objects.filter(parent__code="56", kind="commune", closed_on__isnull=True).exclude(code="22453").first()
    assert other is not None
    for parent in ("22453", other.code):  # two villages of one name in two communes of the province
        unit_create(actor=admin, parent_code=parent, kind="village", name="Thôn Trùng Tên")
    plan = Plan.objects.get(issuer__code="56", year=2026)
    response = client_as("khanhhoa.officer").post(
        "/sites/new/", {"plan": plan.pk, "unit": "thon trung ten", "date": "2026-08-10", "venue": "X"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Thôn Trùng Tên" in body and "22453-" in body and f"{other.code}-" in body


def test_an_initiative_saved_with_the_villages_name(client_as: Callable[[str], Client]) -> None:
    client = client_as("camlam.officer")
    kind = InitiativeType.objects.filter(is_active=True).first()
    assert kind is not None
    response = client.post(
        "/registry/new/",
        {"type": kind.code, "unit": "van thuy", "name": "Camera an ninh thôn Văn Thủy", "started_on": "2026-03-01"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Initiative.objects.get(name="Camera an ninh thôn Văn Thủy").unit.code == "22453-0003"
