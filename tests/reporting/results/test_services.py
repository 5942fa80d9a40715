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


def test_results_of_a_site_never_marked_held_are_refused(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    """Issue 18: a past-dated "planned" site jumped to "reported" with its results."""
    site = held_site()
    FestivalSite.objects.filter(pk=site.pk).update(state=SiteState.PLANNED)
    with pytest.raises(ValidationFailed) as excinfo:
        services.site_results_save(
            actor=actor("camlam.officer"), site_id=site.pk, version=site.version, values={"participants": "300"}
        )
    assert "Đã tổ chức" in excinfo.value.message
    site.refresh_from_db()
    assert site.state == SiteState.PLANNED and not site.results.exists()


def test_results_in_a_closed_period_are_refused_not_stored_uncounted(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    """Issue 18: accepted (200) and "reported", yet in no total until the site was saved again."""
    site = held_site()
    ReportPeriod.objects.filter(pk=period.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    before = national(period.form, "participants")
    with pytest.raises(ValidationFailed) as excinfo:
        services.site_results_save(
            actor=actor("camlam.officer"), site_id=site.pk, version=site.version, values={"participants": "300"}
        )
    assert "không được tính" in excinfo.value.message and "gia hạn" in excinfo.value.message
    site.refresh_from_db()
    assert site.state == SiteState.HELD and not site.results.exists()
    assert national(period.form, "participants") == before


def test_results_are_locked_with_the_submitted_or_approved_report(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    """Issue 18: after approval a site's results could still change (200) while the approved report
    and the totals stayed as they were. They are locked with the report; returning it unlocks them."""
    officer = actor("camlam.officer")
    site = held_site()
    site = services.site_results_save(
        actor=officer, site_id=site.pk, version=site.version, values={"participants": "400", "id_cards_issued": "10"}
    )
    report = Report.objects.get(period=period, unit__code="22453")
    Report.objects.filter(pk=report.pk).update(state="approved")
    before = national(period.form, "participants")
    with pytest.raises(ValidationFailed) as excinfo:
        services.site_results_save(actor=officer, site_id=site.pk, version=site.version, values={"participants": "900"})
    assert "Xã Cam Lâm" in excinfo.value.message and "trả lại báo cáo" in excinfo.value.message
    assert national(period.form, "participants") == before
    assert site.results.get(indicator__code="participants").value == Decimal(400)
    Report.objects.filter(pk=report.pk).update(state="returned")
    services.site_results_save(actor=officer, site_id=site.pk, version=site.version, values={"participants": "900"})
    assert national(period.form, "participants") - before == Decimal(500)
