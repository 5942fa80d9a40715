"""The roll-up summaries: rebuilt from the facts they match, drift found by `rollups_rebuild
--check` (summaries and facts' copied keys), the same figures read from facts and summaries, and
a commune's and a province's figures adding up."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction

from antq.core.actor import Actor
from antq.reporting.catalogue.selectors import form_lines
from antq.reporting.models import ReportPeriod, ReportValue, Rollup
from antq.reporting.reports import services
from antq.reporting.results.services import site_results_save
from antq.reporting.rollups import rebuild as rollups
from antq.reporting.rollups import selectors
from antq.units.models import Unit
from tests.reporting.helpers import YEAR, held_site, report_of

pytestmark = pytest.mark.django_db


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
    site_results_save(actor=officer, site_id=site.pk, version=site.version, values={"participants": "321"})
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
    lines = {line.indicator.aggregation: line for line in form_lines(form, 2026) if not line.option}
    commune, province = Unit.objects.get(code="22453"), Unit.objects.get(code="56")
    officer, province_officer = actor("camlam.officer"), actor("khanhhoa.officer")
    report = report_of(period, "22453", officer)
    own = report_of(period, "56", province_officer)
    # (participants too: lines fed from the sites hold their records, 0 included, and the largest
    # attendance at one site may not exceed them.)
    typed = {line.field: "7" for line in lines.values()} | {"participants": "7"}
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
