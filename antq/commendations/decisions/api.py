"""The API of decisions: record a proposal's decision, and the decision as a document."""

from django.http import HttpRequest, HttpResponse
from ninja import Router

from antq.commendations.decisions import documents, selectors, services
from antq.commendations.decisions.schemas import DecideIn
from antq.commendations.proposals.api import acted
from antq.commendations.proposals.models import CommendationProposal
from antq.commendations.proposals.schemas import ProposalOut
from antq.core.api import actor_of

router = Router(tags=["commendations"])


@router.post("/{proposal_id}/decide", response=ProposalOut, summary="Record the decision")
def proposal_decide(request: HttpRequest, proposal_id: int, payload: DecideIn) -> CommendationProposal:
    return acted(request, proposal_id, services.proposal_decide, version=payload.version, data=payload.to_input())


@router.get("/{proposal_id}/decision.docx", summary="The decision (.docx)")
def decision_docx(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return documents.decision_docx_response(selectors.decision_get(actor=actor_of(request), proposal_id=proposal_id))


@router.get("/{proposal_id}/decision.pdf", summary="The decision as PDF (needs LibreOffice)")
def decision_pdf(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return documents.decision_pdf_response(selectors.decision_get(actor=actor_of(request), proposal_id=proposal_id))
