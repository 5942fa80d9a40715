"""Results and reporting: site results feed the commune's report, every saved figure is in every
total at once, rules and bad input are refused whole, the approval chain, and the rebuild."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.festivals.models import FestivalSite, SiteState
from antq.reporting import rollups, selectors, services
from antq.reporting.catalogue import FESTIVAL_FORM
from antq.reporting.models import Report, ReportForm, ReportPeriod, ReportState, ReportValue, Rollup
from antq.units.models import COMMUNE_KINDS, Unit

pytestmark = pytest.mark.django_db
YEAR = "2026"


@pytest.fixture
def period(actor: Callable[[str], Actor]) -> ReportPeriod:
    """The 2026 season, with entry kept open around today (as the Ministry would extend it)."""
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    period = services.period_get_or_create(form=form, key=YEAR)
    today = timezone.localdate()
    return services.period_update(
        actor=actor("bo.officer"),
        period_id=period.pk,
        version=period.version,
        dates={"closes_on": max(period.closes_on, today + dt.timedelta(days=30))},
    )


def held_site(commune: str = "22453") -> FestivalSite:
    site = (
        FestivalSite.objects.filter(commune__code=commune, year=2026, state__in=[SiteState.HELD, SiteState.CONFIRMED])
        .order_by("starts_at")
        .first()
    )
    assert site is not None, "the demo season has held sites in Cam Lâm"
    return site


def national(form: ReportForm, code: str, option: str = "") -> Decimal:
    return selectors.rollup_total(
        form=form, period_key=YEAR, unit=Unit.objects.get(code="VN"), indicator=code, option=option
    )


def report_of(period: ReportPeriod, code: str, who: Actor) -> Report:
    return services.report_open(actor=who, period=period, unit=Unit.objects.get(code=code))


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


def test_report_values_edit_rules_and_conflicts(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    report = report_of(period, "22453", officer)
    before = national(period.form, "outreach_sessions")
    report = services.report_save(
        actor=officer,
        report_id=report.pk,
        version=report.version,
        values={"outreach_sessions": "12", "outreach_attendees": "3.400"},
        notes={"outreach_sessions": "Gồm 4 buổi tại trường học"},
    )
    assert national(period.form, "outreach_sessions") - before == 12
    stale = report.version - 1
    with pytest.raises(Conflict):
        services.report_save(actor=officer, report_id=report.pk, version=stale, values={"outreach_sessions": "13"})
    with pytest.raises(ValidationFailed) as excinfo:
        services.report_save(
            actor=officer,
            report_id=report.pk,
            version=report.version,
            values={"outreach_sessions": "20", "participants": "50", "medical_exams": "99999999"},
        )
    assert "medical_exams" in excinfo.value.errors  # more than the participants
    assert national(period.form, "outreach_sessions") - before == 12  # nothing of the failed save counted


def test_submit_approve_return_and_the_approved_totals(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    officer, province = actor("camlam.officer"), actor("khanhhoa.officer")
    report = report_of(period, "22453", officer)
    if not report.is_editable:
        pytest.skip("the demo left this report decided")
    with pytest.raises(ValidationFailed) as excinfo:
        services.report_submit(actor=officer, report_id=report.pk, version=report.version)
    assert "Enter every figure" in excinfo.value.message or "Nhập đủ" in excinfo.value.message
    report = services.report_save(
        actor=officer, report_id=report.pk, version=report.version, values={"outreach_sessions": "7"}
    )
    approved_before = selectors.rollup_total(
        form=period.form,
        period_key=YEAR,
        unit=Unit.objects.get(code="56"),
        indicator="outreach_sessions",
        approved=True,
    )
    report = services.report_submit(actor=officer, report_id=report.pk, version=report.version, fill_zero=True)
    assert report.state == ReportState.SUBMITTED and report.on_time is not None
    with pytest.raises(Forbidden):
        services.report_approve(actor=officer, report_id=report.pk, version=report.version)
    with pytest.raises(ValidationFailed):
        services.report_save(
            actor=officer, report_id=report.pk, version=report.version, values={"outreach_sessions": "8"}
        )
    report = services.report_approve(actor=province, report_id=report.pk, version=report.version)
    approved_after = selectors.rollup_total(
        form=period.form,
        period_key=YEAR,
        unit=Unit.objects.get(code="56"),
        indicator="outreach_sessions",
        approved=True,
    )
    assert approved_after - approved_before == 7
    with pytest.raises(ValidationFailed):
        services.report_return(actor=province, report_id=report.pk, version=report.version, reason=" ")
    report = services.report_return(
        actor=province, report_id=report.pk, version=report.version, reason="Số buổi tuyên truyền chưa khớp sổ theo dõi"
    )
    assert report.state == ReportState.RETURNED
    assert (
        selectors.rollup_total(
            form=period.form,
            period_key=YEAR,
            unit=Unit.objects.get(code="56"),
            indicator="outreach_sessions",
            approved=True,
        )
        == approved_before
    )
    report = services.report_save(
        actor=officer, report_id=report.pk, version=report.version, values={"outreach_sessions": "9"}
    )
    report = services.report_submit(actor=officer, report_id=report.pk, version=report.version)
    assert report.state == ReportState.SUBMITTED


def test_province_submits_after_its_communes_or_names_the_missing(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    officer, ministry = actor("khanhhoa.officer"), actor("bo.officer")
    report = report_of(period, "56", officer)
    if not report.is_editable:
        pytest.skip("the demo left this report decided")
    pending = Unit.objects.filter(province__code="56", kind__in=COMMUNE_KINDS, closed_on__isnull=True).exclude(
        pk__in=Report.objects.filter(period=period, state=ReportState.APPROVED).values("unit_id")
    )
    codes = list(pending.values_list("code", flat=True))
    assert codes
    with pytest.raises(ValidationFailed) as excinfo:
        services.report_submit(actor=officer, report_id=report.pk, version=report.version, fill_zero=True)
    assert "missing" in excinfo.value.errors
    report.refresh_from_db()
    report = services.report_submit(
        actor=officer, report_id=report.pk, version=report.version, fill_zero=True, missing=codes
    )
    assert {m["code"] for m in report.missing_units} == set(codes)
    with pytest.raises(Forbidden):
        services.report_approve(actor=officer, report_id=report.pk, version=report.version)
    report = services.report_approve(actor=ministry, report_id=report.pk, version=report.version)
    assert report.state == ReportState.APPROVED
    # An approved commune below cannot be reopened once the province's report went up.
    approved_commune = Report.objects.filter(
        period=period, province__code="56", level=2, state=ReportState.APPROVED
    ).first()
    if approved_commune is not None:
        with pytest.raises(ValidationFailed):
            services.report_return(
                actor=officer, report_id=approved_commune.pk, version=approved_commune.version, reason="Sửa lại"
            )


def test_entry_after_the_window_is_refused(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    report = report_of(period, "22453", officer)
    ReportPeriod.objects.filter(pk=period.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationFailed) as excinfo:
        services.report_save(actor=officer, report_id=report.pk, version=report.version, values={"leaflets": "5"})
    assert "closed" in excinfo.value.message or "đã đóng" in excinfo.value.message


def test_rebuild_matches_the_live_summaries_and_finds_drift(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    officer = actor("camlam.officer")
    report = report_of(period, "22453", officer)
    if report.is_editable:
        services.report_save(actor=officer, report_id=report.pk, version=report.version, values={"leaflets": "500"})
    with transaction.atomic():
        assert rollups.rebuild(check_only=True).differences == 0
    row = Rollup.objects.filter(form=period.form, period_key=YEAR).first()
    assert row is not None
    Rollup.objects.filter(pk=row.pk).update(total=row.total + 1)
    with transaction.atomic():
        result = rollups.rebuild()
    assert result.differences == 1 and result.samples
    with transaction.atomic():
        assert rollups.rebuild(check_only=True).differences == 0
    call_command("rollups_rebuild", "--check")
    # The facts' copied keys carry no constraint: a fact moved to another province is found.
    assert rollups.facts_disagreeing() == 0
    fact = ReportValue.objects.filter(report=report).first()
    assert fact is not None
    ReportValue.objects.filter(pk=fact.pk).update(province=Unit.objects.get(code="42"))
    assert rollups.facts_disagreeing() == 1
    with pytest.raises(SystemExit):
        call_command("rollups_rebuild", "--check")


def test_roll_up_from_facts_equals_the_summaries(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    site = held_site()
    services.site_results_save(actor=officer, site_id=site.pk, version=site.version, values={"participants": "321"})
    nation = Unit.objects.get(code="VN")
    for unit in (nation, Unit.objects.get(code="56"), Unit.objects.get(code="22453")):
        assert selectors.rollup_total(form=period.form, period_key=YEAR, unit=unit, indicator="participants") == (
            selectors.rollup_from_facts(form=period.form, period_key=YEAR, unit=unit, indicator="participants")
        )


def test_commune_and_province_figures_come_from_the_facts_and_add_up(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    """Only provinces have summary rows: a commune's totals and a province's communes are read from
    the facts, with the same SUM / COUNT / MAX meaning as the summaries, and they add up."""
    form = period.form
    lines = {line.indicator.aggregation: line for line in services.form_lines(form, 2026) if not line.option}
    commune, province = Unit.objects.get(code="22453"), Unit.objects.get(code="56")
    officer, province_officer = actor("camlam.officer"), actor("khanhhoa.officer")
    report = report_of(period, "22453", officer)
    own = report_of(period, "56", province_officer)
    typed = {line.field: "7" for line in lines.values()}
    if report.is_editable:
        services.report_save(actor=officer, report_id=report.pk, version=report.version, values=typed)
    if own.is_editable:
        services.report_save(actor=province_officer, report_id=own.pk, version=own.version, values=typed)
    commune_totals = selectors.totals(form=form, period_key=YEAR, unit=commune)
    facts = {
        (v.indicator.code, v.option): v.value
        for v in ReportValue.objects.filter(report__period=period, report__unit=commune).select_related("indicator")
    }
    for aggregation, line in lines.items():
        stored = facts.get(line.key)
        if stored is None:
            expected = None
        else:
            expected = Decimal(int(stored > 0)) if aggregation == "count" else stored
        assert commune_totals.get(line.key) == expected, (aggregation, line.key)
    children = selectors.children_totals(form=form, period_key=YEAR, unit=province)
    assert children[commune.pk] == commune_totals
    assert province.pk in children, "the province's own report is listed under the province"
    province_totals = selectors.totals(form=form, period_key=YEAR, unit=province)
    for aggregation, line in lines.items():
        parts = [figures.get(line.key, Decimal(0)) for figures in children.values()]
        combined = max(parts) if aggregation == "max" else sum(parts, Decimal(0))
        assert province_totals.get(line.key, Decimal(0)) == combined, (aggregation, line.key)
    assert Rollup.objects.filter(form=form, period_key=YEAR, unit=commune).count() == 0
    with transaction.atomic():
        assert rollups.rebuild(check_only=True).differences == 0
