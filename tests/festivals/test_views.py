"""The site pages: the commune's table form, the import with its confirmation, calendar and map,
and a refused change of state."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from antq.festivals.models import FestivalSite
from antq.plans.models import Plan
from tests.festivals.factories import workbook

pytestmark = pytest.mark.django_db


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


def test_a_refused_change_of_state_shows_the_sites_page_again(client_as: Callable[[str], Client]) -> None:
    """Cancelling without a reason: the site's page comes back with the reason beside nothing lost
    (it used to redirect with a message); the site is unchanged."""
    site = FestivalSite.objects.filter(commune__code="22453", state="planned").first()
    assert site is not None
    client = client_as("camlam.officer")
    response = client.post(f"/sites/{site.pk}/state/", {"version": site.version, "state": "cancelled"})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert response.context["site"].pk == site.pk
    stale = client.post(f"/sites/{site.pk}/state/", {"version": site.version - 1, "state": "confirmed"})
    assert stale.status_code == 409
    assert FestivalSite.objects.get(pk=site.pk).state == "planned"
    viewer = client_as("camlam.viewer").post(
        f"/sites/{site.pk}/state/", {"version": site.version, "state": "confirmed"}
    )
    assert viewer.status_code == 403
