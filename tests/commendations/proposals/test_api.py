"""Proposals through the API: bad input (a person proposed twice, a form the level does not give)
is refused with the field named and nothing stored changes; versions, scope, returning and
resubmitting."""

from __future__ import annotations

import pytest

from antq.commendations.proposals.models import CommendationNominee, CommendationProposal
from tests.commendations.helpers import API, YEAR, Clients, act, call, collective, create, person, site_of

pytestmark = pytest.mark.django_db


def test_a_person_proposed_twice_for_the_same_form_and_year_is_refused(api_as: Clients) -> None:
    officer = api_as("camlam.officer")
    first = create(officer, nominees=[person("Nguyễn Văn Bình")])
    assert first.status_code == 201
    again = create(officer, level="province", nominees=[collective("Thôn Hòa Lý"), person("NGUYEN VAN  BINH")])
    assert again.status_code == 422
    errors = again.json()["errors"]
    assert list(errors) == ["nominees.1.name"]
    assert "NGUYEN VAN BINH" in errors["nominees.1.name"] and "2" in errors["nominees.1.name"]
    assert CommendationProposal.objects.filter(unit__code="22453", nominees__name="Thôn Hòa Lý").count() == 0
    # The same person for another form is a different proposal; the first one is untouched.
    assert create(officer, nominees=[person("Nguyễn Văn Bình", form="medal")]).status_code == 201
    stored = CommendationProposal.objects.get(pk=first.json()["id"])
    assert [n.name for n in stored.nominees.all()] == ["Nguyễn Văn Bình"]
    # Twice in one list.
    twice = create(officer, nominees=[person("Phạm Văn Cường"), person("Phạm Văn Cường")])
    assert twice.status_code == 422 and "nominees.1.name" in twice.json()["errors"]
    # A withdrawn proposal frees its people.
    withdrawn = act(officer, first.json(), "withdraw", reason="Đề nghị ở hình thức khác.")
    assert withdrawn.status_code == 200 and withdrawn.json()["state"] == "withdrawn"
    assert create(officer, nominees=[person("Nguyễn Văn Bình")]).status_code == 201


def test_forms_must_suit_the_level_and_the_kind(api_as: Clients) -> None:
    officer = api_as("camlam.officer")
    medal = create(officer, level="province", nominees=[person("Hồ Văn Dũng", form="medal")])
    assert medal.status_code == 422 and "nominees.0.award_form" in medal.json()["errors"]
    flag = create(officer, level="province", nominees=[person("Hồ Văn Dũng", form="emulation_flag")])
    assert flag.status_code == 422 and "nominees.0.award_form" in flag.json()["errors"]
    medal_to_collective = create(officer, nominees=[collective("Thôn Đông Cam", form="medal")])
    assert "nominees.0.award_form" in medal_to_collective.json()["errors"]
    empty = create(officer, nominees=[])
    assert empty.status_code == 422 and "nominees" in empty.json()["errors"]
    missing = create(
        officer, nominees=[{**person("Hồ Văn Dũng"), "achievement": "", "position": "", "organisation": ""}]
    )
    assert set(missing.json()["errors"]) == {"nominees.0.achievement", "nominees.0.position"}
    commune_level = create(api_as("khanhhoa.officer"), unit="56", level="commune")
    assert "authority_level" in commune_level.json()["errors"]
    village = create(officer, unit="22453-0001")
    assert village.status_code == 422 and "unit" in village.json()["errors"]
    assert create(api_as("camlam.viewer")).status_code == 403
    assert create(officer, unit="22366").status_code == 404
    site = site_of("18073")
    elsewhere = create(officer, festival_site=site.pk)
    assert elsewhere.status_code == 422 and "festival_site" in elsewhere.json()["errors"]
    assert CommendationNominee.objects.filter(name="Hồ Văn Dũng").count() == 0


