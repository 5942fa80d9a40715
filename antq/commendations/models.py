"""The app's models, one module per sub-domain (one Django app, one label, one migrations folder):
proposals with their list and history (`proposals.models`), decisions (`decisions.models`). Import
them from there; this module only lets Django find them."""

from antq.commendations.decisions.models import CommendationDecision
from antq.commendations.proposals.models import CommendationNominee, CommendationProposal, ProposalEvent

__all__ = ["CommendationDecision", "CommendationNominee", "CommendationProposal", "ProposalEvent"]
