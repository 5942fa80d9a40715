"""Initiative pages: register, view, change status and evaluate; the counts page; the dashboard's
"movement today" card; an action refused on the initiative's page; the question before deleting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from antq.core.actor import Actor
from antq.registry.initiatives import services
from antq.registry.initiatives.models import Initiative, InitiativeStatus
from tests.registry.initiatives.factories import camera_input, nha_trang_camera

pytestmark = pytest.mark.django_db


def test_html_register_view_change_status_and_evaluate(client_as: Callable[[str], Client]) -> None:
    client = client_as("camlam.officer")
    origin = nha_trang_camera()
    page = client.get("/registry/new/")
    assert page.status_code == 200
    picker = client.get("/registry/sources/", {"source_q": "nha trang"})
    assert origin.name in picker.content.decode()
    started = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = client.post(
        "/registry/new/",
        {
            "type": "camera",
            "unit": "22453-0002",
            "name": "Camera thôn Đông Cam",
            "started_on": started,
            "members": "4",
            "count_cameras": "8",
            "replicated_from": str(origin.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    initiative = Initiative.objects.get(name="Camera thôn Đông Cam")
    assert initiative.counts == {"cameras": 8} and initiative.replicated_from_id == origin.pk
    detail = client.get(response["Location"]).content.decode()
    assert origin.name in detail and "Camera thôn Đông Cam" in detail
    wrong = client.post("/registry/new/", {"type": "camera", "unit": "22453-0002", "name": "", "started_on": started})
    assert wrong.status_code == 200 and "errors" in wrong.content.decode()
    client.post(
        f"/registry/{initiative.pk}/evaluate/",
        {"version": initiative.version, "year": timezone.localdate().year, "rating": "exemplary", "note": "Tốt"},
    )
    initiative.refresh_from_db()
    client.post(
        f"/registry/{initiative.pk}/status/",
        {"version": initiative.version, "status": "weak", "on": timezone.localdate().isoformat()},
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.WEAK
    assert initiative.evaluations.get().rating == "exemplary"
    counts = client_as("khanhhoa.viewer").get("/registry/counts/", {"unit": "56"})
    assert counts.status_code == 200 and "Xã Cam Lâm" in counts.content.decode()


def test_the_dashboard_shows_the_movement_today(
    client_as: Callable[[str], Client], actor: Callable[[str], Actor]
) -> None:
    """The province's dashboard counts a new initiative at once, and only its own area's."""
    province = client_as("khanhhoa.viewer")

    def working_well(page: str) -> int:
        card = page.split('class="card movement"', 1)[1]
        figure = card.split("<strong>", 1)[1].split("</strong>", 1)[0]
        return int(figure.replace(".", ""))

    before = working_well(province.get("/dashboard/", {"unit": "56"}).content.decode())
    services.initiative_create(actor=actor("camlam.officer"), data=camera_input(name="Camera an ninh thôn Tân Phú"))
    page = province.get("/dashboard/", {"unit": "56"}).content.decode()
    assert working_well(page) == before + 1
    assert "Camera bảo đảm ANTT" in page.split('class="card movement"', 1)[1]
    ha_tinh = client_as("hatinh.viewer").get("/dashboard/", {"unit": "42"}).content.decode()
    assert working_well(ha_tinh) == Initiative.objects.filter(province__code="42", status="active").count()


def test_a_refused_action_shows_the_initiatives_page_again_with_the_reason(
    client_as: Callable[[str], Client], actor: Callable[[str], Actor]
) -> None:
    """The status, evaluation, photo and delete forms are part of the initiative's page: a change
    the service refuses shows the page again (nothing saved) with the message beside that form; a
    stale version answers 409 on the same page."""
    initiative = services.initiative_create(actor=actor("camlam.officer"), data=camera_input())
    client = client_as("camlam.officer")
    url = f"/registry/{initiative.pk}/"
    dissolved = client.post(f"{url}status/", {"version": initiative.version, "status": "dissolved", "on": ""})
    assert dissolved.status_code == 200 and dissolved.context["status_form"].errors
    no_reason = client.post(
        f"{url}status/",
        {"version": initiative.version, "status": "dissolved", "on": timezone.localdate().isoformat()},
    )
    assert no_reason.status_code == 200
    assert "note" in no_reason.context["status_form"].errors
    assert initiative.name in no_reason.content.decode()
    stale = client.post(f"{url}evaluate/", {"version": initiative.version - 1, "year": 2025, "rating": "weak"})
    assert stale.status_code == 409 and stale.context["evaluation_form"].non_field_errors()
    not_a_photo = client.post(f"{url}photos/", {"photo": SimpleUploadedFile("anh.jpg", b"not a photo", "image/jpeg")})
    assert not_a_photo.status_code == 200 and "photo" in not_a_photo.context["photo_form"].errors
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.ACTIVE and not initiative.evaluations.exists()
    replica = services.initiative_create(
        actor=actor("camlam.officer"), data=camera_input(name="Bản sao", replicated_from=initiative.pk)
    )
    kept = client.post(f"{url}delete/", {"version": initiative.version})
    assert kept.status_code == 200 and kept.context["form"].non_field_errors()  # on the question's page
    assert Initiative.objects.filter(pk=initiative.pk).exists() and replica.replicated_from_id == initiative.pk


def test_deleting_an_initiative_asks_first(client_as: Callable[[str], Client], actor: Callable[[str], Actor]) -> None:
    """Issue 18: the initiative's page links to a question (GET) saying what goes with it; the
    question's form deletes (POST, with the version)."""
    initiative = services.initiative_create(actor=actor("camlam.officer"), data=camera_input())
    client = client_as("camlam.officer")
    url = f"/registry/{initiative.pk}/delete/"
    assert f'href="{url}"' in client.get(f"/registry/{initiative.pk}/").content.decode()
    question = client.get(url)
    assert question.status_code == 200 and initiative.name in question.content.decode()
    assert f'name="version" value="{initiative.version}"' in question.content.decode()
    assert Initiative.objects.filter(pk=initiative.pk).exists(), "asking deletes nothing"
    assert client_as("camlam.viewer").get(url).status_code == 403
    assert client_as("hatinh.officer").get(url).status_code == 404
    gone = client.post(url, {"version": initiative.version})
    assert gone.status_code == 302 and not Initiative.objects.filter(pk=initiative.pk).exists()
