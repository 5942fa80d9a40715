"""Pledge pages: the form with its unit-dependent choices records the pledge; a stale delete shows
the confirmation again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from antq.registry.pledges.models import EmulationPledge
from tests.registry.pledges.factories import day_of, payload, site_in

pytestmark = pytest.mark.django_db


def test_html_form_offers_the_units_of_the_chosen_unit_and_records_the_pledge(
    client_as: Callable[[str], Client],
) -> None:
    officer = client_as("camlam.officer")
    page = officer.get("/registry/pledges/new/").content.decode()
    assert "Thôn Tân Hải" in page and 'value="22453-0001"' in page
    partial = officer.get("/registry/pledges/choices/", {"unit": "22453-0002"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and 'id="pledge-choices"' in partial.content.decode()
    assert 'value="22453-0001"' not in partial.content.decode()
    site = site_in("22453")
    form = {
        **payload(signed_on=day_of(site), festival_site=str(site.pk)),
        "party_units": ["22453-0001", "22453-0004"],
    }
    refreshed = officer.post("/registry/pledges/new/", {**form, "unit": "22366", "reload": "1"})
    assert refreshed.status_code == 200 and EmulationPledge.objects.filter(title=form["title"]).count() == 0
    refused = officer.post("/registry/pledges/new/", {**form, "households": "-1"})
    assert refused.status_code == 200 and refused.context["form"].errors["households"]
    saved = officer.post("/registry/pledges/new/", form)
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    pledge = EmulationPledge.objects.get(title=form["title"])
    assert sorted(pledge.party_units.values_list("code", flat=True)) == ["22453-0001", "22453-0004"]
    assert pledge.festival_site_id == site.pk
    detail = officer.get(saved["Location"]).content.decode()
    assert "Thôn Tân Hải" in detail and site.name in detail
    edit = officer.get(f"/registry/pledges/{pledge.pk}/edit/").content.decode()
    assert 'value="22453-0004" checked' in edit
    assert officer.get(f"/registry/pledges/{pledge.pk}/delete/").status_code == 200
    gone = officer.post(f"/registry/pledges/{pledge.pk}/delete/", {"version": pledge.version})
    assert gone.status_code == 302 and not EmulationPledge.objects.filter(pk=pledge.pk).exists()


def test_a_stale_delete_shows_the_confirmation_again(client_as: Callable[[str], Client]) -> None:
    officer = client_as("camlam.officer")
    saved = officer.post("/registry/pledges/new/", {**payload(), "party_units": []})
    assert saved.status_code == 302
    pledge = EmulationPledge.objects.get(title=payload()["title"])
    stale = officer.post(f"/registry/pledges/{pledge.pk}/delete/", {"version": pledge.version + 1})
    assert stale.status_code == 409 and stale.context["form"].non_field_errors()
    assert EmulationPledge.objects.filter(pk=pledge.pk).exists()
