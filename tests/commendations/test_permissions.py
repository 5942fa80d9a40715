"""Permission-matrix rows and targets for commendations (harness: tests/permissions.py).

The actors hold their roles at the commune Xã Cam Lâm. On their own commune's proposals:
officers prepare (create, edit, withdraw a draft), leaders submit; forwarding, returning and
deciding belong to the leaders of the province or the Ministry, so every commune role gets 403
there. Proposals of the province itself, of a sibling commune and of Hà Tĩnh are out of scope
(404).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tests.permissions import (
    API_ALL_OK,
    API_CREATE,
    API_WRITE,
    LOGIN,
    PDF_STATUS,
    UNAUTH,
    WRITE_HTML,
    Row,
    api_row,
    by_role,
    html,
    matrix,
)

if TYPE_CHECKING:
    from antq.core.actor import Actor
    from tests.permissions import Target

YEAR = 2026
ALL_OK = by_role(LOGIN, 200, 200, 200, 200)
PDF_OK = by_role(LOGIN, *[PDF_STATUS] * 4)
API_PDF_OK = by_role(UNAUTH, *[PDF_STATUS] * 4)
PREPARE_POST = by_role(LOGIN, 403, 302, 302, 302)  # officers prepare
LEADER_POST = by_role(LOGIN, 403, 403, 302, 302)  # leaders of the proposing unit submit
ABOVE_ONLY = by_role(LOGIN, 403, 403, 403, 403)  # the province or the Ministry acts
API_LEADER = by_role(UNAUTH, 403, 403, 200, 200)
API_ABOVE_ONLY = by_role(UNAUTH, 403, 403, 403, 403)
BASE = "/api/commendations/proposals"


def build_targets(target: Target, relation: str, system: Actor) -> None:
    """Three proposals of the relation's unit (the province's own for "ancestor"), asking for a
    Ministry form: a draft, a submitted one and a decided one with its decision. Written with a
    few set-based inserts: the matrix builds targets for every case."""
    from antq.commendations.decisions.models import CommendationDecision
    from antq.commendations.proposals.models import CommendationNominee, CommendationProposal, ProposalState
    from antq.core.models import placement
    from antq.core.text import normalise_search
    from antq.units.models import Unit

    unit = Unit.objects.get(code=target.unit)
    province_id, commune_id = placement(unit)
    submitted_on = dt.date(YEAR, 8, 1)
    common = {
        "unit": unit,
        "province_id": province_id,
        "commune_id": commune_id,
        "year": YEAR,
        "authority_level": "ministry",
        "memo_symbol": "TTr-CAX",
        "issuing_body": f"CÔNG AN {unit.name.upper()}",
        "place": unit.short_name or unit.name,
        "signer_title": "TRƯỞNG CÔNG AN XÃ",
    }
    draft, submitted, decided = CommendationProposal.objects.bulk_create(
        [
            CommendationProposal(title=f"Đề nghị kiểm thử {relation} (dự thảo)", state=ProposalState.DRAFT, **common),
            CommendationProposal(
                title=f"Đề nghị kiểm thử {relation} (đã gửi)",
                state=ProposalState.SUBMITTED,
                submitted_on=submitted_on,
                memo_number="11",
                **common,
            ),
            CommendationProposal(
                title=f"Đề nghị kiểm thử {relation} (đã quyết định)",
                state=ProposalState.DECIDED,
                submitted_on=submitted_on,
                memo_number="12",
                **common,
            ),
        ]
    )
    decision = CommendationDecision.objects.create(
        proposal=decided,
        unit=Unit.objects.get(code="VN"),
        number=f"9{len(relation)}{ord(relation[0])}",
        symbol="QĐ-BCA",
        year=YEAR,
        decided_on=dt.date(YEAR, 8, 12),
        issuing_body="BỘ CÔNG AN",
        place="Hà Nội",
        signer_authority="KT. BỘ TRƯỞNG",
        signer_title="THỨ TRƯỞNG",
        signer_name="Nguyễn Văn Kiểm",
    )
    nominees = []
    for proposal, suffix, awarded in ((draft, "A", False), (submitted, "B", False), (decided, "C", True)):
        name = f"Tập thể kiểm thử {relation} {suffix}"
        nominees.append(
            CommendationNominee(
                proposal=proposal,
                row=1,
                kind="collective",
                name=name,
                name_folded=normalise_search(name),
                achievement="Thành tích kiểm thử.",
                award_form="certificate_of_merit",
                year=YEAR,
                province_id=province_id,
                commune_id=commune_id,
                awarded=awarded,
                decision=decision if awarded else None,
            )
        )
    CommendationNominee.objects.bulk_create(nominees)
    target.extra.update(
        commendations_draft=draft.pk,
        commendations_submitted=submitted.pk,
        commendations_decided=decided.pk,
    )


def _draft(t: Target) -> int:
    return int(t.extra["commendations_draft"])


def _submitted(t: Target) -> int:
    return int(t.extra["commendations_submitted"])


def _decided(t: Target) -> int:
    return int(t.extra["commendations_decided"])


def _content(t: Target) -> dict[str, object]:
    return {
        "year": YEAR,
        "authority_level": "ministry",
        "nominees": [
            {
                "kind": "individual",
                "name": "Nguyễn Văn Ma Trận",
                "position": "Trưởng thôn",
                "achievement": "Thành tích.",
                "award_form": "certificate_of_merit",
            }
        ],
    }


ROWS: list[Row] = [
    # --- HTML ---
    html("commendations:list", "GET", lambda t: f"/commendations/?year={YEAR}", ALL_OK, elsewhere=None),
    html("commendations:create", "GET", lambda t: "/commendations/new/", WRITE_HTML, elsewhere=None),
    html("commendations:detail", "GET", lambda t: f"/commendations/{_submitted(t)}/", ALL_OK),
    html("commendations:edit", "GET", lambda t: f"/commendations/{_draft(t)}/edit/", WRITE_HTML),
    html(
        "commendations:submit",
        "POST",
        lambda t: f"/commendations/{_draft(t)}/submit/",
        LEADER_POST,
        data=lambda t: {"version": 1, "submitted_on": f"{YEAR}-08-01"},
    ),
    html(
        "commendations:forward",
        "POST",
        lambda t: f"/commendations/{_submitted(t)}/forward/",
        ABOVE_ONLY,
        data=lambda t: {"version": 1},
    ),
    html("commendations:return", "GET", lambda t: f"/commendations/{_submitted(t)}/return/", ABOVE_ONLY),
    html("commendations:decide", "GET", lambda t: f"/commendations/{_submitted(t)}/decide/", ABOVE_ONLY),
    html(
        "commendations:withdraw",
        "POST",
        lambda t: f"/commendations/{_draft(t)}/withdraw/",
        PREPARE_POST,
        data=lambda t: {"version": 1},
    ),
    html("commendations:docx", "GET", lambda t: f"/commendations/{_submitted(t)}/document.docx", ALL_OK),
    html("commendations:pdf", "GET", lambda t: f"/commendations/{_submitted(t)}/document.pdf", PDF_OK),
    html("commendations:decision_docx", "GET", lambda t: f"/commendations/{_decided(t)}/decision.docx", ALL_OK),
    html("commendations:decision_pdf", "GET", lambda t: f"/commendations/{_decided(t)}/decision.pdf", PDF_OK),
    # --- API ---
    api_row("GET", f"{BASE}", lambda t: f"{BASE}?year={YEAR}", API_ALL_OK, elsewhere=None),
    api_row("POST", f"{BASE}", lambda t: BASE, API_CREATE, data=lambda t: {"unit": t.unit, **_content(t)}),
    api_row("GET", f"{BASE}/{{proposal_id}}", lambda t: f"{BASE}/{_submitted(t)}", API_ALL_OK),
    api_row(
        "PUT",
        f"{BASE}/{{proposal_id}}",
        lambda t: f"{BASE}/{_draft(t)}",
        API_WRITE,
        data=lambda t: {"version": 1, **_content(t)},
    ),
    api_row(
        "POST",
        f"{BASE}/{{proposal_id}}/submit",
        lambda t: f"{BASE}/{_draft(t)}/submit",
        API_LEADER,
        data=lambda t: {"version": 1, "submitted_on": f"{YEAR}-08-01"},
    ),
    api_row(
        "POST",
        f"{BASE}/{{proposal_id}}/forward",
        lambda t: f"{BASE}/{_submitted(t)}/forward",
        API_ABOVE_ONLY,
        data=lambda t: {"version": 1},
    ),
    api_row(
        "POST",
        f"{BASE}/{{proposal_id}}/return",
        lambda t: f"{BASE}/{_submitted(t)}/return",
        API_ABOVE_ONLY,
        data=lambda t: {"version": 1, "reason": "Bổ sung thành tích."},
    ),
    api_row(
        "POST",
        f"{BASE}/{{proposal_id}}/decide",
        lambda t: f"{BASE}/{_submitted(t)}/decide",
        API_ABOVE_ONLY,
        data=lambda t: {"version": 1, "number": "4321", "decided_on": f"{YEAR}-08-15", "signer_name": "Nguyễn Văn A"},
    ),
    api_row(
        "POST",
        f"{BASE}/{{proposal_id}}/withdraw",
        lambda t: f"{BASE}/{_draft(t)}/withdraw",
        API_WRITE,
        data=lambda t: {"version": 1},
    ),
    api_row(
        "GET", f"{BASE}/{{proposal_id}}/document.docx", lambda t: f"{BASE}/{_submitted(t)}/document.docx", API_ALL_OK
    ),
    api_row(
        "GET", f"{BASE}/{{proposal_id}}/document.pdf", lambda t: f"{BASE}/{_submitted(t)}/document.pdf", API_PDF_OK
    ),
    api_row(
        "GET", f"{BASE}/{{proposal_id}}/decision.docx", lambda t: f"{BASE}/{_decided(t)}/decision.docx", API_ALL_OK
    ),
    api_row("GET", f"{BASE}/{{proposal_id}}/decision.pdf", lambda t: f"{BASE}/{_decided(t)}/decision.pdf", API_PDF_OK),
    api_row(
        "GET", "/api/commendations/counts", lambda t: f"/api/commendations/counts?unit={t.unit}&year={YEAR}", API_ALL_OK
    ),
]


MATRIX_TARGETS = [build_targets]

test_matrix = matrix(ROWS)
