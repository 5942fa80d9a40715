"""What a report asks for (the form's lines in a year, its rules) and what the records say (prefill)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, Sum

from antq.festivals.models import FestivalSite, SiteState
from antq.reporting.models import (
    FormIndicator,
    IndicatorRule,
    PrefillSource,
    Report,
    ReportForm,
    ReportPeriod,
    ReportValue,
    SiteResult,
)
from antq.reporting.prefill import own_records, prefill_source, prefill_values
from antq.reporting.rollups import Changes, FactKey
from antq.reporting.services.periods import HELD_STATES, ZERO
from antq.reporting.values import Key, Line, lines_for
from antq.units.models import Unit

# --- Lines, prefill ----------------------------------------------------------------------------


# A form's lines and rules are read on every save, prefill and page, and change only through the
# catalogue services, which bump the "all" roll-up generation after commit. They are kept per
# process for that generation, and for at most CATALOGUE_TTL seconds so that an edit made outside
# the services (a shell, a migration) is seen within a minute. Lines and rules are never mutated.
CATALOGUE_TTL = 60.0
_lines_cache: dict[tuple[int, int], tuple[str, float, list[Line]]] = {}
_rules_cache: dict[frozenset[int], tuple[str, float, list[IndicatorRule]]] = {}


def _catalogue_token() -> str:
    return str(cache.get("rollup-gen:all", 0))


def catalogue_cache_clear() -> None:
    _lines_cache.clear()
    _rules_cache.clear()


def form_lines(form: ReportForm, year: int) -> list[Line]:
    token, now = _catalogue_token(), time.monotonic()
    hit = _lines_cache.get((form.pk, year))
    if hit is not None and hit[0] == token and now - hit[1] < CATALOGUE_TTL:
        return list(hit[2])
    indicators = [
        fi.indicator
        for fi in FormIndicator.objects.filter(form=form)
        .select_related("indicator")
        .prefetch_related("indicator__options")
        if fi.indicator.active_in(year)
    ]
    lines = lines_for(indicators)
    _lines_cache[(form.pk, year)] = (token, now, lines)
    return list(lines)


def rules_for(lines: Sequence[Line]) -> list[IndicatorRule]:
    ids = frozenset(line.indicator.pk for line in lines)
    token, now = _catalogue_token(), time.monotonic()
    hit = _rules_cache.get(ids)
    if hit is not None and hit[0] == token and now - hit[1] < CATALOGUE_TTL:
        return list(hit[2])
    rules = list(IndicatorRule.objects.filter(left_id__in=ids, right_id__in=ids).select_related("left", "right"))
    _rules_cache[ids] = (token, now, rules)
    return list(rules)


def _site_period_q(period: ReportPeriod, prefix: str = "") -> Q:
    if period.form.period_type == "season":
        return Q(**{f"{prefix}year": period.year})
    return Q(**{f"{prefix}starts_at__date__gte": period.starts_on, f"{prefix}starts_at__date__lte": period.ends_on})


def prefill_for(report: Report, lines: Sequence[Line]) -> dict[Key, Decimal]:
    """What the unit's own records say, for every line fed from records (antq.reporting.prefill)."""
    return prefill_values(report.period, report.unit, lines)


@prefill_source(
    {
        PrefillSource.SITE_RESULTS: PrefillSource.SITE_RESULTS.label,
        PrefillSource.SITES_HELD: PrefillSource.SITES_HELD.label,
        PrefillSource.SITES_PILOT: PrefillSource.SITES_PILOT.label,
    }
)
def site_prefill(period: ReportPeriod, unit: Unit, lines: Sequence[Line]) -> dict[Key, Decimal]:
    """The festival sites' results, and the sites held and pilot sites held, of the unit's own."""
    sources = {line.indicator.source for line in lines}
    result: dict[Key, Decimal] = {}
    if PrefillSource.SITE_RESULTS in sources:
        wanted = {line.indicator.pk for line in lines if line.indicator.source == PrefillSource.SITE_RESULTS}
        site_q = _site_period_q(period, "site__") if period.form.period_type != "season" else Q(year=period.year)
        rows = (
            SiteResult.objects.filter(site_q, own_records(unit), indicator_id__in=wanted)
            .exclude(site__state=SiteState.CANCELLED)
            .values("indicator__code", "option")
            .annotate(total=Sum("value"))
        )
        for row in rows:
            result[(row["indicator__code"], row["option"])] = row["total"] or ZERO
        for line in lines:
            if line.indicator.source == PrefillSource.SITE_RESULTS:
                result.setdefault(line.key, ZERO)
    if sources & {PrefillSource.SITES_HELD, PrefillSource.SITES_PILOT}:
        counts = FestivalSite.objects.filter(
            _site_period_q(period), own_records(unit), state__in=HELD_STATES
        ).aggregate(held=Count("id"), pilot=Count("id", filter=~Q(pilot_tier="")))
        for line in lines:
            if line.indicator.source == PrefillSource.SITES_HELD:
                result[line.key] = Decimal(counts["held"])
            elif line.indicator.source == PrefillSource.SITES_PILOT:
                result[line.key] = Decimal(counts["pilot"])
    return result


def _fact_key(report: Report, indicator_id: int, option: str) -> FactKey:
    return FactKey(report.form_id, report.period.key, indicator_id, option, report.province_id, report.commune_id)


def _refresh_prefill(report: Report, lines: Sequence[Line], changes: Changes) -> None:
    """Values that follow the records take the records' new sum; typed-over values keep theirs."""
    prefill = prefill_for(report, lines)
    if not prefill:
        return
    existing = {(v.indicator.code, v.option): v for v in report.values.select_related("indicator")}
    by_key = {line.key: line for line in lines}
    for key, amount in prefill.items():
        line = by_key.get(key)
        if line is None:
            continue
        row = existing.get(key)
        if row is None:
            if amount == 0 and line.indicator.source == PrefillSource.SITE_RESULTS:
                continue
            ReportValue.objects.create(
                **_value_fields(report, line.indicator.pk, key[1]), value=amount, prefilled=amount
            )
            changes.value_changed(_fact_key(report, line.indicator.pk, key[1]), None, amount, approved=False)
        elif row.overridden:
            if row.prefilled != amount:
                ReportValue.objects.filter(pk=row.pk).update(prefilled=amount)
        elif row.value != amount or row.prefilled != amount:
            ReportValue.objects.filter(pk=row.pk).update(value=amount, prefilled=amount)
            changes.value_changed(_fact_key(report, line.indicator.pk, key[1]), row.value, amount, approved=False)


def _value_fields(report: Report, indicator_id: int, option: str) -> dict[str, Any]:
    return {
        "report": report,
        "form_id": report.form_id,
        "period_key": report.period.key,
        "indicator_id": indicator_id,
        "option": option,
        "unit_id": report.unit_id,
        "province_id": report.province_id,
        "commune_id": report.commune_id,
    }
