"""Reading commendations: filtered proposal lists, one proposal, and the counts by form, kind and
level for a unit's area. Every function takes the actor; missing and forbidden look the same.

Counts are read from the nominee facts (awarded, with their decision's date) with one GROUP BY on
the denormalised `province` / `commune` columns — no summary table: a province awards hundreds of
people a year, not millions of values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import NotFound, ValidationFailed
from antq.core.text import normalise_search
from antq.core.tree import subtree_q
from antq.festivals.models import SiteState
from antq.festivals.permissions import sites_visible_to
from antq.commendations.models import (
    PENDING_STATES,
    AuthorityLevel,
    AwardForm,
    CommendationDecision,
    CommendationNominee,
    CommendationProposal,
    NomineeKind,
    ProposalEvent,
)
from antq.commendations.permissions import proposals_visible_to
from antq.units.models import COMMUNE_KINDS, NATION_CODE, PROVINCE_KINDS, Unit, UnitKind


@dataclass
class ProposalFilter:
    year: int | None = None
    state: str = ""
    unit_code: str = ""  # the unit and everything below it
    award_form: str = ""
    kind: str = ""
    query: str = ""  # a nominee's name or the proposal's title; diacritics ignored


def proposal_list(*, actor: Actor, filters: ProposalFilter | None = None) -> QuerySet[CommendationProposal]:
    filters = filters or ProposalFilter()
    proposals = proposals_visible_to(actor)
    if filters.year:
        proposals = proposals.filter(year=filters.year)
    if filters.state:
        proposals = proposals.filter(state=filters.state)
    if filters.unit_code:
        unit = Unit.objects.filter(code=filters.unit_code).only("path").first()
        proposals = proposals.filter(subtree_q(unit.path, "unit__path")) if unit else proposals.none()
    nominees = CommendationNominee.objects.all()
    narrowed = False
    if filters.award_form:
        nominees, narrowed = nominees.filter(award_form=filters.award_form), True
    if filters.kind:
        nominees, narrowed = nominees.filter(kind=filters.kind), True
    folded = normalise_search(filters.query)
    if folded:
        named = nominees.filter(name_folded__contains=folded).values("proposal_id")
        proposals = proposals.filter(Q(pk__in=named) | Q(title__icontains=filters.query.strip()))
    if narrowed:
        proposals = proposals.filter(pk__in=nominees.values("proposal_id"))
    return (
        proposals.select_related("unit", "province", "commune")
        .annotate(
            collectives=Count("nominees", filter=Q(nominees__kind=NomineeKind.COLLECTIVE)),
            individuals=Count("nominees", filter=Q(nominees__kind=NomineeKind.INDIVIDUAL)),
            awarded_count=Count("nominees", filter=Q(nominees__awarded=True)),
        )
        .order_by("-year", "-created_at", "-pk")
    )


def proposal_get(*, actor: Actor, proposal_id: int) -> CommendationProposal:
    proposal = (
        proposals_visible_to(actor)
        .select_related(
            "unit",
            "unit__province",
            "unit__commune",
            "province",
            "commune",
            "festival_site",
            "returned_by_unit",
            "created_by",
        )
        .prefetch_related(
            Prefetch("nominees", queryset=CommendationNominee.objects.order_by("row", "pk")),
            Prefetch(
                "decisions",
                queryset=CommendationDecision.objects.select_related("unit", "festival_site").order_by("-pk"),
            ),
            Prefetch("events", queryset=ProposalEvent.objects.select_related("unit").order_by("at", "pk")),
        )
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise NotFound(_("Proposal %(id)s does not exist or is outside your area.") % {"id": proposal_id})
    return proposal


def proposal_decision(proposal: CommendationProposal) -> CommendationDecision | None:
    """The proposal's decision (a proposal has one once decided)."""
    decisions = list(proposal.decisions.all())
    return decisions[0] if decisions else None


def decision_get(*, actor: Actor, proposal_id: int) -> CommendationDecision:
    proposal = proposal_get(actor=actor, proposal_id=proposal_id)
    decision = proposal_decision(proposal)
    if decision is None:
        raise NotFound(_("Proposal %(id)s has no decision yet.") % {"id": proposal_id})
    decision.proposal = proposal
    return decision


def site_choices(*, actor: Actor, unit: Unit, year: int) -> list[tuple[int, str]]:
    """Festival sites of the unit's area (the province for a province) where awards may be handed
    over: this year's and next year's, not cancelled."""
    province = unit if unit.kind in PROVINCE_KINDS else unit.province
    sites = (
        sites_visible_to(actor)
        .filter(province=province, year__in=(year, year + 1))
        .exclude(state=SiteState.CANCELLED)
        .order_by("-pilot_tier", "starts_at", "pk")[:300]
    )
    return [(s.pk, f"{s.starts_at:%d/%m/%Y} · {s.name}") for s in sites]


# --- counts -----------------------------------------------------------------------------------


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


def counts_unit(*, actor: Actor, unit_code: str = "") -> Unit:
    """The unit the counts are for: the one asked, else the actor's widest grant."""
    code = unit_code.strip()
    if not code:
        grant = actor.home_grant
        code = grant.unit_code if grant else NATION_CODE
    unit = Unit.objects.filter(code=code).select_related("province", "commune").first()
    if unit is None or not actor.covers(unit):
        raise NotFound(_("Unit %(code)s does not exist or is outside your area.") % {"code": code})
    if unit.kind not in COMMUNE_KINDS | PROVINCE_KINDS | {UnitKind.NATION}:
        unit = unit.commune or unit.province or unit
    if unit.kind not in COMMUNE_KINDS | PROVINCE_KINDS | {UnitKind.NATION}:
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
