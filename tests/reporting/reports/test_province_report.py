"""A province's report shows what its communes entered beside its own figures; lines fed from the
sites are prefilled, 0 included, and the largest attendance at one site follows the sites' results;
a second press of "submit" is told the report went up already (issue 18)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db.models import Max
from django.test import Client

from antq.core.actor import Actor
from antq.core.errors import Conflict
from antq.core.text import format_figure
from antq.reporting.models import Report, ReportPeriod, ReportState, ReportValue
from antq.reporting.reports import selectors, services
from antq.reporting.results import services as results
from antq.reporting.results.models import SiteResult
from tests.reporting.helpers import FESTIVAL_FORM, YEAR, held_site, report_of

pytestmark = pytest.mark.django_db


def _communes_sum(period: ReportPeriod, code: str, *, approved: bool) -> Decimal:
    facts = ReportValue.objects.filter(
        form=period.form, period_key=period.key, province__code="56", commune__isnull=False, indicator__code=code
    )
    return sum((v.value for v in facts if v.approved or not approved), Decimal(0))


def test_the_province_report_shows_its_communes_sum_beside_its_own(
    period: ReportPeriod, actor: Callable[[str], Actor], client_as: Callable[[str], Client]
) -> None:
    officer = actor("khanhhoa.officer")
    report_of(period, "56", officer)
    context = selectors.report_page(actor=officer, form_code=FESTIVAL_FORM, key=YEAR, unit_code="56")
    lines = {r.line.key: r for r in context["report_lines"]}
    participants = lines[("participants", "")]
    expected_all = _communes_sum(period, "participants", approved=False)
    assert expected_all > 0, "the demo season has commune figures in Khánh Hòa"
    assert participants.below_all == expected_all
    assert participants.below_approved == _communes_sum(period, "participants", approved=True)
    assert context["below"] is True
    page = client_as("khanhhoa.officer").get(f"/reports/{FESTIVAL_FORM}/{YEAR}/56/").content.decode()
    assert f"{format_figure(participants.below_approved)} / {format_figure(expected_all)}" in page
    # A commune's report has no units below it: no such column.
    commune = selectors.report_page(actor=actor("camlam.officer"), form_code=FESTIVAL_FORM, key=YEAR, unit_code="22453")
    assert not commune.get("below") and all(r.below_all is None for r in commune["report_lines"])


def test_lines_fed_from_the_sites_are_prefilled_with_zero_and_the_largest_attendance(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    officer = actor("camlam.officer")
    existing = Report.objects.filter(period=period, unit__code="22453").first()
    if existing is not None and existing.state not in (ReportState.DRAFT, ReportState.RETURNED):
        pytest.skip("the demo left this report decided")
    site = held_site()
    site = results.site_results_save(
        actor=officer, site_id=site.pk, version=site.version, values={"participants": "987.654"}
    )
    report = report_of(period, "22453", officer)
    values = {(v.indicator.code, v.option): v for v in report.values.select_related("indicator")}
    largest = values[("largest_site_participants", "")]
    assert largest.value == Decimal(987654) and not largest.overridden
    top = SiteResult.objects.filter(site__commune__code="22453", year=2026, indicator__code="participants")
    assert largest.value == top.aggregate(m=Max("value"))["m"]
    # Records that say 0 fill 0: no site of Cam Lâm recorded repaired roads.
    SiteResult.objects.filter(site__commune__code="22453", year=2026, indicator__code="roads_repaired").delete()
    ReportValue.objects.filter(report=report, indicator__code="roads_repaired").delete()  # (facts only; a test)
    site.refresh_from_db()
    results.site_results_save(actor=officer, site_id=site.pk, version=site.version, values={"participants": "987.654"})
    roads = ReportValue.objects.get(report=report, indicator__code="roads_repaired")
    assert roads.value == 0 and roads.prefilled == 0 and not roads.overridden


def test_a_second_submit_is_told_the_report_was_already_submitted(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    officer = actor("camlam.officer")
    report = report_of(period, "22453", officer)
    if not report.is_editable:
        pytest.skip("the demo left this report decided")
    version = report.version
    services.report_submit(actor=officer, report_id=report.pk, version=version, fill_zero=True)
    with pytest.raises(Conflict) as twice:
        services.report_submit(actor=officer, report_id=report.pk, version=version, fill_zero=True)
    message = twice.value.message
    assert "đã được gửi" in message or "already submitted" in message, message
    assert "camlam.officer" in message or officer.user.get_full_name() in message
