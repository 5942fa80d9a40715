"""Reporting's own prefill sources, from the festival sites: the sum of the sites' results, the
sites held and the pilot sites held, of a unit's own sites in the period (registered with
`antq.reporting.prefill` when the app starts)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from antq.festivals.models import FestivalSite, SiteState
from antq.reporting.catalogue.models import PrefillSource
from antq.reporting.prefill import own_records, prefill_source
from antq.reporting.reports.models import ReportPeriod
from antq.reporting.results.models import SiteResult
from antq.reporting.values import Key, Line
from antq.units.models import Unit

ZERO = Decimal(0)
HELD_STATES = (SiteState.HELD, SiteState.REPORTED)
SITE_SOURCES = frozenset(
    {PrefillSource.SITE_RESULTS, PrefillSource.SITES_HELD, PrefillSource.SITES_PILOT, PrefillSource.LARGEST_SITE}
)
# The site result whose largest value one site reached is "the largest attendance at one site".
ATTENDANCE = "participants"


def _site_period_q(period: ReportPeriod, prefix: str = "") -> Q:
    if period.form.period_type == "season":
        return Q(**{f"{prefix}year": period.year})
    return Q(**{f"{prefix}starts_at__date__gte": period.starts_on, f"{prefix}starts_at__date__lte": period.ends_on})


@prefill_source({source: PrefillSource(source).label for source in sorted(SITE_SOURCES)})
def site_prefill(period: ReportPeriod, unit: Unit, lines: Sequence[Line]) -> dict[Key, Decimal]:
    """The festival sites' results, the sites held and pilot sites held, and the largest attendance
    one site had, of the unit's own."""
    sources = {line.indicator.source for line in lines}
    result: dict[Key, Decimal] = {}
    site_q = _site_period_q(period, "site__") if period.form.period_type != "season" else Q(year=period.year)
    if PrefillSource.SITE_RESULTS in sources:
        wanted = {line.indicator.pk for line in lines if line.indicator.source == PrefillSource.SITE_RESULTS}
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
    if PrefillSource.LARGEST_SITE in sources:
        largest = (
            SiteResult.objects.filter(site_q, own_records(unit), indicator__code=ATTENDANCE, option="")
            .exclude(site__state=SiteState.CANCELLED)
            .aggregate(top=Max("value"))["top"]
        )
        for line in lines:
            if line.indicator.source == PrefillSource.LARGEST_SITE:
                result[line.key] = largest if largest is not None else ZERO
    return result
