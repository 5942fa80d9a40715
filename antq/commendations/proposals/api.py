"""The API of proposals: list, prepare, read, replace, submit, forward, return, withdraw, and the
memo as a document. Each operation is a selector or a service, then the proposal as it now is."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.pagination import paginate

from antq.commendations.proposals import documents, selectors, services
from antq.commendations.proposals.models import CommendationProposal as Proposal
from antq.commendations.proposals.schemas import (
    ForwardIn,
    ProposalCreateIn,
    ProposalFilterIn,
    ProposalOut,
    ProposalSummaryOut,
    ProposalUpdateIn,
    ReasonIn,
    SubmitIn,
    WithdrawIn,
)
from antq.commendations.proposals.services import ProposalInput
from antq.core.api import actor_of

router = Router(tags=["commendations"])


@router.get("", response=list[ProposalSummaryOut], summary="Commendation proposals in your area")
@paginate
def proposal_list(request: HttpRequest, filters: Query[ProposalFilterIn]) -> object:
    return selectors.proposal_list(actor=actor_of(request), filters=filters.to_filter())


@router.post("", response={201: ProposalOut}, summary="Prepare a proposal with its list (a draft)")
def proposal_create(request: HttpRequest, payload: ProposalCreateIn) -> Status[Proposal]:
    actor = actor_of(request)
    proposal = services.proposal_create(actor=actor, unit_code=payload.unit, data=payload.to_input())
    return Status(201, selectors.proposal_with_actions(actor=actor, proposal_id=proposal.pk))


@router.get("/{proposal_id}", response=ProposalOut, summary="One proposal with its list and history")
def proposal_detail(request: HttpRequest, proposal_id: int) -> Proposal:
    return selectors.proposal_with_actions(actor=actor_of(request), proposal_id=proposal_id)


def acted(request: HttpRequest, proposal_id: int, service: Callable[..., object], **arguments: Any) -> Proposal:
    """Run `service` on the proposal as the caller, then the proposal as it now is."""
    actor = actor_of(request)
    service(actor=actor, proposal_id=proposal_id, **arguments)
    return selectors.proposal_with_actions(actor=actor, proposal_id=proposal_id)


@router.put("/{proposal_id}", response=ProposalOut, summary="Replace a draft or returned proposal")
def proposal_update(request: HttpRequest, proposal_id: int, payload: ProposalUpdateIn) -> Proposal:
    data = payload.to_input(ProposalInput.of(selectors.proposal_get(actor=actor_of(request), proposal_id=proposal_id)))
    return acted(request, proposal_id, services.proposal_update, version=payload.version, data=data)


@router.post("/{proposal_id}/submit", response=ProposalOut, summary="Send the signed memo up (leaders)")
def proposal_submit(request: HttpRequest, proposal_id: int, payload: SubmitIn) -> Proposal:
    return acted(request, proposal_id, services.proposal_submit, **payload.dict())


@router.post("/{proposal_id}/forward", response=ProposalOut, summary="Forward to the Ministry (province)")
def proposal_forward(request: HttpRequest, proposal_id: int, payload: ForwardIn) -> Proposal:
    return acted(request, proposal_id, services.proposal_forward, **payload.dict())


@router.post("/{proposal_id}/return", response=ProposalOut, summary="Return to the proposing unit")
def proposal_return(request: HttpRequest, proposal_id: int, payload: ReasonIn) -> Proposal:
    return acted(request, proposal_id, services.proposal_return, **payload.dict())


@router.post("/{proposal_id}/withdraw", response=ProposalOut, summary="Withdraw (the proposing unit)")
def proposal_withdraw(request: HttpRequest, proposal_id: int, payload: WithdrawIn) -> Proposal:
    return acted(request, proposal_id, services.proposal_withdraw, **payload.dict())


@router.get("/{proposal_id}/document.docx", summary="The memo with its proposal list (.docx)")
def proposal_docx(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return documents.proposal_docx_response(selectors.proposal_get(actor=actor_of(request), proposal_id=proposal_id))


@router.get("/{proposal_id}/document.pdf", summary="The memo as PDF (needs LibreOffice)")
def proposal_pdf(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return documents.proposal_pdf_response(selectors.proposal_get(actor=actor_of(request), proposal_id=proposal_id))
