"""Reading the figures of a form and period for a unit and everything below it: the nation and a
province from the province summaries (one GROUP BY), a commune straight from its facts (one
indexed GROUP BY), MAX figures from the facts (indexed). Callers did the scope check."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, Sum

from antq.reporting.catalogue.models import Aggregation, FormIndicator, Indicator, ReportForm
from antq.reporting.reports.models import ReportValue
from antq.reporting.rollups.models import Rollup
from antq.reporting.values import Key
from antq.units.models import PROVINCE_KINDS, Unit

ZERO = Decimal(0)
Totals = dict[Key, Decimal]


def _indicator_codes(form: ReportForm) -> dict[int, Indicator]:
    return {fi.indicator_id: fi.indicator for fi in FormIndicator.objects.filter(form=form).select_related("indicator")}


def _value_column(indicator: Indicator, approved: bool) -> str:
    if indicator.aggregation == Aggregation.COUNT:
        return "approved_units" if approved else "units"
    return "approved_total" if approved else "total"


def _facts_scope(unit: Unit) -> Q:
    if unit.level == 0:
        return Q()
    if unit.kind in PROVINCE_KINDS:
        return Q(province=unit)
    return Q(commune=unit)


def totals(*, form: ReportForm, period_key: str, unit: Unit, approved: bool = False) -> Totals:
    """Every figure of the form for `unit` and everything below it."""
    both = totals_by_period(form=form, period_keys=[period_key], unit=unit)
    return dict(both.get(period_key, ({}, {}))[1 if approved else 0])


# The figures of a group of facts: SUM and COUNT figures from the first four, MAX figures from the last two.
_FACT_FIGURES: dict[str, Any] = {
    "total": Sum("value"),
    "units": Count("pk", filter=Q(value__gt=0)),
    "approved_total": Sum("value", filter=Q(approved=True)),
    "approved_units": Count("pk", filter=Q(approved=True, value__gt=0)),
    "top": Max("value"),
    "approved_top": Max("value", filter=Q(approved=True)),
}


def _put(pair: tuple[Totals, Totals], indicator: Indicator, option: str, row: dict[str, Any]) -> None:
    """Store one grouped row's figure in (all figures, approved figures)."""
    everything, approved_only = pair
    key = (indicator.code, option)
    if indicator.aggregation == Aggregation.MAX:
        if row.get("top") is not None:
            everything[key] = max(everything.get(key, row["top"]), row["top"])
        if row.get("approved_top") is not None:
            approved_only[key] = max(approved_only.get(key, row["approved_top"]), row["approved_top"])
        return
    everything[key] = Decimal(row[_value_column(indicator, False)] or 0)
    approved_only[key] = Decimal(row[_value_column(indicator, True)] or 0)


def totals_by_period(*, form: ReportForm, period_keys: list[str], unit: Unit) -> dict[str, tuple[Totals, Totals]]:
    """(all figures, approved figures) of the form for `unit` and its subtree, per period: the nation
    and a province from the province summaries (one GROUP BY, plus one over the facts for MAX
    figures), a commune straight from its own facts (one indexed GROUP BY)."""
    indicators = _indicator_codes(form)
    result: dict[str, tuple[Totals, Totals]] = {key: ({}, {}) for key in period_keys}
    if unit.level > 0 and unit.kind not in PROVINCE_KINDS:
        facts = ReportValue.objects.filter(
            _facts_scope(unit), form=form, period_key__in=period_keys, indicator_id__in=indicators
        )
        for row in facts.values("period_key", "indicator_id", "option").annotate(**_FACT_FIGURES):
            _put(result[row["period_key"]], indicators[row["indicator_id"]], row["option"], row)
        return result
    rows = Rollup.objects.filter(form=form, period_key__in=period_keys, indicator_id__in=indicators)
    if unit.level > 0:
        rows = rows.filter(unit=unit)
    sums = rows.values("period_key", "indicator_id", "option").annotate(
        total=Sum("total"),
        units=Sum("units"),
        approved_total=Sum("approved_total"),
        approved_units=Sum("approved_units"),
    )
    for row in sums:
        indicator = indicators[row["indicator_id"]]
        if indicator.aggregation != Aggregation.MAX:
            _put(result[row["period_key"]], indicator, row["option"], row)
    maxima = [pk for pk, i in indicators.items() if i.aggregation == Aggregation.MAX]
    if maxima:
        facts = ReportValue.objects.filter(
            _facts_scope(unit), form=form, period_key__in=period_keys, indicator_id__in=maxima
        )
        tops = facts.values("period_key", "indicator_id", "option").annotate(
            top=_FACT_FIGURES["top"], approved_top=_FACT_FIGURES["approved_top"]
        )
        for row in tops:
            _put(result[row["period_key"]], indicators[row["indicator_id"]], row["option"], row)
    return result


