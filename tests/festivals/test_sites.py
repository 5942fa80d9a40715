"""Festival sites: registration rules, bulk registration and .xlsx import (all or nothing, every
problem row named), states, exports and the calendar."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from openpyxl import Workbook, load_workbook

from antq.festivals.models import FestivalSite
from antq.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune_plan() -> Plan:
    return Plan.objects.get(issuer__code="22453", year=2026)


def workbook(rows: list[list[object]], header: list[str] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        header
        or ["Mã đơn vị", "Tên điểm", "Ngày tổ chức", "Giờ bắt đầu", "Địa điểm", "Cấp điểm", "Nội dung chương trình"]
    )
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client: Client, plan: Plan, data: bytes, dry_run: bool) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/api/sites/import", {"plan": plan.pk, "dry_run": dry_run, "file": SimpleUploadedFile("sites.xlsx", data)}
    )
    assert response.status_code in (200, 422), response.content
    return response.json()


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


def test_import_dry_run_lists_every_problem_row_and_saves_nothing(
    api_as: Callable[[str], Client], commune_plan: Plan
) -> None:
    client = api_as("camlam.officer")
    before = FestivalSite.objects.count()
    data = workbook(
        [
            ["22453-0001", "", "20/07/2026", "07:30", "Nhà văn hóa thôn Tân Hải", "", "Hội nghị; Văn nghệ"],
            ["99999", "", "20/07/2026", "07:30", "Sân", "", ""],
            ["22453-0002", "", "02/09/2026", "07:30", "Sân", "", ""],
            ["22453-0003", "", "hôm qua", "25:00", "", "Bộ", "Bắn pháo hoa"],
        ]
    )
    result = upload(client, commune_plan, data, dry_run=False)
    assert not result["ok"] and result["created"] == 0
    problems = {(p["row"], p["field"]) for p in result["problems"]}
    assert (3, "unit") in problems and (4, "date") in problems
    assert {(5, "date"), (5, "start_time"), (5, "programme")} <= problems
    assert FestivalSite.objects.count() == before


def test_import_wrong_columns_is_refused_before_any_row(api_as: Callable[[str], Client], commune_plan: Plan) -> None:
    result = upload(api_as("camlam.officer"), commune_plan, workbook([["x"]], header=["Ma", "Ngay"]), dry_run=True)
    assert not result["ok"]
    messages = " ".join(p["message"] for p in result["problems"])
    assert "Mã đơn vị" in messages and "Địa điểm" in messages


def test_import_good_file_dry_run_then_for_real(api_as: Callable[[str], Client], commune_plan: Plan) -> None:
    client = api_as("camlam.officer")
    rows = [
        [f"22453-000{n}", "", "20/07/2026", "08:00", f"Nhà văn hóa {n}", "", "Hội nghị; Trò chơi dân gian"]
        for n in (1, 2, 3, 4)
    ]
    before = FestivalSite.objects.count()
    dry = upload(client, commune_plan, workbook(rows), dry_run=True)
    assert dry["ok"] and dry["created"] == 0 and FestivalSite.objects.count() == before
    real = upload(client, commune_plan, workbook(rows), dry_run=False)
    assert real["ok"] and real["created"] == 4
    site = FestivalSite.objects.get(pk=real["site_ids"][0])
    assert sorted(site.programme.values_list("item", flat=True)) == ["folk_games", "meeting"]
    assert site.commune.code == "22453"


def test_not_a_workbook(api_as: Callable[[str], Client], commune_plan: Plan) -> None:
    result = upload(api_as("camlam.officer"), commune_plan, b"PK\x03\x04 broken zip", dry_run=True)
    assert not result["ok"] and result["problems"][0]["field"] == "file"


def test_bulk_table_form_registers_ticked_villages(client_as: Callable[[str], Client], commune_plan: Plan) -> None:
    client = client_as("camlam.officer")
    page = client.get(f"/sites/bulk/?plan={commune_plan.pk}")
    assert page.status_code == 200 and "Thôn Tân Hải" in page.content.decode()
    data = {
        "plan": commune_plan.pk,
        "commune": "22453",
        "rows-TOTAL_FORMS": 2,
        "rows-INITIAL_FORMS": 2,
        "rows-0-unit": "22453",
        "rows-1-unit": "22453-0001",
        "rows-1-include": "on",
        "rows-1-date": "2026-07-25",
        "rows-1-start_time": "07:30",
        "rows-1-venue": "Nhà văn hóa thôn",
    }
    before = FestivalSite.objects.filter(unit__code="22453-0001").count()
    response = client.post("/sites/bulk/", data)
    assert response.status_code == 302
    assert FestivalSite.objects.filter(unit__code="22453-0001").count() == before + 1
    data["rows-1-venue"] = ""
    response = client.post("/sites/bulk/", data)
    assert response.status_code == 200 and FestivalSite.objects.filter(unit__code="22453-0001").count() == before + 1


def test_html_import_dry_run_then_confirm(client_as: Callable[[str], Client], commune_plan: Plan) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as("camlam.officer")
    data = workbook([["22453-0004", "", "21/07/2026", "08:00", "Sân bóng thôn Hòa Lý", "", ""]])
    response = client.post("/sites/import/", {"plan": commune_plan.pk, "file": SimpleUploadedFile("a.xlsx", data)})
    assert response.status_code == 200
    token = response.context["token"]
    before = FestivalSite.objects.count()
    confirm = client.post("/sites/import/", {"plan": commune_plan.pk, "token": token})
    assert confirm.status_code == 302 and FestivalSite.objects.count() == before + 1


def test_exports_respect_scope(api_as: Callable[[str], Client]) -> None:
    xlsx = api_as("camlam.viewer").get("/api/sites/export.xlsx?year=2026")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Tỉnh" or rows[0][0] == "Province"
    communes = {row[1] for row in rows[1:]}
    assert communes == {"Xã Cam Lâm"}
    assert len(rows) - 1 == FestivalSite.objects.filter(commune__code="22453", year=2026).count()
    ics = api_as("camlam.viewer").get("/api/sites/export.ics?year=2026")
    calendar = Calendar.from_ical(ics.content)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == len(rows) - 1
    geo = api_as("camlam.viewer").get("/api/sites/geo?year=2026").json()
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])


def test_calendar_and_map_pages(client_as: Callable[[str], Client]) -> None:
    client = client_as("khanhhoa.viewer")
    month = client.get("/sites/calendar/?at=2026-07-15")
    assert month.status_code == 200
    view = month.context["view"]
    first, last = view.weeks[0][0].day, view.weeks[-1][-1].day
    shown = [
        s
        for s in FestivalSite.objects.filter(province__code="56", year=2026)
        if first <= timezone.localtime(s.starts_at).date() <= last
    ]
    assert view.mode == "month" and view.total == len(shown) > 0
    week = client.get("/sites/calendar/?view=week&at=2026-07-15&pilot_tier=province")
    assert week.status_code == 200 and len(week.context["view"].weeks) == 1
    assert client.get("/sites/map/").status_code == 200


def test_moving_a_village_rekeys_its_sites(actor: Callable[[str], object], commune_plan: Plan) -> None:
    from antq.festivals import services
    from antq.festivals.services import SiteInput
    from antq.units import services as unit_services
    from antq.units.models import Unit

    officer = actor("khanhhoa.officer")
    site = services.site_create(
        actor=officer,
        plan_id=commune_plan.pk,  # type: ignore[arg-type]
        data=SiteInput(unit_code="22453-0002", date=commune_plan.window_start, venue="Sân"),
    )
    village = Unit.objects.get(code="22453-0002")
    unit_services.unit_move(actor=officer, code=village.code, new_parent_code="22366", version=village.version)  # type: ignore[arg-type]
    site.refresh_from_db()
    assert site.commune is not None and site.commune.code == "22366"
