"""Commendations' prefill sources (antq.reporting.prefill): collectives and individuals awarded by
decisions dated in the period, by form of commendation (one option per form), of the unit's own."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from antq.commendations.proposals.models import CommendationNominee
from antq.reporting.models import ReportPeriod
from antq.reporting.prefill import own_records, prefill_source
from antq.reporting.values import Key, Line
from antq.units.models import Unit

AWARDS_COLLECTIVE = "awards_collective"
AWARDS_INDIVIDUAL = "awards_individual"
AWARD_SOURCES = frozenset({AWARDS_COLLECTIVE, AWARDS_INDIVIDUAL})
KINDS = {AWARDS_COLLECTIVE: "collective", AWARDS_INDIVIDUAL: "individual"}


@prefill_source(
    {
        AWARDS_COLLECTIVE: _("Collectives commended by decisions in the period, by form"),
        AWARDS_INDIVIDUAL: _("Individuals commended by decisions in the period, by form"),
    }
)
def award_counts(period: ReportPeriod, unit: Unit, lines: Sequence[Line]) -> dict[Key, Decimal]:
    awards = (
        CommendationNominee.objects.filter(
            own_records(unit),
            awarded=True,
            decision__decided_on__gte=period.starts_on,
            decision__decided_on__lte=period.ends_on,
        )
        .values("kind", "award_form")
        .annotate(n=Count("id"))
    )
    counted = {(row["kind"], row["award_form"]): row["n"] for row in awards}
    return {line.key: Decimal(counted.get((KINDS[line.indicator.source], line.key[1]), 0)) for line in lines}
