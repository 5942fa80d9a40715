"""The proposal services called directly: every action locks the proposal among those the actor
sees (a proposal elsewhere is NotFound, as if it did not exist, never Forbidden), and the memo's
header follows the Decree 30 rules (`antq.core.documents.header`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest
from django.utils import timezone

from antq.commendations.proposals import services
from antq.commendations.proposals.models import CommendationProposal, ProposalState
from antq.commendations.proposals.services import NomineeInput, ProposalInput
from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from tests.commendations.helpers import SIGNER, YEAR, sent_up

pytestmark = pytest.mark.django_db

Actors = Callable[[str], Actor]
CONTENT = ProposalInput(
    year=YEAR,
    authority_level="ministry",
    signer_name=SIGNER,
    nominees=(
        NomineeInput(
            kind="collective",
            name="Tổ bảo vệ ANTT thôn Văn Thủy",
            award_form="certificate_of_merit",
            achievement="Tổ chức tốt Ngày hội.",
        ),
    ),
)


def draft(actor: Actors, **changes: object) -> CommendationProposal:
    """A draft of Xã Cam Lâm asking the Ministry for a Bằng khen."""
    data = replace(CONTENT, **changes)  # type: ignore[arg-type]
    return services.proposal_create(actor=actor("camlam.officer"), unit_code="22453", data=data)


def submitted(actor: Actors, **changes: object) -> CommendationProposal:
    return sent_up(actor("camlam.leader"), draft(actor, **changes))


ACTIONS: dict[str, tuple[str, Callable[[Actor, CommendationProposal], object]]] = {
    "update": (
        "draft",
        lambda a, p: services.proposal_update(actor=a, proposal_id=p.pk, version=p.version, data=ProposalInput.of(p)),
    ),
    "submit": ("draft", lambda a, p: services.proposal_submit(actor=a, proposal_id=p.pk, version=p.version)),
    "withdraw": ("draft", lambda a, p: services.proposal_withdraw(actor=a, proposal_id=p.pk, version=p.version)),
    "forward": ("submitted", lambda a, p: services.proposal_forward(actor=a, proposal_id=p.pk, version=p.version)),
    "return": (
        "submitted",
        lambda a, p: services.proposal_return(actor=a, proposal_id=p.pk, version=p.version, reason="Bổ sung."),
    ),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_an_action_on_a_proposal_outside_the_actors_area_is_not_found(actor: Actors, action: str) -> None:
    """Until issue 17 the services re-locked the proposal by its id and checked only the role, so
    a leader of Hà Tĩnh calling them on a proposal of Khánh Hòa got 403; now 404, as the API
    answers for a proposal the actor cannot see."""
    state, call = ACTIONS[action]
    proposal = draft(actor) if state == "draft" else submitted(actor)
    with pytest.raises(NotFound):
        call(actor("hatinh.leader"), proposal)
    stored = CommendationProposal.objects.get(pk=proposal.pk)
    assert (stored.state, stored.version) == (proposal.state, proposal.version)


def test_seen_but_not_the_actors_to_change_is_forbidden_then_a_stale_version_conflicts(actor: Actors) -> None:
    proposal = draft(actor)
    with pytest.raises(Forbidden):
        services.proposal_update(
            actor=actor("camlam.viewer"), proposal_id=proposal.pk, version=proposal.version, data=CONTENT
        )
    with pytest.raises(Forbidden):  # the role is checked before the version
        services.proposal_submit(actor=actor("camlam.officer"), proposal_id=proposal.pk, version=proposal.version + 5)
    with pytest.raises(Conflict):
        services.proposal_submit(actor=actor("camlam.leader"), proposal_id=proposal.pk, version=proposal.version + 5)


def test_the_memo_symbol_starts_with_ttr(actor: Actors) -> None:
    """Before: any 1-32 letters, digits, dots, brackets or hyphens ("CAX-15" was accepted)."""
    for symbol in ("CAX-15", "KH-CAX", "TTR-CAX", "TTr"):
        with pytest.raises(ValidationFailed) as refused:
            draft(actor, memo_symbol=symbol)
        assert set(refused.value.errors) == {"memo_symbol"}, symbol
    assert draft(actor, memo_symbol="TTr-CAX(PV05)").memo_symbol == "TTr-CAX(PV05)"


def test_a_memo_is_numbered_when_it_is_sent_up_and_then_names_its_signer(actor: Actors) -> None:
    """A numbered document is signed: a memo still being prepared carries no number (before, a
    draft could hold one), and a memo sent up with a number needs the signer's name and a date
    that is not in the future."""
    with pytest.raises(ValidationFailed) as numbered_draft:
        draft(actor, memo_number="15")
    assert set(numbered_draft.value.errors) == {"memo_number"}
    unsigned = draft(actor, signer_name="")
    leader = actor("camlam.leader")
    with pytest.raises(ValidationFailed) as no_signer:
        services.proposal_submit(actor=leader, proposal_id=unsigned.pk, version=unsigned.version, memo_number="15")
    assert set(no_signer.value.errors) == {"signer_name"}
    with pytest.raises(ValidationFailed) as future:
        services.proposal_submit(
            actor=leader,
            proposal_id=unsigned.pk,
            version=unsigned.version,
            submitted_on=timezone.localdate() + dt.timedelta(days=2),
        )
    assert set(future.value.errors) == {"submitted_on"}
    with pytest.raises(ValidationFailed) as letters:
        services.proposal_submit(actor=leader, proposal_id=unsigned.pk, version=unsigned.version, memo_number="15a")
    assert "memo_number" in letters.value.errors
    assert CommendationProposal.objects.get(pk=unsigned.pk).state == ProposalState.DRAFT
    unnumbered = services.proposal_submit(actor=leader, proposal_id=unsigned.pk, version=unsigned.version)
    assert unnumbered.state == ProposalState.SUBMITTED and unnumbered.memo_reference == ""
    signed = draft(actor, nominees=(replace(CONTENT.nominees[0], name="Thôn Tân Hải"),))
    sent = sent_up(leader, signed, memo_number="15")
    assert sent.memo_reference == "15/TTr-CAX"


def test_a_returned_memo_keeps_its_number_when_it_is_edited(actor: Actors) -> None:
    """A memo sent up once is dated: edited after it was returned, its number stays valid."""
    proposal = draft(actor)
    proposal = sent_up(actor("camlam.leader"), proposal, memo_number="15")
    proposal = services.proposal_return(
        actor=actor("khanhhoa.leader"), proposal_id=proposal.pk, version=proposal.version, reason="Bổ sung số liệu."
    )
    proposal = CommendationProposal.objects.get(pk=proposal.pk)
    edited = services.proposal_update(
        actor=actor("camlam.officer"),
        proposal_id=proposal.pk,
        version=proposal.version,
        data=replace(ProposalInput.of(proposal), reasons="Đã bổ sung số liệu."),
    )
    assert edited.memo_reference == "15/TTr-CAX" and edited.state == ProposalState.RETURNED
