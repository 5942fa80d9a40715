"""Who may see and act on commendation proposals.

- **Seeing**: anyone whose scope covers the proposing unit. The levels that forward and decide are
  its ancestors (the province, the Ministry at the nation), so a proposal that reaches them is in
  their scope without any extra rule; a commune never sees its province's own proposals.
- **Preparing** (create, edit while draft or returned, withdraw a draft or returned one): an
  officer at the proposing unit. Officers are the staff who gather the achievements and write
  the list.
- **Submitting** (sending the signed memo up) and **withdrawing a submitted** proposal: a leader
  at the proposing unit — the memo goes out under the head of the unit's signature.
- **Forwarding, returning, deciding**: a leader at the level that acts next (`acting_unit`).
  A real Ministry expects officers to prepare and leaders to sign: forwarding is the province's
  own memo to the Ministry, and a decision is recorded by the level whose head signed it.

The level that acts next: a submitted proposal of a commune goes to its province; the province
decides when the authority asked is the commune's or the province's, and otherwise forwards it to
the Ministry (the nation, code VN), which decides — for the Government level it records the Prime
Minister's decision. A province's own proposal goes to the province's leaders for the province
level, and straight to the Ministry for the Ministry and Government levels.
"""

from __future__ import annotations

from django.db.models import QuerySet

from antq.commendations.proposals.models import (
    EDITABLE_STATES,
    PENDING_STATES,
    PROVINCE_DECIDES,
    CommendationProposal,
    ProposalState,
)
from antq.core.actor import Actor, Role
from antq.units.models import COMMUNE_KINDS, NATION_CODE, PROVINCE_KINDS, Unit

# Units that propose: communes (for their villages, organisations and people) and provinces.
PROPOSER_KINDS = COMMUNE_KINDS | PROVINCE_KINDS


def proposals_visible_to(actor: Actor) -> QuerySet[CommendationProposal]:
    """Proposals of units in the actor's area (a decision is seen with its proposal)."""
    return CommendationProposal.objects.filter(actor.scope_q("unit__path"))


def nation() -> Unit:
    return Unit.objects.get(code=NATION_CODE)


def acting_unit(proposal: CommendationProposal) -> Unit | None:
    """The unit whose leaders act next on a proposal waiting above its proposer, else None."""
    if proposal.state == ProposalState.FORWARDED:
        return nation()
    if proposal.state != ProposalState.SUBMITTED:
        return None
    if proposal.unit.kind in COMMUNE_KINDS or proposal.authority_level in PROVINCE_DECIDES:
        return proposal.province
    return nation()


def decides_at_acting_level(proposal: CommendationProposal) -> bool:
    """Whether the level acting now decides (True) or must forward to the Ministry (False)."""
    if proposal.state == ProposalState.FORWARDED:
        return True
    if proposal.state != ProposalState.SUBMITTED:
        return False
    return proposal.authority_level in PROVINCE_DECIDES or proposal.unit.kind in PROVINCE_KINDS


def can_prepare_at(actor: Actor, unit: Unit) -> bool:
    return unit.kind in PROPOSER_KINDS and unit.is_current and actor.has_role(unit, Role.OFFICER)


def can_edit_proposal(actor: Actor, proposal: CommendationProposal) -> bool:
    return actor.has_role(proposal.unit, Role.OFFICER)


def can_submit_proposal(actor: Actor, proposal: CommendationProposal) -> bool:
    return actor.has_role(proposal.unit, Role.LEADER)


def can_withdraw_proposal(actor: Actor, proposal: CommendationProposal) -> bool:
    minimum = Role.OFFICER if proposal.state in EDITABLE_STATES else Role.LEADER
    return actor.has_role(proposal.unit, minimum)


def _leader_at_acting_level(actor: Actor, proposal: CommendationProposal) -> bool:
    unit = acting_unit(proposal)
    return unit is not None and actor.has_role(unit, Role.LEADER)


def can_forward_proposal(actor: Actor, proposal: CommendationProposal) -> bool:
    return _leader_at_acting_level(actor, proposal)


def can_return_proposal(actor: Actor, proposal: CommendationProposal) -> bool:
    return _leader_at_acting_level(actor, proposal)


def can_decide_proposal(actor: Actor, proposal: CommendationProposal) -> bool:
    return _leader_at_acting_level(actor, proposal)


def actions_for(actor: Actor, proposal: CommendationProposal) -> list[str]:
    """The actions the actor may take on the proposal now (for pages and the API)."""
    actions: list[str] = []
    state = proposal.state
    if state in EDITABLE_STATES and can_edit_proposal(actor, proposal):
        actions.append("edit")
    if state in EDITABLE_STATES and can_submit_proposal(actor, proposal):
        actions.append("submit")
    acts_above = state in PENDING_STATES and _leader_at_acting_level(actor, proposal)
    if acts_above:
        actions.append("decide" if decides_at_acting_level(proposal) else "forward")
        actions.append("return")
    # The level above returns a proposal rather than withdrawing it for the unit (it may, as an
    # ancestor, but the page offers the proposing unit's own act only to the proposing unit).
    if (
        state in (*EDITABLE_STATES, ProposalState.SUBMITTED)
        and not acts_above
        and can_withdraw_proposal(actor, proposal)
    ):
        actions.append("withdraw")
    return actions
