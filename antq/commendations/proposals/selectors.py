"""Reading proposals: filtered lists, one proposal with its list, decision and history, and what
each page shows. Every function takes the actor; missing and outside the actor's area look the
same (404); a page for an action the actor may not take is Forbidden (403)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.commendations import permissions, wording
from antq.commendations.decisions.models import CommendationDecision
from antq.commendations.proposals.models import CommendationNominee, CommendationProposal, NomineeKind, ProposalEvent
from antq.commendations.proposals.services import ProposalInput
from antq.commendations.selectors import award_counts_or_none
from antq.core.actor import Actor
from antq.core.errors import Forbidden, ValidationFailed
from antq.core.text import normalise_search
from antq.core.tree import subtree_q
from antq.core.writes import missing
from antq.festivals.models import SiteState
from antq.festivals.permissions import sites_visible_to
from antq.units.models import Unit

PAGE_SIZE = 50


@dataclass(frozen=True)
class ProposalFilter:
    year: int | None = None
    state: str = ""
    unit_code: str = ""  # the unit and everything below it
    award_form: str = ""
    kind: str = ""
    query: str = ""  # a nominee's name or the proposal's title; diacritics ignored


def proposal_list(*, actor: Actor, filters: ProposalFilter) -> QuerySet[CommendationProposal]:
    proposals = permissions.proposals_visible_to(actor)
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
    """One proposal with its unit and places, list, decision and history."""
    proposal = (
        permissions.proposals_visible_to(actor)
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
        raise missing(CommendationProposal, proposal_id)
    return proposal


def proposal_with_actions(*, actor: Actor, proposal_id: int) -> CommendationProposal:
    """`proposal_get` with `actions`: what the actor may do with it now (for the API)."""
    proposal = proposal_get(actor=actor, proposal_id=proposal_id)
    proposal.actions = permissions.actions_for(actor, proposal)  # type: ignore[attr-defined]
    return proposal


def proposal_decision(proposal: CommendationProposal) -> CommendationDecision | None:
    """The proposal's decision (a proposal has one once decided), from `proposal_get`'s prefetch."""
    decisions = list(proposal.decisions.all())
    return decisions[0] if decisions else None


def proposer_choices(*, actor: Actor) -> list[tuple[str, str]]:
    """The units whose proposals the actor prepares: current communes and provinces where they
    hold an officer's role or more."""
    units = Unit.objects.filter(
        code__in={g.unit_code for g in actor.grants}, kind__in=permissions.PROPOSER_KINDS, closed_on__isnull=True
    )
    return [(u.code, u.name) for u in units.order_by("path") if permissions.can_prepare_at(actor, u)]


def site_choices(*, actor: Actor, unit: Unit, year: int) -> list[tuple[int, str]]:
    """Festival sites of the unit's province where awards may be handed over: this year's and
    next year's, not cancelled."""
    sites = (
        sites_visible_to(actor)
        .filter(province_id=unit.province_id, year__in=(year, year + 1))
        .exclude(state=SiteState.CANCELLED)
        .order_by("-pilot_tier", "starts_at", "pk")[:300]
    )
    return [(s.pk, f"{s.starts_at:%d/%m/%Y} · {s.name}") for s in sites]


# --- pages --------------------------------------------------------------------------------------


def proposal_list_page(*, actor: Actor, filters: ProposalFilter, page: str | None) -> dict[str, Any]:
    """The list with the counts of the unit filtered on (or the actor's own), when there are any."""
    counts = award_counts_or_none(actor=actor, unit_code=filters.unit_code, year=filters.year)
    return {
        "page": Paginator(proposal_list(actor=actor, filters=filters), PAGE_SIZE).get_page(page),
        "counts": counts,
        "can_prepare": bool(proposer_choices(actor=actor)),
    }


def proposal_create_page(*, actor: Actor, unit_code: str, year: int | None) -> dict[str, Any]:
    """The unit a new proposal is prepared for (the one asked if the actor prepares there, else the
    first), the units to choose from, the header lines it usually carries and the sites of `year`."""
    choices = proposer_choices(actor=actor)
    if not choices:
        raise Forbidden(_("Your roles do not allow preparing proposals; an officer of a commune or a province does."))
    code = unit_code if unit_code in dict(choices) else choices[0][0]
    unit = Unit.objects.select_related("province").get(code=code)
    this_year = timezone.localdate().year
    return {
        "unit": unit,
        "units": choices,
        "initial": {"unit": code, "year": this_year, **wording.proposal_defaults(unit)},
        "sites": site_choices(actor=actor, unit=unit, year=year or this_year),
    }


def proposal_edit_page(*, actor: Actor, proposal_id: int, year: int | None) -> dict[str, Any]:
    """A draft or returned proposal the actor edits, as the form shows it."""
    proposal = proposal_get(actor=actor, proposal_id=proposal_id)
    if not permissions.can_edit_proposal(actor, proposal):
        raise Forbidden(_("Your role does not allow editing this proposal."))
    if not proposal.is_editable:
        raise ValidationFailed(_("Only a draft or a returned proposal is edited; this one is not."))
    content = asdict(ProposalInput.of(proposal))
    rows, site = content.pop("nominees"), content.pop("festival_site_id")
    return {
        "proposal": proposal,
        "initial": {**content, "festival_site": site, "unit": proposal.unit.code},
        "rows": list(rows),
        "units": [(proposal.unit.code, proposal.unit.name)],
        "sites": site_choices(actor=actor, unit=proposal.unit, year=year or proposal.year),
    }


def proposal_detail_page(*, actor: Actor, proposal_id: int) -> dict[str, Any]:
    proposal = proposal_get(actor=actor, proposal_id=proposal_id)
    nominees = list(proposal.nominees.all())
    return {
        "proposal": proposal,
        "nominees": nominees,
        "decision": proposal_decision(proposal),
        "events": list(proposal.events.all()),
        "actions": permissions.actions_for(actor, proposal),
        "acting_unit": permissions.acting_unit(proposal),
        "collectives": sum(1 for n in nominees if n.kind == NomineeKind.COLLECTIVE),
        "individuals": sum(1 for n in nominees if n.kind == NomineeKind.INDIVIDUAL),
    }


def proposal_for_return(*, actor: Actor, proposal_id: int) -> CommendationProposal:
    """A proposal the actor's level may send back to its proposer."""
    proposal = proposal_get(actor=actor, proposal_id=proposal_id)
    if not permissions.can_return_proposal(actor, proposal):
        raise Forbidden(_("Your role does not allow returning it."))
    return proposal
