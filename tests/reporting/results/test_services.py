"""Entering a festival site's results: they reach every total in the same transaction, bad input
is refused whole, and the site's day, scope (404 outside the area), role and version are checked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.utils import timezone

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.festivals.models import FestivalSite, SiteState
from antq.reporting.models import Report, ReportPeriod, ReportValue
from antq.reporting.results import services
from tests.reporting.helpers import held_site, national

pytestmark = pytest.mark.django_db


def test_site_results_reach_the_national_total_in_the_same_transaction(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    officer = actor("camlam.officer")
    site = held_site()
    before = national(period.form, "participants")
    site = services.site_results_save(
        actor=officer,
        site_id=site.pk,
        version=site.version,
        values={"participants": "1.250", "id_cards_issued": "40", "items_surrendered.explosives": "2,5"},
    )
    assert site.state == SiteState.REPORTED
    report = Report.objects.get(period=period, unit__code="22453")
    value = ReportValue.objects.get(report=report, indicator__code="participants")
    assert value.prefilled == value.value and not value.overridden
    assert national(period.form, "participants") - before == Decimal(1250)
    assert national(period.form, "items_surrendered", "explosives") >= Decimal("2.5")
    # Correcting the site moves every total by the difference only.
    site = services.site_results_save(
        actor=officer, site_id=site.pk, version=site.version, values={"participants": "1000", "id_cards_issued": "40"}
    )
    assert national(period.form, "participants") - before == Decimal(1000)


def test_site_results_refuse_bad_input_whole(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    site = held_site()
    with pytest.raises(ValidationFailed) as excinfo:
        services.site_results_save(
            actor=officer,
            site_id=site.pk,
            version=site.version,
            values={"participants": "-5", "gift_value": "nhiều", "houses_built": "1,5"},
        )
    errors = excinfo.value.errors
    assert "âm" in errors["participants"]
    assert "không phải là số" in errors["gift_value"]
    assert "số nguyên" in errors["houses_built"]
    with pytest.raises(ValidationFailed) as excinfo:
        services.site_results_save(
            actor=officer,
            site_id=site.pk,
            version=site.version,
            values={"participants": "100", "id_cards_issued": "120"},
        )
    assert "Số người được làm thủ tục cấp căn cước (120)" in excinfo.value.errors["id_cards_issued"]
    site.refresh_from_db()
    assert site.state != SiteState.REPORTED and not site.results.exists()


def test_site_results_wait_for_the_day_and_need_the_role(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    site = held_site()
    with pytest.raises(Forbidden):
        services.site_results_save(
            actor=actor("camlam.viewer"), site_id=site.pk, version=site.version, values={"participants": "1"}
        )
    with pytest.raises(NotFound):
        services.site_results_save(
            actor=actor("thanhsen.officer"), site_id=site.pk, version=site.version, values={"participants": "1"}
        )
    with pytest.raises(Conflict):
        services.site_results_save(
            actor=actor("camlam.officer"), site_id=site.pk, version=site.version - 1, values={"participants": "1"}
        )
    FestivalSite.objects.filter(pk=site.pk).update(starts_at=timezone.now() + dt.timedelta(days=3))
    with pytest.raises(ValidationFailed):
        services.site_results_save(
            actor=actor("camlam.officer"), site_id=site.pk, version=site.version, values={"participants": "1"}
        )
