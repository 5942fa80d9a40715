"""Counting commendations: collectives and individuals commended in a unit's area, by form, kind
and level of the authority, awarded and still waiting — for the list page, the API, the dashboard
and the reports (`prefill.py`).

Counts are read from the nominee facts (awarded, with their decision's date) with one GROUP BY on
the denormalised `province` / `commune` columns — no summary table: a province awards hundreds of
people a year, not millions of values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from antq.commendations.proposals.models import (
    PENDING_STATES,
    AuthorityLevel,
    AwardForm,
    CommendationNominee,
    NomineeKind,
)
from antq.core.actor import Actor
from antq.core.errors import NotFound, ValidationFailed
from antq.units.models import COMMUNE_KINDS, NATION_CODE, PROVINCE_KINDS, Unit, UnitKind

COUNTED_KINDS = COMMUNE_KINDS | PROVINCE_KINDS | {UnitKind.NATION}


@dataclass
class CountRow:
    award_form: str
    kind: str
    authority_level: str
    awarded: int = 0
    pending: int = 0

    @property
    def award_form_label(self) -> str:
        return str(AwardForm(self.award_form).label)

    @property
    def kind_label(self) -> str:
        return str(NomineeKind(self.kind).label)

    @property
    def authority_level_label(self) -> str:
        return str(AuthorityLevel(self.authority_level).label)


@dataclass
class UnitCount:
    code: str
    name: str
    collectives: int = 0
    individuals: int = 0


@dataclass
class AwardCounts:
    unit: Unit
    year: int | None
    date_from: dt.date | None
    date_to: dt.date | None
    rows: list[CountRow] = field(default_factory=list)
    by_unit: list[UnitCount] = field(default_factory=list)
    collectives: int = 0
    individuals: int = 0
    pending: int = 0


def _area_q(unit: Unit) -> Q:
    if unit.kind == UnitKind.NATION:
        return Q()
    if unit.kind in PROVINCE_KINDS:
        return Q(province=unit)
    return Q(commune=unit)


def _counted_unit(actor: Actor, unit_code: str) -> tuple[str, Unit | None]:
    """The code asked (else the actor's widest grant's) and the unit the counts are for (a village
    or an organisation counts with its commune or province), None when the actor does not see it."""
    code = unit_code.strip()
    if not code:
        grant = actor.home_grant
        code = grant.unit_code if grant else NATION_CODE
    unit = Unit.objects.filter(code=code).select_related("province", "commune").first()
    if unit is None or not actor.covers(unit):
        return code, None
    if unit.kind not in COUNTED_KINDS:
        unit = unit.commune or unit.province or unit
    return code, unit


def counts_unit(*, actor: Actor, unit_code: str = "") -> Unit:
    """The unit the counts are for: the one asked, else the actor's widest grant."""
    code, unit = _counted_unit(actor, unit_code)
    if unit is None:
        raise NotFound(_("Unit %(code)s does not exist or is outside your area.") % {"code": code})
    if unit.kind not in COUNTED_KINDS:
        raise ValidationFailed(errors={"unit": _("Counts are kept for the nation, a province or a commune.")})
    return unit


def award_counts(
    *,
    actor: Actor,
    unit_code: str = "",
    year: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> AwardCounts:
    """Collectives and individuals commended in the unit's area, by form, kind and level of the
    authority: awarded (by a decision dated in [date_from, date_to], of achievements in `year`) and
    pending (in proposals submitted or forwarded, waiting for a decision). `by_unit` splits the
    awarded ones over the units one level down (provinces of the nation, communes of a province,
    with the province's own proposals as its own line)."""
    unit = counts_unit(actor=actor, unit_code=unit_code)
    return _counts(unit, year=year, date_from=date_from, date_to=date_to)


def award_counts_or_none(*, actor: Actor, unit_code: str = "", year: int | None = None) -> AwardCounts | None:
    """`award_counts`, or None where there is nothing to count for the actor (no role anywhere, a
    unit they do not see or that keeps no counts): the list page shows no counts then."""
    unit = _counted_unit(actor, unit_code)[1] if actor.grants else None
    if unit is None or unit.kind not in COUNTED_KINDS:
        return None
    return _counts(unit, year=year, date_from=None, date_to=None)


def _counts(unit: Unit, *, year: int | None, date_from: dt.date | None, date_to: dt.date | None) -> AwardCounts:
    area = _area_q(unit)
    facts = CommendationNominee.objects.filter(area)
    if year:
        facts = facts.filter(year=year)
    awarded = facts.filter(awarded=True)
    if date_from:
        awarded = awarded.filter(decision__decided_on__gte=date_from)
    if date_to:
        awarded = awarded.filter(decision__decided_on__lte=date_to)
    pending = facts.filter(active=True, proposal__state__in=PENDING_STATES)
    table: dict[tuple[str, str, str], CountRow] = {}
    for name, rows in (("awarded", awarded), ("pending", pending)):
        grouped = rows.order_by().values_list("award_form", "kind", "proposal__authority_level").annotate(n=Count("pk"))
        for form, kind, level, n in grouped:
            row = table.setdefault((form, kind, level), CountRow(award_form=form, kind=kind, authority_level=level))
            setattr(row, name, n)
    order = {value: i for i, value in enumerate(AwardForm.values)}
    levels = {value: i for i, value in enumerate(AuthorityLevel.values)}
    result = AwardCounts(unit=unit, year=year, date_from=date_from, date_to=date_to)
    result.rows = sorted(
        table.values(), key=lambda r: (levels.get(r.authority_level, 9), order.get(r.award_form, 9), r.kind)
    )
    result.collectives = sum(r.awarded for r in result.rows if r.kind == NomineeKind.COLLECTIVE)
    result.individuals = sum(r.awarded for r in result.rows if r.kind == NomineeKind.INDIVIDUAL)
    result.pending = sum(r.pending for r in result.rows)
    if unit.kind not in COMMUNE_KINDS:
        column = "province" if unit.kind == UnitKind.NATION else "commune"
        split: dict[int | None, UnitCount] = {}
        grouped_units = awarded.order_by().values_list(column, "kind").annotate(n=Count("pk"))
        ids = set()
        for unit_id, kind, n in grouped_units:
            ids.add(unit_id)
            entry = split.setdefault(unit_id, UnitCount(code="", name=""))
            if kind == NomineeKind.COLLECTIVE:
                entry.collectives += n
            else:
                entry.individuals += n
        names = {u.pk: u for u in Unit.objects.filter(pk__in=[i for i in ids if i is not None])}
        for unit_id, entry in split.items():
            shown = names.get(unit_id) if unit_id is not None else unit
            if shown is not None:
                entry.code, entry.name = shown.code, shown.name
        result.by_unit = sorted(split.values(), key=lambda e: e.code)
    return result
