"""Initiatives over the API: registering one replicated from another commune's, its counts at once
in the province's reports and counts; photos."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from antq.core.actor import Actor
from antq.core.models import AuditEntry
from antq.registry.initiatives import services
from tests.registry.initiatives.factories import camera_input, nha_trang_camera, png, province_total

pytestmark = pytest.mark.django_db


def test_a_replicated_camera_initiative_counts_in_the_province_at_once(
    api_as: Callable[[str], Client],
) -> None:
    officer, province = api_as("camlam.officer"), api_as("khanhhoa.viewer")
    origin = nha_trang_camera()
    # The officer cannot open Nha Trang's initiative (another commune) but can find it to replicate.
    assert officer.get(f"/api/registry/initiatives/{origin.pk}").status_code == 404
    found = officer.get("/api/registry/initiatives/sources", {"q": "camera an ninh khu pho nha trang"}).json()
    assert [s["id"] for s in found] == [origin.pk], found
    before = {
        "effective": province_total("initiatives_effective"),
        "replicated": province_total("initiatives_replicated"),
        "camera": province_total("initiatives_by_type", "camera"),
    }
    counts_before = province.get("/api/registry/counts", {"unit": "56"}).json()
    response = officer.post(
        "/api/registry/initiatives",
        {
            "type": "camera",
            "unit": "22453-0001",
            "name": "Camera an ninh thôn Tân Hải",
            "started_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
            "members": 6,
            "households": 120,
            "counts": {"cameras": 16, "connected": 10},
            "replicated_from": origin.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["replicated_from"] == {"id": origin.pk, "name": origin.name}
    assert body["commune"]["code"] == "22453" and body["province"]["code"] == "56"
    assert [h["status"] for h in body["history"]] == ["active"]
    # In the same request: the commune's draft half-year report and so the province's totals.
    assert province_total("initiatives_effective") == before["effective"] + 1
    assert province_total("initiatives_replicated") == before["replicated"] + 1
    assert province_total("initiatives_by_type", "camera") == before["camera"] + 1
    counts_after = province.get("/api/registry/counts", {"unit": "56"}).json()
    assert counts_after["total"]["active"] == counts_before["total"]["active"] + 1
    assert counts_after["total"]["replicated"] == counts_before["total"]["replicated"] + 1
    row = next(c for c in counts_after["children"] if c["unit"]["code"] == "22453")
    assert row["by_type"].get("camera") == 1
    assert AuditEntry.objects.filter(action="initiative.create", target_id=str(body["id"])).exists()
    # Another province sees none of it.
    assert api_as("hatinh.officer").get(f"/api/registry/initiatives/{body['id']}").status_code == 404


def test_photos_must_be_images_of_sensible_size(api_as: Callable[[str], Client], actor: Callable[[str], Actor]) -> None:
    initiative = services.initiative_create(actor=actor("camlam.officer"), data=camera_input())
    client = api_as("camlam.officer")
    url = f"/api/registry/initiatives/{initiative.pk}/photos"
    text = client.post(url, {"photo": SimpleUploadedFile("anh.jpg", b"not an image at all", "image/jpeg")})
    assert text.status_code == 422 and "photo" in text.json()["errors"]
    big = client.post(url, {"photo": SimpleUploadedFile("anh.png", b"\x89PNG" + b"0" * (11 * 1024 * 1024))})
    assert big.status_code == 422 and "10 MB" in big.json()["errors"]["photo"]
    ok = client.post(url, {"photo": SimpleUploadedFile("anh.png", png(), "image/png"), "caption": "Lắp camera"})
    assert ok.status_code == 201, ok.content
    photo = ok.json()
    assert (photo["width"], photo["height"]) == (8, 6)
    assert client.get(photo["url"]).status_code == 200
    assert api_as("hatinh.officer").get(photo["url"]).status_code == 404
    assert client.delete(photo["url"]).status_code == 204
    assert not initiative.photos.exists()
