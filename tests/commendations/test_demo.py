"""The demo commendations."""

from __future__ import annotations

import pytest

from antq.commendations.decisions.models import CommendationDecision
from antq.commendations.proposals.models import CommendationProposal

pytestmark = pytest.mark.django_db


def test_demo_has_proposals_in_both_provinces_and_ministry_decisions() -> None:
    from antq.commendations.demo import demo_commendations

    for province in ("56", "42"):
        proposals = CommendationProposal.objects.filter(province__code=province)
        assert proposals.values("state").distinct().count() >= 3
        decision = CommendationDecision.objects.filter(proposal__province__code=province, unit__code="VN").first()
        assert decision is not None and decision.number and decision.symbol == "QĐ-BCA"
        assert decision.festival_site is not None or decision.proposal.festival_site is not None
    assert CommendationProposal.objects.filter(state="returned").exclude(return_reason="").exists()
    before = CommendationProposal.objects.count()
    demo_commendations()
    assert CommendationProposal.objects.count() == before, "idempotent"
