"""The site results page (made for a phone): a refused figure comes back beside its box with what
was typed, a saved one moves the site to "reported"; who cannot enter results reads them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from antq.festivals.models import FestivalSite, SiteState
from antq.reporting.models import ReportPeriod
from tests.reporting.helpers import held_site

pytestmark = pytest.mark.django_db


def test_results_are_entered_on_the_page(period: ReportPeriod, client_as: Callable[[str], Client]) -> None:
    site = held_site()
    url = f"/reports/sites/{site.pk}/"
    client = client_as("camlam.officer")
    figures = {"version": site.version, "v:participants": "100", "v:id_cards_issued": "120"}
    response = client.post(url, figures)
    page = response.content.decode()
    assert response.status_code == 200 and "(120)" in page and 'value="120"' in page  # the rule: cards ≤ people
    assert FestivalSite.objects.get(pk=site.pk).state != SiteState.REPORTED
    response = client.post(url, {**figures, "v:id_cards_issued": "12"})
    assert response.status_code == 302 and response["Location"] == f"/sites/{site.pk}/"
    assert FestivalSite.objects.get(pk=site.pk).state == SiteState.REPORTED
    viewer = client_as("camlam.viewer").get(url)
    assert viewer.status_code == 200 and viewer.context["can_enter"] is False
    assert "v:participants" not in viewer.content.decode()
    assert client_as("hatinh.officer").get(url).status_code == 404
