"""Recording a decision through the service: a proposal outside the actor's area is NotFound, and
the decision's header follows the Decree 30 rules (`antq.core.documents.header`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from antq.commendations.decisions.models import CommendationDecision
from antq.commendations.decisions.services import DecisionInput, proposal_decide
from antq.commendations.proposals import services
from antq.commendations.proposals.models import CommendationProposal, ProposalState
from antq.commendations.proposals.services import NomineeInput, ProposalInput
from antq.core.actor import Actor
from antq.core.errors import Forbidden, NotFound, ValidationFailed
from tests.commendations.helpers import SIGNER, YEAR, sent_up

pytestmark = pytest.mark.django_db

Actors = Callable[[str], Actor]
DECIDED_ON = dt.date(YEAR, 8, 12)


def forwarded(actor: Actors) -> CommendationProposal:
    """A Cam Lâm proposal for the Minister's Bằng khen, waiting at the Ministry."""
    data = ProposalInput(
        year=YEAR,
        authority_level="ministry",
        signer_name=SIGNER,
        nominees=(
            NomineeInput(
                kind="individual",
                name="Trần Thị Mai",
                award_form="certificate_of_merit",
                position="Trưởng thôn",
                achievement="Vận động Nhân dân giao nộp vũ khí.",
            ),
        ),
    )
    proposal = services.proposal_create(actor=actor("camlam.officer"), unit_code="22453", data=data)
    proposal = sent_up(actor("camlam.leader"), proposal, memo_number="15")
    return services.proposal_forward(actor=actor("khanhhoa.leader"), proposal_id=proposal.pk, version=proposal.version)


def decide(actor: Actor, proposal: CommendationProposal, **data: object) -> CommendationDecision:
    values = {"number": "3125", "decided_on": DECIDED_ON, "signer_name": "Trần Đức Hải", **data}
    return proposal_decide(
        actor=actor,
        proposal_id=proposal.pk,
        version=proposal.version,
        data=DecisionInput(**values),  # type: ignore[arg-type]
    )


def test_deciding_a_proposal_outside_the_actors_area_is_not_found(actor: Actors) -> None:
    """Before issue 17 a leader of Hà Tĩnh calling the service got 403 (the proposal was locked by
    its id, then the role checked); now 404. The province that forwarded it sees it: 403."""
    proposal = forwarded(actor)
    with pytest.raises(NotFound):
        decide(actor("hatinh.leader"), proposal)
    with pytest.raises(Forbidden):
        decide(actor("khanhhoa.leader"), proposal)
    stored = CommendationProposal.objects.get(pk=proposal.pk)
    assert stored.state == ProposalState.FORWARDED and not stored.decisions.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"symbol": "BCA-QĐ"}, "symbol"),  # before: any symbol; now "QĐ-" and the issuing body's
        ({"symbol": "TB-BCA"}, "symbol"),
        ({"number": "3125/QĐ-BCA"}, "number"),
        ({"number": ""}, "number"),
        ({"issuing_body": " "}, "issuing_body"),
        ({"place": ""}, "place"),
        ({"signer_name": ""}, "signer_name"),
        ({"decided_on": None}, "decided_on"),
        ({"decided_on": dt.date(YEAR + 5, 1, 1)}, "decided_on"),
        ({"decided_on": dt.date(YEAR, 8, 1)}, "decided_on"),  # before the memo's date
    ],
)
def test_a_decision_header_that_breaks_a_rule_is_refused(actor: Actors, data: dict[str, object], field: str) -> None:
    proposal = forwarded(actor)
    with pytest.raises(ValidationFailed) as refused:
        decide(actor("bo.leader"), proposal, **data)
    assert field in refused.value.errors
    assert CommendationProposal.objects.get(pk=proposal.pk).state == ProposalState.FORWARDED


def test_a_decision_with_its_header_in_order_is_recorded(actor: Actors) -> None:
    proposal = forwarded(actor)
    decision = decide(actor("bo.leader"), proposal, symbol="QĐ-BCA(V05)")
    assert decision.reference == "3125/QĐ-BCA(V05)" and decision.unit.code == "VN"
    assert CommendationProposal.objects.get(pk=proposal.pk).state == ProposalState.DECIDED