def rollup_total(
    *, form: ReportForm, period_key: str, unit: Unit, indicator: str, option: str = "", approved: bool = False
) -> Decimal:
    return totals(form=form, period_key=period_key, unit=unit, approved=approved).get((indicator, option), ZERO)


def rollup_from_facts(
    *, form: ReportForm, period_key: str, unit: Unit, indicator: str, option: str = "", approved: bool = False
) -> Decimal:
    """The same figure straight from the facts (for checks and the benchmark)."""
    facts = ReportValue.objects.filter(
        _facts_scope(unit), form=form, period_key=period_key, indicator__code=indicator, option=option
    )
    if approved:
        facts = facts.filter(approved=True)
    return facts.aggregate(total=Sum("value"))["total"] or ZERO


def children_totals(*, form: ReportForm, period_key: str, unit: Unit, approved: bool = False) -> dict[int, Totals]:
    """Figures of each unit one level down (nation -> provinces from the summaries, province ->
    communes from the facts, plus the province's own report under the province's id)."""
    indicators = _indicator_codes(form)
    result: dict[int, tuple[Totals, Totals]] = defaultdict(lambda: ({}, {}))
    if unit.level == 0:
        fields = ("unit_id", "indicator_id", "option", "total", "units", "approved_total", "approved_units")
        for r in Rollup.objects.filter(form=form, period_key=period_key).values(*fields):
            indicator = indicators.get(r["indicator_id"])
            if indicator is not None and indicator.aggregation != Aggregation.MAX:
                _put(result[r["unit_id"]], indicator, r["option"], r)
        maxima = [pk for pk, i in indicators.items() if i.aggregation == Aggregation.MAX]
        if maxima:
            facts = ReportValue.objects.filter(form=form, period_key=period_key, indicator_id__in=maxima)
            tops = facts.values("province_id", "indicator_id", "option").annotate(
                top=_FACT_FIGURES["top"], approved_top=_FACT_FIGURES["approved_top"]
            )
            for row in tops:
                if row["province_id"] is not None:
                    _put(result[row["province_id"]], indicators[row["indicator_id"]], row["option"], row)
    elif unit.kind in PROVINCE_KINDS:
        facts = ReportValue.objects.filter(form=form, period_key=period_key, indicator_id__in=indicators, province=unit)
        # A fact without a commune is the province's own report; it is listed under the province.
        for row in facts.values("commune_id", "indicator_id", "option").annotate(**_FACT_FIGURES):
            _put(result[row["commune_id"] or unit.pk], indicators[row["indicator_id"]], row["option"], row)
    return {unit_id: pair[1 if approved else 0] for unit_id, pair in result.items()}


def below_totals(*, form: ReportForm, period_key: str, unit: Unit) -> tuple[Totals, Totals] | None:
    """(all figures, approved figures) of the units below `unit`, without its own report: a
    province's communes (from their facts, one indexed GROUP BY), the nation's provinces (the
    summaries); None for a unit with no reporting units below it."""
    if unit.level == 0:
        return totals_by_period(form=form, period_keys=[period_key], unit=unit)[period_key]
    if unit.kind not in PROVINCE_KINDS:
        return None
    indicators = _indicator_codes(form)
    pair: tuple[Totals, Totals] = ({}, {})
    facts = ReportValue.objects.filter(
        form=form, period_key=period_key, indicator_id__in=indicators, province=unit, commune__isnull=False
    )
    for row in facts.values("indicator_id", "option").annotate(**_FACT_FIGURES):
        _put(pair, indicators[row["indicator_id"]], row["option"], row)
    return pair


def series(*, form: ReportForm, period_keys: list[str], unit: Unit, approved: bool = False) -> dict[str, Totals]:
    both = totals_by_period(form=form, period_keys=period_keys, unit=unit)
    return {key: both[key][1 if approved else 0] for key in period_keys}
