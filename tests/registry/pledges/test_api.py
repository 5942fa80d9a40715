"""Emulation pledges over the API: signing units from below the pledge's unit, the festival site's
commune and day, dates and household counts, version conflicts, audit, the count in the half-year
movement report, and the form's choices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from antq.core.actor import Actor
from antq.core.errors import Forbidden, NotFound
from antq.core.models import AuditEntry
from antq.festivals.models import FestivalSite, SiteState
from antq.registry.pledges import services
from antq.registry.pledges.models import EmulationPledge
from antq.reporting.catalogue.seed import MOVEMENT_FORM
from antq.reporting.models import ReportForm, ReportValue
from antq.reporting.reports import services as reporting_services
from antq.units.models import Unit
from tests.registry.pledges.factories import TODAY, day_of, payload, post, site_in

pytestmark = pytest.mark.django_db


def test_record_a_pledge_at_a_festival_site(api_as: Callable[[str], Client]) -> None:
    site = site_in("22453")
    client = api_as("camlam.officer")
    response = post(client, "/api/registry/pledges", payload(signed_on=day_of(site), festival_site=site.pk))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["commune"]["code"] == "22453" and body["province"]["code"] == "56"
    assert [u["code"] for u in body["party_units"]] == ["22453-0001", "22453-0002"]
    assert body["festival_site"]["id"] == site.pk and body["households"] == 1850
    entry = AuditEntry.objects.get(action="pledge.create", target_id=str(body["id"]))
    assert entry.scope_path == Unit.objects.get(code="22453").path
    assert entry.after is not None and entry.after["party_units"] == ["22453-0001", "22453-0002"]
    listed = client.get("/api/registry/pledges", {"festival_site": site.pk}).json()["items"]
    assert body["id"] in [item["id"] for item in listed]
    by_party = client.get("/api/registry/pledges", {"q": "TAN HAI"}).json()["items"]
    assert body["id"] in [item["id"] for item in by_party]


def test_bad_input_names_every_field_and_saves_nothing(api_as: Callable[[str], Client]) -> None:
    before = EmulationPledge.objects.count()
    response = post(
        api_as("camlam.officer"),
        "/api/registry/pledges",
        payload(
            signed_on=(TODAY + dt.timedelta(days=1)).isoformat(),
            title="",
            content=" ",
            party_units=["22366-0001", "22453-0001"],
            households=-5,
        ),
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"signed_on", "title", "content", "party_units", "households"}
    assert TODAY.strftime("%d/%m/%Y") in errors["signed_on"]
    assert "22366-0001" in errors["party_units"] and "22453-0001" not in errors["party_units"]
    assert "500.000" in errors["households"]
    too_many = post(api_as("camlam.officer"), "/api/registry/pledges", payload(households=10_000_000))
    assert too_many.status_code == 422 and set(too_many.json()["errors"]) == {"households"}
    not_a_date = post(api_as("camlam.officer"), "/api/registry/pledges", payload(signed_on="31/02/2026"))
    assert not_a_date.status_code == 422 and "signed_on" in not_a_date.json()["errors"]
    assert EmulationPledge.objects.count() == before


def test_party_units_lie_below_the_pledges_unit(api_as: Callable[[str], Client]) -> None:
    client = api_as("camlam.officer")
    itself = post(client, "/api/registry/pledges", payload(party_units=["22453"]))
    assert itself.status_code == 422 and "party_units" in itself.json()["errors"]
    village = post(client, "/api/registry/pledges", payload(unit="22453-0001", party_units=["22453-0002"]))
    assert village.status_code == 422 and "party_units" in village.json()["errors"]
    province = post(
        api_as("khanhhoa.officer"), "/api/registry/pledges", payload(unit="56", party_units=["22453", "22366"])
    )
    assert province.status_code == 201 and province.json()["commune"] is None


def test_the_festival_site_must_be_of_the_commune_on_its_day_and_not_cancelled(
    api_as: Callable[[str], Client],
) -> None:
    client = api_as("khanhhoa.officer")
    own, other = site_in("22453"), site_in("22366")
    elsewhere = post(
        client, "/api/registry/pledges", payload(signed_on=day_of(other), festival_site=other.pk, party_units=[])
    )
    assert elsewhere.status_code == 422 and set(elsewhere.json()["errors"]) == {"festival_site"}
    wrong_day = post(
        client,
        "/api/registry/pledges",
        payload(
            signed_on=(timezone.localtime(own.starts_at).date() - dt.timedelta(days=1)).isoformat(),
            festival_site=own.pk,
        ),
    )
    assert wrong_day.status_code == 422
    assert timezone.localtime(own.starts_at).strftime("%d/%m/%Y") in wrong_day.json()["errors"]["signed_on"]
    hidden = post(
        api_as("thanhsen.officer"),
        "/api/registry/pledges",
        payload(unit="18073", party_units=[], signed_on=day_of(own), festival_site=own.pk),
    )
    assert hidden.status_code == 422 and str(own.pk) in hidden.json()["errors"]["festival_site"]
    FestivalSite.objects.filter(pk=own.pk).update(state=SiteState.CANCELLED)
    cancelled = post(client, "/api/registry/pledges", payload(signed_on=day_of(own), festival_site=own.pk))
    assert cancelled.status_code == 422 and "festival_site" in cancelled.json()["errors"]


def test_scope_viewers_and_the_second_of_two_edits(
    api_as: Callable[[str], Client], actor: Callable[[str], Actor]
) -> None:
    assert post(api_as("camlam.viewer"), "/api/registry/pledges", payload()).status_code == 403
    first, second = api_as("camlam.officer"), api_as("khanhhoa.officer")
    created = post(first, "/api/registry/pledges", payload()).json()
    path = f"/api/registry/pledges/{created['id']}"
    assert api_as("thanhsen.leader").get(path).status_code == 404
    with pytest.raises(NotFound):
        services.pledge_delete(actor=actor("thanhsen.officer"), pledge_id=created["id"], version=1)
    with pytest.raises(Forbidden):
        services.pledge_delete(actor=actor("camlam.viewer"), pledge_id=created["id"], version=1)
    ok = first.put(path, {**payload(party_units=["22453-0003"]), "version": 1}, content_type="application/json")
    assert ok.status_code == 200 and [u["code"] for u in ok.json()["party_units"]] == ["22453-0003"]
    stale = second.put(path, {**payload(title="Bị ghi đè"), "version": 1}, content_type="application/json")
    assert stale.status_code == 409
    kept = first.get(path).json()
    assert kept["title"] == payload()["title"] and [u["code"] for u in kept["party_units"]] == ["22453-0003"]
    assert second.delete(f"{path}?version=2").status_code == 204
    actions = AuditEntry.objects.filter(target_type="emulation_pledge", target_id=str(created["id"]))
    assert sorted(actions.values_list("action", flat=True)) == ["pledge.create", "pledge.delete", "pledge.update"]


def _half_year_value(actor: Actor, code: str = "22453") -> Decimal:
    """The commune's draft half-year movement report for the period holding today: its
    `emulation_pledges` figure."""
    form = ReportForm.objects.get(code=MOVEMENT_FORM)
    key = f"{TODAY.year}-H{1 if TODAY.month <= 6 else 2}"
    report = reporting_services.report_open(actor=actor, form_code=form.code, period_key=key, unit_code=code)
    value = ReportValue.objects.filter(report=report, indicator__code="emulation_pledges", option="").first()
    return value.value if value is not None else Decimal(0)


def test_a_new_pledge_is_counted_in_the_communes_half_year_report(
    api_as: Callable[[str], Client], actor: Callable[[str], Actor]
) -> None:
    officer = actor("camlam.officer")
    before = _half_year_value(officer)
    client = api_as("camlam.officer")
    created = post(client, "/api/registry/pledges", payload()).json()
    assert _half_year_value(officer) == before + 1
    # Moved to last year, it leaves this period's count; deleted, it is gone from it.
    moved = client.put(
        f"/api/registry/pledges/{created['id']}",
        {**payload(signed_on=dt.date(TODAY.year - 1, 3, 15).isoformat()), "version": created["version"]},
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert _half_year_value(officer) == before
    client.put(
        f"/api/registry/pledges/{created['id']}",
        {**payload(), "version": moved.json()["version"]},
        content_type="application/json",
    )
    assert _half_year_value(officer) == before + 1
    assert (
        client.delete(f"/api/registry/pledges/{created['id']}?version={moved.json()['version'] + 1}").status_code == 204
    )
    assert _half_year_value(officer) == before


def test_choices_list_the_units_below_and_the_sites_of_the_commune(api_as: Callable[[str], Client]) -> None:
    client = api_as("camlam.officer")
    body = client.get("/api/registry/pledges/choices", {"unit": "22453"}).json()
    codes = {u["code"] for u in body["party_units"]}
    assert {"22453-0001", "22453-0002"} <= codes and "22453" not in codes
    sites = FestivalSite.objects.filter(commune__code="22453").exclude(state=SiteState.CANCELLED)
    assert {s["id"] for s in body["festival_sites"]} == set(sites.values_list("pk", flat=True))
    assert client.get("/api/registry/pledges/choices", {"unit": "18073"}).status_code == 404
