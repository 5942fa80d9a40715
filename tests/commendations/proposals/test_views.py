"""The proposal pages: prepare with rows added on the page, submit, forward and decide from the
pages, and the return page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from antq.commendations.proposals.models import CommendationProposal
from tests.commendations.helpers import SIGNER, YEAR, Clients, act, create, formset

pytestmark = pytest.mark.django_db


def test_html_prepare_submit_forward_decide(client_as: Clients) -> None:
    officer = client_as("camlam.officer")
    page = officer.get("/commendations/new/")
    assert page.status_code == 200 and b"nominees-TOTAL_FORMS" in page.content
    form = {
        "unit": "22453",
        "year": str(YEAR),
        "authority_level": "ministry",
        "memo_symbol": "TTr-CAX",
        "issuing_body": "CÔNG AN XÃ CAM LÂM",
        "place": "Cam Lâm",
        "signer_name": SIGNER,  # the memo is sent up with a number: it names its signer
        **formset(
            [
                {
                    "kind": "collective",
                    "name": "Thôn Văn Thủy",
                    "achievement": "Tốt.",
                    "award_form": "certificate_of_merit",
                },
                {"kind": "individual", "name": "", "achievement": "", "award_form": "certificate_of_merit"},
            ]
        ),
    }
    more = officer.post("/commendations/new/", {**form, "add_rows": "1"})
    assert more.status_code == 200 and b"nominees-4-name" in more.content
    bad = officer.post("/commendations/new/", {**form, "nominees-0-achievement": ""})
    body = bad.content.decode()
    assert bad.status_code == 200 and ("Row 1" in body or "Dòng 1" in body)
    saved = officer.post("/commendations/new/", form)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    proposal = CommendationProposal.objects.get(unit__code="22453", nominees__name="Thôn Văn Thủy")
    assert proposal.nominees.count() == 1, "the empty row is left out"
    detail = officer.get(f"/commendations/{proposal.pk}/")
    assert detail.status_code == 200 and f"/commendations/{proposal.pk}/edit/" in detail.content.decode()
    leader = client_as("camlam.leader")
    response = leader.post(
        f"/commendations/{proposal.pk}/submit/",
        {"version": proposal.version, "submitted_on": "2026-08-03", "memo_number": "9"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    province = client_as("khanhhoa.leader")
    assert f"/commendations/{proposal.pk}/forward/" in province.get(f"/commendations/{proposal.pk}/").content.decode()
    province.post(f"/commendations/{proposal.pk}/forward/", {"version": proposal.version})
    proposal.refresh_from_db()
    assert proposal.state == "forwarded"
    ministry = client_as("bo.leader")
    page = ministry.get(f"/commendations/{proposal.pk}/decide/")
    assert page.status_code == 200 and "QĐ-BCA" in page.content.decode()
    nominee = proposal.nominees.get()
    early = ministry.post(
        f"/commendations/{proposal.pk}/decide/",
        {
            "version": proposal.version,
            "number": "3401",
            "symbol": "QĐ-BCA",
            "decided_on": "2026-08-01",
            "signer_title": "THỨ TRƯỞNG",
            "signer_name": "Trần Đức Hải",
            "awarded": [nominee.pk],
            "issuing_body": "BỘ CÔNG AN",
            "place": "Hà Nội",
        },
    )
    assert early.status_code == 200 and "03/08/2026" in early.content.decode()
    done = ministry.post(
        f"/commendations/{proposal.pk}/decide/",
        {
            "version": proposal.version,
            "number": "3401",
            "symbol": "QĐ-BCA",
            "decided_on": "2026-08-12",
            "signer_title": "THỨ TRƯỞNG",
            "signer_name": "Trần Đức Hải",
            "awarded": [nominee.pk],
            "issuing_body": "BỘ CÔNG AN",
            "place": "Hà Nội",
        },
    )
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "decided"
    listing = officer.get(f"/commendations/?year={YEAR}&q=van thuy").content.decode()
    assert f"/commendations/{proposal.pk}/" in listing
    assert "/commendations/" in officer.get("/").content.decode(), "the nav link"


def test_html_return_page(client_as: Clients, api_as: Clients) -> None:
    proposal = create(api_as("camlam.officer")).json()
    proposal = act(api_as("camlam.leader"), proposal, "submit", submitted_on="2026-08-03").json()
    province = client_as("khanhhoa.leader")
    assert province.get(f"/commendations/{proposal['id']}/return/").status_code == 200
    empty = province.post(f"/commendations/{proposal['id']}/return/", {"version": proposal["version"], "reason": ""})
    assert empty.status_code == 200
    done = province.post(
        f"/commendations/{proposal['id']}/return/", {"version": proposal["version"], "reason": "Thiếu số liệu."}
    )
    assert done.status_code == 302
    page = client_as("camlam.officer").get(f"/commendations/{proposal['id']}/").content.decode()
    assert "Thiếu số liệu." in page


def test_a_refused_action_shows_the_proposal_again_with_the_reason(client_as: Clients, api_as: Clients) -> None:
    """Before issue 17 the page redirected with the message in a banner; now the proposal's page
    comes back with the reason above the actions and what was typed still in the form."""
    proposal = create(api_as("camlam.officer")).json()
    leader = client_as("camlam.leader")
    url = f"/commendations/{proposal['id']}/submit/"
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    refused = leader.post(url, {"version": proposal["version"], "submitted_on": future, "memo_number": "15"})
    page = refused.content.decode()
    assert refused.status_code == 200 and '<div class="errors" role="alert">' in page
    assert f'value="{future}"' in page and 'value="15"' in page
    stale = leader.post(url, {"version": proposal["version"] + 1, "submitted_on": "2026-08-03"})
    assert stale.status_code == 409 and '<div class="errors" role="alert">' in stale.content.decode()
    assert CommendationProposal.objects.get(pk=proposal["id"]).state == "draft"
    incomplete = leader.post(url, {"submitted_on": "2026-08-03"})
    assert incomplete.status_code == 302 and incomplete["Location"] == f"/commendations/{proposal['id']}/"


def test_a_stale_edit_shows_the_form_again_with_what_was_typed(client_as: Clients, api_as: Clients) -> None:
    """Someone saved the proposal since the page was opened: the form comes back with the message
    and the officer's input (status 409; before issue 17 it came back with 200)."""
    proposal = create(api_as("camlam.officer")).json()
    row = {"kind": "collective", "name": "Thôn Văn Thủy mới", "achievement": "Tốt."}
    row["award_form"] = "certificate_of_merit"
    data = {
        "version": str(proposal["version"] + 1),
        "year": str(YEAR),
        "authority_level": "ministry",
        "memo_symbol": "TTr-CAX",
        "issuing_body": "CÔNG AN XÃ CAM LÂM",
        "place": "Cam Lâm",
        **formset([row]),
    }
    stale = client_as("camlam.officer").post(f"/commendations/{proposal['id']}/edit/", data)
    page = stale.content.decode()
    assert stale.status_code == 409 and 'role="alert"' in page and "Thôn Văn Thủy mới" in page
    stored = CommendationProposal.objects.get(pk=proposal["id"])
    assert stored.version == proposal["version"] and not stored.nominees.filter(name="Thôn Văn Thủy mới").exists()
