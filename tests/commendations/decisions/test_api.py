"""Decisions through the API: a decision before its proposal is refused and nothing changes; a
decision may award only some of the list, and its number is not used twice."""

from __future__ import annotations

import pytest

from antq.commendations.decisions.models import CommendationDecision
from antq.commendations.proposals.models import CommendationProposal
from tests.commendations.helpers import Clients, act, collective, create, person, submitted_to_ministry

pytestmark = pytest.mark.django_db


def test_a_decision_before_its_proposal_is_refused_and_nothing_changes(api_as: Clients) -> None:
    proposal = submitted_to_ministry(api_as)
    early = act(api_as("bo.leader"), proposal, "decide", number="3126", decided_on="2026-08-01", signer_name="A B")
    assert early.status_code == 422
    message = early.json()["errors"]["decided_on"]
    assert "03/08/2026" in message
    stored = CommendationProposal.objects.get(pk=proposal["id"])
    assert stored.state == "forwarded" and stored.version == proposal["version"]
    assert not CommendationDecision.objects.filter(proposal=stored).exists()
    assert not stored.nominees.filter(awarded=True).exists()
    future = act(api_as("bo.leader"), proposal, "decide", number="3126", decided_on="2099-01-01", signer_name="A B")
    assert future.status_code == 422 and "decided_on" in future.json()["errors"]


def test_a_decision_may_award_only_some(api_as: Clients) -> None:
    proposal = submitted_to_ministry(api_as, nominees=[collective("Thôn Tân Hải"), person("Đào Thị L")])
    ids = [n["id"] for n in proposal["nominees"]]
    ministry = api_as("bo.leader")
    wrong = act(ministry, proposal, "decide", number="3300", decided_on="2026-08-12", signer_name="A", awarded=[999999])
    assert wrong.status_code == 422 and "awarded" in wrong.json()["errors"]
    decided = act(
        ministry, proposal, "decide", number="3300", decided_on="2026-08-12", signer_name="A", awarded=ids[:1]
    )
    assert [n["awarded"] for n in decided.json()["nominees"]] == [True, False]
    # The one not awarded may be proposed again; the number cannot be used twice.
    assert create(api_as("camlam.officer"), nominees=[person("Đào Thị L")]).status_code == 201
    other = submitted_to_ministry(api_as, nominees=[person("Bùi Văn M")])
    taken = act(ministry, other, "decide", number="3300", decided_on="2026-08-13", signer_name="A")
    assert taken.status_code == 422 and "number" in taken.json()["errors"]
