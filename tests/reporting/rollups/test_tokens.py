"""Generation tokens: the dashboard endpoint's cached body never outlives a saved value, even
when the cache loses the tokens."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from antq.core.actor import Actor
from antq.reporting.catalogue.seed import FESTIVAL_FORM
from antq.reporting.models import ReportPeriod
from antq.reporting.results import services
from tests.reporting.helpers import YEAR, held_site

pytestmark = pytest.mark.django_db


def test_the_dashboard_endpoint_shows_each_saved_value_even_after_the_cache_is_lost(
    period: ReportPeriod,
    actor: Callable[[str], Actor],
    api_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    """Bodies are cached in Redis and memoised per process under the write token. When Redis
    loses the token (a restart, a flush) it must not come back to a value a memoised body had."""
    cache.clear()
    client = api_as("bo.viewer")
    url = f"/api/dashboard?form={FESTIVAL_FORM}&period={YEAR}"

    def participants() -> Decimal:
        figures = client.get(url).json()["figures"]
        return Decimal(str(next(f["total"] for f in figures if f["field"] == "participants")))

    before = participants()
    assert participants() == before  # the second answer is the cached body
    officer = actor("camlam.officer")
    site = held_site()
    with django_capture_on_commit_callbacks(execute=True):
        site = services.site_results_save(
            actor=officer, site_id=site.pk, version=site.version, values={"participants": "1250"}
        )
    assert participants() - before == 1250
    cache.clear()
    assert participants() - before == 1250, "a body memoised before the loss must not come back"
    with django_capture_on_commit_callbacks(execute=True):
        services.site_results_save(
            actor=officer, site_id=site.pk, version=site.version, values={"participants": "1000"}
        )
    assert participants() - before == 1000
