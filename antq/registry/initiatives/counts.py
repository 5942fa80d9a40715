"""Reading the initiatives of an area as they stand today, by status, type and replication, and
per unit one level down: straight from the facts, one GROUP BY on the denormalised province or
commune key (thousands of rows nationally — no summary table). The registry's "Counts by area"
page and the dashboards' "movement today" card read these; reports read the status at a period's
end instead (`antq.registry.prefill`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from antq.core.actor import Actor
from antq.core.errors import NotFound
from antq.core.tree import subtree_q
from antq.registry.initiatives.models import Initiative, InitiativeStatus
from antq.registry.initiatives.types.models import InitiativeType
from antq.registry.initiatives.types.selectors import type_list
from antq.reporting.reports.selectors import unit_for
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit, UnitKind


@dataclass
class Counts:
    """Initiatives of one area: by status, working well by type, replicated ones working well."""

    active: int = 0
    weak: int = 0
    dissolved: int = 0
    replicated: int = 0
    members: int = 0
    households: int = 0
    by_type: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.active + self.weak + self.dissolved

    def add(self, row: dict[str, Any]) -> None:
        n = int(row["n"])
        status = row["status"]
        if status == InitiativeStatus.ACTIVE:
            self.active += n
            self.replicated += int(row["replicated"])
            code = str(row["type__code"])
            self.by_type[code] = self.by_type.get(code, 0) + n
            self.members += int(row["members"] or 0)
            self.households += int(row["households"] or 0)
        elif status == InitiativeStatus.WEAK:
            self.weak += n
        else:
            self.dissolved += n


@dataclass
class AreaCounts:
    unit: Unit
    total: Counts
    children: list[tuple[Unit, Counts]]
    types: list[InitiativeType]

    @property
    def by_type(self) -> list[tuple[InitiativeType, int]]:
        """Every type with its number of initiatives working well (zero included)."""
        return [(kind, self.total.by_type.get(kind.code, 0)) for kind in self.types]


def _child_key(unit: Unit) -> str:
    """The fact column that names the unit one level below `unit`."""
    if unit.kind == UnitKind.NATION:
        return "province_id"
    if unit.kind in PROVINCE_KINDS:
        return "commune_id"
    return "unit_id"


def _area_initiatives(unit: Unit) -> QuerySet[Initiative]:
    """Initiatives in `unit`'s area, through the denormalised province/commune keys where they apply."""
    if unit.kind == UnitKind.NATION:
        return Initiative.objects.all()
    if unit.kind in PROVINCE_KINDS:
        return Initiative.objects.filter(province=unit)
    if unit.kind in COMMUNE_KINDS:
        return Initiative.objects.filter(commune=unit)
    return Initiative.objects.filter(subtree_q(unit.path, "unit__path"))


def _grouped(facts: QuerySet[Initiative], *keys: str) -> QuerySet[Initiative, dict[str, Any]]:
    return facts.values(*keys, "status", "type__code").annotate(
        n=Count("id"),
        replicated=Count("id", filter=Q(replicated_from__isnull=False)),
        members=Sum("members"),
        households=Sum("households"),
    )


def area_totals(*, actor: Actor, unit: Unit) -> Counts:
    """Today's counts for `unit`'s whole area in one grouped query (the dashboards' movement card)."""
    if not actor.covers(unit):
        raise NotFound()
    total = Counts()
    for row in _grouped(_area_initiatives(unit)):
        total.add(row)
    return total


def counts_for(*, actor: Actor, unit: Unit) -> AreaCounts:
    """Today's counts for `unit`'s area and for each unit one level down. For a province, its own
    initiatives outside any commune are listed under the province itself; below a commune,
    initiatives count under their village or organisation."""
    if not actor.covers(unit):
        raise NotFound()
    key = _child_key(unit)
    total = Counts()
    per_child: dict[int | None, Counts] = {}
    for row in _grouped(_area_initiatives(unit), key):
        total.add(row)
        per_child.setdefault(row[key], Counts()).add(row)
    named = [k for k in per_child if k is not None and k != unit.pk]
    if unit.kind == UnitKind.NATION or unit.kind in PROVINCE_KINDS:
        # Every unit one level down is listed, with or without initiatives (a gap is news too).
        child_units = Unit.objects.filter(Q(parent=unit, closed_on__isnull=True) | Q(pk__in=named))
    else:
        child_units = Unit.objects.filter(pk__in=named)
    children = [(u, per_child.get(u.pk, Counts())) for u in child_units.order_by("code")]
    own = per_child.get(None if unit.kind in PROVINCE_KINDS else unit.pk)
    if own is not None:  # the unit's own initiatives (a province's agencies, a commune itself)
        children.insert(0, (unit, own))
    return AreaCounts(unit=unit, total=total, children=children, types=list(type_list(actor=actor)))


def area_counts(*, actor: Actor, unit_code: str) -> AreaCounts:
    """The counts of the unit with `unit_code` (the actor's home unit when empty)."""
    return counts_for(actor=actor, unit=unit_for(actor, unit_code))
