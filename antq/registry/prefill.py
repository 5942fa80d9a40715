"""The registry's prefill sources (antq.reporting.prefill): initiatives by their status at the
period's end (their history), and emulation pledges signed in the period, of the unit's own."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.registry.initiatives.models import InitiativeStatus, InitiativeStatusChange
from antq.registry.pledges.models import EmulationPledge
from antq.reporting.models import ReportPeriod
from antq.reporting.prefill import own_records, prefill_source
from antq.reporting.values import Key, Line
from antq.units.models import Unit

INITIATIVES_ACTIVE = "initiatives_active"
INITIATIVES_WEAK = "initiatives_weak"
INITIATIVES_REPLICATED = "initiatives_replicated"
INITIATIVES_BY_TYPE = "initiatives_by_type"
PLEDGES = "pledges"
INITIATIVE_SOURCES = frozenset({INITIATIVES_ACTIVE, INITIATIVES_WEAK, INITIATIVES_REPLICATED, INITIATIVES_BY_TYPE})
PLEDGE_SOURCES = frozenset({PLEDGES})


@prefill_source(
    {
        INITIATIVES_ACTIVE: _("Initiatives working well at the period's end"),
        INITIATIVES_WEAK: _("Weak initiatives at the period's end"),
        INITIATIVES_REPLICATED: _("Replicated initiatives working at the period's end"),
        INITIATIVES_BY_TYPE: _("Initiatives working well, by type (one option per type)"),
    }
)
def initiative_counts(period: ReportPeriod, unit: Unit, lines: Sequence[Line]) -> dict[Key, Decimal]:
    last: dict[int, tuple[str, str, bool]] = {}
    history = (
        InitiativeStatusChange.objects.filter(
            own_records(unit, "initiative__"), on__lte=period.ends_on, initiative__started_on__lte=period.ends_on
        )
        .order_by("initiative_id", "on", "id")
        .values_list("initiative_id", "status", "initiative__type__code", "initiative__replicated_from_id")
    )
    for initiative_id, status, type_code, origin in history:
        last[initiative_id] = (status, type_code, origin is not None)
    states = list(last.values())
    active = [s for s in states if s[0] == InitiativeStatus.ACTIVE]
    by_type: dict[str, int] = {}
    for _status, type_code, _replica in active:
        by_type[type_code] = by_type.get(type_code, 0) + 1
    counts = {
        INITIATIVES_ACTIVE: len(active),
        INITIATIVES_WEAK: sum(1 for s in states if s[0] == InitiativeStatus.WEAK),
        INITIATIVES_REPLICATED: sum(1 for s in active if s[2]),
    }
    return {
        line.key: Decimal(
            by_type.get(line.key[1], 0)
            if line.indicator.source == INITIATIVES_BY_TYPE
            else counts[line.indicator.source]
        )
        for line in lines
    }


@prefill_source({PLEDGES: _("Emulation pledges signed in the period")})
def pledge_count(period: ReportPeriod, unit: Unit, lines: Sequence[Line]) -> dict[Key, Decimal]:
    signed = EmulationPledge.objects.filter(
        Q(signed_on__gte=period.starts_on, signed_on__lte=period.ends_on), own_records(unit)
    ).count()
    return {line.key: Decimal(signed) for line in lines}
