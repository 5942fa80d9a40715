"""Reading decisions: a proposal's decision (404 until it has one) and what the page recording
one shows. A decision is seen with its proposal (`permissions.proposals_visible_to`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from antq.commendations import permissions, wording
from antq.commendations.decisions.models import CommendationDecision
from antq.commendations.proposals.selectors import proposal_decision, proposal_get, site_choices
from antq.core.actor import Actor
from antq.core.errors import Forbidden, NotFound


def decision_get(*, actor: Actor, proposal_id: int) -> CommendationDecision:
    proposal = proposal_get(actor=actor, proposal_id=proposal_id)
    decision = proposal_decision(proposal)
    if decision is None:
        raise NotFound(_("Proposal %(id)s has no decision yet.") % {"id": proposal_id})
    decision.proposal = proposal
    return decision


def decision_record_page(*, actor: Actor, proposal_id: int) -> dict[str, Any]:
    """The proposal waiting for the actor's level to decide it, its nominees, the header lines a
    decision of that level usually carries and the sites where awards may be handed over."""
    proposal = proposal_get(actor=actor, proposal_id=proposal_id)
    if not permissions.can_decide_proposal(actor, proposal):
        raise Forbidden(_("Your role does not allow deciding it."))
    nominees = list(proposal.nominees.all())
    return {
        "proposal": proposal,
        "nominees": nominees,
        "defaults": wording.decision_defaults(proposal, [n.award_form for n in nominees]),
        "sites": site_choices(actor=actor, unit=proposal.unit, year=proposal.year),
    }
