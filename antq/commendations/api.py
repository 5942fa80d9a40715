from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.pagination import paginate

from antq.core.actor import Actor
from antq.core.api import actor_of
from antq.commendations import documents, permissions, selectors, services
from antq.commendations.models import CommendationProposal
from antq.commendations.schemas import (
    CountsFilterIn,
    CountsOut,
    DecideIn,
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
from antq.commendations.selectors import ProposalFilter

router = Router(tags=["commendations"])


def _detail(actor: Actor, proposal_id: int) -> CommendationProposal:
    proposal = selectors.proposal_get(actor=actor, proposal_id=proposal_id)
    proposal.actions = permissions.actions_for(actor, proposal)  # type: ignore[attr-defined]
    return proposal


@router.get("/proposals", response=list[ProposalSummaryOut], summary="Commendation proposals in your area")
@paginate
def proposal_list(request: HttpRequest, filters: Query[ProposalFilterIn]) -> object:
    return selectors.proposal_list(
        actor=actor_of(request),
        filters=ProposalFilter(
            year=filters.year,
            state=filters.state,
            unit_code=filters.unit,
            award_form=filters.award_form,
            kind=filters.kind,
            query=filters.q,
        ),
    )


@router.post("/proposals", response={201: ProposalOut}, summary="Prepare a proposal with its list (a draft)")
def proposal_create(request: HttpRequest, payload: ProposalCreateIn) -> Status[CommendationProposal]:
    actor = actor_of(request)
    proposal = services.proposal_create(actor=actor, unit_code=payload.unit, data=payload.to_input())
    return Status(201, _detail(actor, proposal.pk))


@router.get("/proposals/{proposal_id}", response=ProposalOut, summary="One proposal with its list and history")
def proposal_detail(request: HttpRequest, proposal_id: int) -> CommendationProposal:
    return _detail(actor_of(request), proposal_id)


@router.put("/proposals/{proposal_id}", response=ProposalOut, summary="Replace a draft or returned proposal")
def proposal_update(request: HttpRequest, proposal_id: int, payload: ProposalUpdateIn) -> CommendationProposal:
    actor = actor_of(request)
    proposal = selectors.proposal_get(actor=actor, proposal_id=proposal_id)
    services.proposal_update(actor=actor, proposal=proposal, version=payload.version, data=payload.to_input())
    return _detail(actor, proposal_id)


@router.post("/proposals/{proposal_id}/submit", response=ProposalOut, summary="Send the signed memo up (leaders)")
def proposal_submit(request: HttpRequest, proposal_id: int, payload: SubmitIn) -> CommendationProposal:
    actor = actor_of(request)
    proposal = selectors.proposal_get(actor=actor, proposal_id=proposal_id)
    services.proposal_submit(
        actor=actor,
        proposal=proposal,
        version=payload.version,
        submitted_on=payload.submitted_on,
        memo_number=payload.memo_number,
    )
    return _detail(actor, proposal_id)


@router.post("/proposals/{proposal_id}/forward", response=ProposalOut, summary="Forward to the Ministry (province)")
def proposal_forward(request: HttpRequest, proposal_id: int, payload: ForwardIn) -> CommendationProposal:
    actor = actor_of(request)
    proposal = selectors.proposal_get(actor=actor, proposal_id=proposal_id)
    services.proposal_forward(actor=actor, proposal=proposal, version=payload.version, note=payload.note)
    return _detail(actor, proposal_id)


@router.post("/proposals/{proposal_id}/return", response=ProposalOut, summary="Return to the proposing unit")
def proposal_return(request: HttpRequest, proposal_id: int, payload: ReasonIn) -> CommendationProposal:
    actor = actor_of(request)
    proposal = selectors.proposal_get(actor=actor, proposal_id=proposal_id)
    services.proposal_return(actor=actor, proposal=proposal, version=payload.version, reason=payload.reason)
    return _detail(actor, proposal_id)


@router.post("/proposals/{proposal_id}/decide", response=ProposalOut, summary="Record the decision")
def proposal_decide(request: HttpRequest, proposal_id: int, payload: DecideIn) -> CommendationProposal:
    actor = actor_of(request)
    proposal = selectors.proposal_get(actor=actor, proposal_id=proposal_id)
    services.proposal_decide(actor=actor, proposal=proposal, version=payload.version, data=payload.to_input())
    return _detail(actor, proposal_id)


@router.post("/proposals/{proposal_id}/withdraw", response=ProposalOut, summary="Withdraw (the proposing unit)")
def proposal_withdraw(request: HttpRequest, proposal_id: int, payload: WithdrawIn) -> CommendationProposal:
    actor = actor_of(request)
    proposal = selectors.proposal_get(actor=actor, proposal_id=proposal_id)
    services.proposal_withdraw(actor=actor, proposal=proposal, version=payload.version, reason=payload.reason)
    return _detail(actor, proposal_id)


@router.get("/proposals/{proposal_id}/document.docx", summary="The memo with its proposal list (.docx)")
def proposal_docx(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return documents.proposal_docx_response(selectors.proposal_get(actor=actor_of(request), proposal_id=proposal_id))


@router.get("/proposals/{proposal_id}/document.pdf", summary="The memo as PDF (needs LibreOffice)")
def proposal_pdf(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return documents.proposal_pdf_response(selectors.proposal_get(actor=actor_of(request), proposal_id=proposal_id))


@router.get("/proposals/{proposal_id}/decision.docx", summary="The decision (.docx)")
def decision_docx(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return documents.decision_docx_response(selectors.decision_get(actor=actor_of(request), proposal_id=proposal_id))


@router.get("/proposals/{proposal_id}/decision.pdf", summary="The decision as PDF (needs LibreOffice)")
def decision_pdf(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return documents.decision_pdf_response(selectors.decision_get(actor=actor_of(request), proposal_id=proposal_id))


@router.get("/counts", response=CountsOut, summary="Collectives and individuals commended, by form and level")
def counts(request: HttpRequest, filters: Query[CountsFilterIn]) -> CountsOut:
    return CountsOut.of(
        selectors.award_counts(
            actor=actor_of(request),
            unit_code=filters.unit,
            year=filters.year,
            date_from=filters.date_from,
            date_to=filters.date_to,
        )
    )
