"""Initiatives: registering one replicated from another commune's, its counts at once in the
province's reports and counts, the status history read at a period's end, every bad input named,
conflicts, scope, photos, the types catalogue and the HTML pages."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.models import AuditEntry
from antq.registry import selectors, services
from antq.registry.models import Initiative, InitiativeStatus
from antq.registry.services import InitiativeInput
from antq.reporting.catalogue.seed import MOVEMENT_FORM
from antq.reporting.catalogue.selectors import form_lines
from antq.reporting.models import IndicatorOption, ReportForm
from antq.reporting.reports import services as report_services
from antq.reporting.reports.drafts import prefill_for
from antq.reporting.rollups import selectors as report_selectors
from antq.units.models import Unit

pytestmark = pytest.mark.django_db


def half_year_key(day: dt.date) -> str:
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def province_total(indicator: str, option: str = "", code: str = "56") -> Decimal:
    form = ReportForm.objects.get(code=MOVEMENT_FORM)
    return report_selectors.rollup_total(
        form=form,
        period_key=half_year_key(timezone.localdate()),
        unit=Unit.objects.get(code=code),
        indicator=indicator,
        option=option,
    )


def nha_trang_camera() -> Initiative:
    origin = Initiative.objects.filter(unit__code="22366", type__code="camera").first()
    assert origin is not None, "the demo has a camera initiative in Phường Nha Trang"
    return origin


def png(size: tuple[int, int] = (8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def camera_input(**changes: object) -> InitiativeInput:
    data: dict[str, object] = {
        "type_code": "camera",
        "unit_code": "22453-0001",
        "name": "Camera an ninh thôn Tân Hải",
        "started_on": timezone.localdate() - dt.timedelta(days=3),
        "members": 6,
        "households": 120,
        "counts": {"cameras": 16},
    }
    data.update(changes)
    return InitiativeInput(**data)  # type: ignore[arg-type]


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


def test_status_history_and_the_period_end(actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    initiative = services.initiative_create(actor=officer, data=camera_input())
    effective = province_total("initiatives_effective")
    weak = province_total("initiatives_weak")
    today = timezone.localdate()
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_set_status(
            actor=officer,
            initiative_id=initiative.pk,
            version=initiative.version,
            status="weak",
            on=initiative.started_on - dt.timedelta(days=1),
        )
    assert "on" in excinfo.value.errors
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_set_status(
            actor=officer, initiative_id=initiative.pk, version=initiative.version, status="dissolved", on=today
        )
    assert "note" in excinfo.value.errors, "dissolving needs a reason"
    initiative = services.initiative_set_status(
        actor=officer, initiative_id=initiative.pk, version=initiative.version, status="weak", on=today
    )
    assert province_total("initiatives_effective") == effective - 1
    assert province_total("initiatives_weak") == weak + 1
    assert list(initiative.history.values_list("status", flat=True)) == ["active", "weak"]
    # A past period counts the status at its end, from the history.
    form = ReportForm.objects.get(code=MOVEMENT_FORM)
    report = report_services.report_open(
        actor=officer, form_code=form.code, period_key=half_year_key(today), unit_code="22453"
    )
    prefill = prefill_for(report, form_lines(form, today.year))
    assert prefill[("initiatives_weak", "")] >= 1


def test_bad_input_is_named_and_nothing_is_saved(actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    count = Initiative.objects.count()
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_create(
            actor=officer,
            data=camera_input(
                type_code="no_such_type",
                name="",
                started_on=timezone.localdate() + dt.timedelta(days=5),
                members=-3,
            ),
        )
    assert {"type", "name", "started_on", "members"} <= set(excinfo.value.errors)
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_create(actor=officer, data=camera_input(counts={"students": 4}))
    assert "counts.students" in excinfo.value.errors
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_create(actor=officer, data=camera_input(unit_code="18073"))
    assert "outside your area" in excinfo.value.errors["unit"] or "ngoài" in excinfo.value.errors["unit"]
    origin = nha_trang_camera()
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_create(
            actor=officer,
            data=camera_input(started_on=origin.started_on - dt.timedelta(days=1), replicated_from=origin.pk),
        )
    assert "replicated_from" in excinfo.value.errors
    assert Initiative.objects.count() == count


def test_retired_types_and_replication_cycles_are_refused(actor: Callable[[str], Actor]) -> None:
    officer, ministry = actor("camlam.officer"), actor("bo.administrator")
    first = services.initiative_create(actor=officer, data=camera_input(name="Mô hình A"))
    second = services.initiative_create(actor=officer, data=camera_input(name="Mô hình B", replicated_from=first.pk))
    third = services.initiative_create(actor=officer, data=camera_input(name="Mô hình C", replicated_from=second.pk))
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_update(
            actor=officer,
            initiative_id=first.pk,
            version=first.version,
            data=camera_input(name="Mô hình A", replicated_from=third.pk),
        )
    assert "replicated_from" in excinfo.value.errors
    first.refresh_from_db()
    assert first.replicated_from_id is None
    with pytest.raises(ValidationFailed):
        services.initiative_delete(actor=officer, initiative_id=second.pk, version=second.version)
    kind = selectors.type_get(code="clan")
    services.type_update(
        actor=ministry,
        code="clan",
        version=kind.version,
        data={"name": kind.name, "measures": kind.measures, "is_active": False},
    )
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_create(actor=officer, data=camera_input(type_code="clan", counts={}))
    assert "retired" in excinfo.value.errors["type"] or "ngừng" in excinfo.value.errors["type"]


def test_stale_versions_conflict_and_roles_are_checked(actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    initiative = services.initiative_create(actor=officer, data=camera_input())
    stale = initiative.version
    services.initiative_update(actor=officer, initiative_id=initiative.pk, version=stale, data=camera_input(members=9))
    with pytest.raises(Conflict):
        services.initiative_update(
            actor=officer, initiative_id=initiative.pk, version=stale, data=camera_input(members=12)
        )
    initiative.refresh_from_db()
    assert initiative.members == 9
    with pytest.raises(Forbidden):
        services.initiative_create(actor=actor("camlam.viewer"), data=camera_input())
    with pytest.raises(NotFound):
        services.initiative_set_status(
            actor=actor("thanhsen.officer"),
            initiative_id=initiative.pk,
            version=initiative.version,
            status="weak",
            on=timezone.localdate(),
        )


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


def test_types_are_kept_by_the_ministry_and_feed_the_by_type_indicator(
    api_as: Callable[[str], Client],
) -> None:
    payload = {
        "code": "fire_watch",
        "name": "Tổ liên gia an toàn phòng cháy",
        "measures": [{"code": "extinguishers", "name": "Số bình chữa cháy"}],
    }
    assert (
        api_as("camlam.administrator").post("/api/registry/types", payload, content_type="application/json").status_code
        == 403
    )
    response = api_as("bo.administrator").post("/api/registry/types", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert IndicatorOption.objects.filter(indicator__code="initiatives_by_type", code="fire_watch").exists()
    bad = api_as("bo.administrator").post(
        "/api/registry/types",
        {"code": "Bad Code", "name": "", "measures": [{"code": "x", "name": ""}]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert {"code", "name", "measures.0.code", "measures.0.name"} <= set(bad.json()["errors"])


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