def test_stale_versions_conflict(api_as: Clients) -> None:
    officer = api_as("camlam.officer")
    proposal = create(officer).json()
    body = {
        "version": proposal["version"],
        "year": YEAR,
        "authority_level": "ministry",
        "nominees": [collective("Tổ bảo vệ ANTT thôn Văn Thủy")],
    }
    first = call(officer, "put", f"{API}/{proposal['id']}", body)
    assert first.status_code == 200 and first.json()["version"] == proposal["version"] + 1
    assert len(first.json()["nominees"]) == 1, "the list is replaced as a whole"
    stale = call(officer, "put", f"{API}/{proposal['id']}", {**body, "nominees": [person("Đinh Văn E")]})
    assert stale.status_code == 409
    assert act(api_as("camlam.leader"), proposal, "submit").status_code == 409
    stored = CommendationProposal.objects.get(pk=proposal["id"])
    assert [n.name for n in stored.nominees.all()] == ["Tổ bảo vệ ANTT thôn Văn Thủy"] and stored.state == "draft"


def test_another_province_cannot_see_or_act(api_as: Clients) -> None:
    proposal = create(api_as("camlam.officer")).json()
    proposal = act(api_as("camlam.leader"), proposal, "submit", submitted_on="2026-08-03").json()
    for username in ("hatinh.leader", "thanhsen.officer"):
        other = api_as(username)
        assert other.get(f"{API}/{proposal['id']}").status_code == 404
        assert act(other, proposal, "return", reason="x").status_code == 404
        assert other.get(f"{API}/{proposal['id']}/document.docx").status_code == 404
        listed = other.get(f"{API}?year={YEAR}&limit=500").json()["items"]
        assert proposal["id"] not in {p["id"] for p in listed}
    assert api_as("hatinh.viewer").get("/api/commendations/counts?unit=56").status_code == 404
    # A commune does not see its province's own proposals.
    own = create(api_as("khanhhoa.officer"), unit="56", nominees=[person("Mai Văn G")]).json()
    assert api_as("camlam.leader").get(f"{API}/{own['id']}").status_code == 404


def test_returned_with_a_reason_then_edited_and_submitted_again(api_as: Clients) -> None:
    proposal = create(
        api_as("camlam.officer"), level="province", nominees=[person("Lý Văn H", "certificate_of_commendation")]
    )
    proposal = act(api_as("camlam.leader"), proposal.json(), "submit", submitted_on="2026-08-03").json()
    province = api_as("khanhhoa.leader")
    no_reason = act(province, proposal, "return", reason="  ")
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["errors"]
    returned = act(province, proposal, "return", reason="Bổ sung số liệu cụ thể.")
    assert returned.status_code == 200
    proposal = returned.json()
    assert proposal["state"] == "returned" and proposal["return_reason"] == "Bổ sung số liệu cụ thể."
    officer = api_as("camlam.officer")
    assert set(officer.get(f"{API}/{proposal['id']}").json()["actions"]) == {"edit", "withdraw"}
    body = {
        "version": proposal["version"],
        "year": YEAR,
        "authority_level": "province",
        "nominees": [person("Lý Văn H", "certificate_of_commendation", achievement="Phát hiện 5 vụ việc.")],
    }
    edited = call(officer, "put", f"{API}/{proposal['id']}", body)
    assert edited.status_code == 200, edited.content
    proposal = edited.json()
    # While it is returned its nominee holds no slot: another proposal may take him, and then the
    # resubmission names the row and nothing changes.
    rival = create(officer, level="province", nominees=[person("Lý Văn H", "certificate_of_commendation")])
    assert rival.status_code == 201
    blocked = act(api_as("camlam.leader"), proposal, "submit", submitted_on="2026-08-20")
    assert blocked.status_code == 422 and "nominees.0.name" in blocked.json()["errors"]
    assert CommendationProposal.objects.get(pk=proposal["id"]).state == "returned"
    act(officer, rival.json(), "withdraw")
    again = act(api_as("camlam.leader"), proposal, "submit", submitted_on="2026-08-20")
    assert again.status_code == 200 and again.json()["state"] == "submitted"
    assert [e["action"] for e in again.json()["events"]] == ["create", "submit", "return", "update", "submit"]
    decided = act(
        province, again.json(), "decide", number="880", decided_on="2026-08-25", signer_name="Võ Văn K"
    ).json()
    assert decided["decision"]["reference"] == "880/QĐ-CAT"
    assert decided["decision"]["issuing_body"] == "CÔNG AN TỈNH KHÁNH HÒA"
