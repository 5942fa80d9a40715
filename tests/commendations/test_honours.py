"""Commendations: a commune proposes, the province forwards or decides, the Ministry decides; bad
input (a decision before its proposal, a person proposed twice) is refused with the field named
and nothing stored changes; versions, scope, returning and resubmitting; the documents; counts."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from docx import Document

from antq.core.documents import libreoffice_available, pdf_to_png_pages
from antq.core.models import AuditEntry
from antq.festivals.models import FestivalSite
from antq.commendations.models import CommendationDecision, CommendationNominee, CommendationProposal

pytestmark = pytest.mark.django_db

API = "/api/commendations/proposals"
YEAR = 2026
Clients = Callable[[str], Client]


def person(name: str, form: str = "certificate_of_merit", **extra: str) -> dict[str, str]:
    return {
        "kind": "individual",
        "name": name,
        "position": extra.get("position", "Trưởng thôn"),
        "organisation": extra.get("organisation", "Thôn Văn Thủy, xã Cam Lâm"),
        "achievement": extra.get("achievement", "Vận động Nhân dân giao nộp vũ khí."),
        "award_form": form,
    }


def collective(name: str, form: str = "certificate_of_merit") -> dict[str, str]:
    return {"kind": "collective", "name": name, "achievement": "Tổ chức tốt Ngày hội.", "award_form": form}


def call(client: Client, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
    return getattr(client, method)(path, payload or {}, content_type="application/json")


def create(
    client: Client,
    unit: str = "22453",
    level: str = "ministry",
    nominees: list[dict[str, str]] | None = None,
    **extra: Any,
) -> Any:
    payload = {
        "unit": unit,
        "year": YEAR,
        "authority_level": level,
        "nominees": nominees
        if nominees is not None
        else [collective("Tổ bảo vệ ANTT thôn Văn Thủy"), person("Trần Thị Mai")],
        **extra,
    }
    return call(client, "post", API, payload)


def act(client: Client, proposal: dict[str, Any], action: str, **payload: Any) -> Any:
    return call(client, "post", f"{API}/{proposal['id']}/{action}", {"version": proposal["version"], **payload})


def site_of(commune: str) -> FestivalSite:
    site = FestivalSite.objects.filter(commune__code=commune, year=YEAR).exclude(state="cancelled").first()
    assert site is not None
    return site


def counts(client: Client, unit: str) -> dict[str, Any]:
    response = client.get(f"/api/commendations/counts?unit={unit}&year={YEAR}")
    assert response.status_code == 200, response.content
    return response.json()


def awarded(body: dict[str, Any], form: str, kind: str, level: str) -> int:
    return sum(
        r["awarded"]
        for r in body["rows"]
        if r["award_form"] == form and r["kind"] == kind and r["authority_level"] == level
    )


def submitted_to_ministry(api_as: Clients, **extra: Any) -> dict[str, Any]:
    """A Cam Lâm proposal for the Minister's Bằng khen, submitted and forwarded by the province."""
    proposal = create(api_as("camlam.officer"), **extra).json()
    proposal = act(api_as("camlam.leader"), proposal, "submit", submitted_on="2026-08-03", memo_number="15").json()
    return act(api_as("khanhhoa.leader"), proposal, "forward").json()


# --- the whole flow -----------------------------------------------------------------------------


def test_commune_proposes_province_forwards_ministry_decides(api_as: Clients) -> None:
    site = site_of("22453")
    viewer = api_as("camlam.viewer")
    before_commune = counts(viewer, "22453")
    before_nation = counts(api_as("bo.viewer"), "VN")

    officer = api_as("camlam.officer")
    created = create(officer, festival_site=site.pk, reasons="Năm 2026 phong trào có nhiều chuyển biến.")
    assert created.status_code == 201, created.content
    proposal = created.json()
    assert proposal["state"] == "draft" and proposal["province"]["code"] == "56"
    assert [n["name"] for n in proposal["nominees"]] == ["Tổ bảo vệ ANTT thôn Văn Thủy", "Trần Thị Mai"]
    assert set(proposal["actions"]) == {"edit", "withdraw"}, "an officer prepares; a leader submits"
    assert proposal["memo_symbol"] == "TTr-CAX" and proposal["issuing_body"] == "CÔNG AN XÃ CAM LÂM"

    assert act(officer, proposal, "submit").status_code == 403
    submitted = act(api_as("camlam.leader"), proposal, "submit", submitted_on="2026-08-03", memo_number="15")
    assert submitted.status_code == 200, submitted.content
    proposal = submitted.json()
    assert proposal["state"] == "submitted" and proposal["memo_reference"] == "15/TTr-CAX"

    province = api_as("khanhhoa.leader")
    seen = province.get(f"{API}/{proposal['id']}").json()
    assert set(seen["actions"]) == {"forward", "return"}
    too_early = act(province, proposal, "decide", number="77", decided_on="2026-08-10", signer_name="Lê Văn B")
    assert too_early.status_code == 422 and "state" in too_early.json()["errors"]
    assert act(api_as("khanhhoa.officer"), proposal, "forward").status_code == 403, "leaders forward"
    forwarded = act(province, proposal, "forward", note="Kính đề nghị Bộ xem xét.")
    assert forwarded.status_code == 200, forwarded.content
    proposal = forwarded.json()
    assert proposal["state"] == "forwarded"

    ministry = api_as("bo.leader")
    assert set(ministry.get(f"{API}/{proposal['id']}").json()["actions"]) == {"decide", "return"}
    assert act(province, proposal, "decide", number="1", decided_on="2026-08-12", signer_name="A").status_code == 403
    decided = act(ministry, proposal, "decide", number="3125", decided_on="2026-08-12", signer_name="Trần Đức Hải")
    assert decided.status_code == 200, decided.content
    proposal = decided.json()
    assert proposal["state"] == "decided"
    decision = proposal["decision"]
    assert decision["reference"] == "3125/QĐ-BCA" and decision["unit"]["code"] == "VN"
    assert decision["signer_title"] == "THỨ TRƯỞNG" and decision["festival_site"]["id"] == site.pk
    assert all(n["awarded"] for n in proposal["nominees"])
    assert [e["action"] for e in proposal["events"]] == ["create", "submit", "forward", "decide"]

    after_commune = counts(viewer, "22453")
    assert after_commune["collectives"] - before_commune["collectives"] == 1
    assert after_commune["individuals"] - before_commune["individuals"] == 1
    assert (
        awarded(after_commune, "certificate_of_merit", "individual", "ministry")
        - awarded(before_commune, "certificate_of_merit", "individual", "ministry")
        == 1
    )
    after_nation = counts(api_as("bo.viewer"), "VN")
    assert after_nation["collectives"] - before_nation["collectives"] == 1
    by_province = {row["code"]: row for row in after_nation["by_unit"]}
    assert by_province["56"]["individuals"] >= 1
    actions = set(
        AuditEntry.objects.filter(target_type="commendation_proposal", target_id=str(proposal["id"])).values_list(
            "action", flat=True
        )
    )
    assert actions == {"commendation.create", "commendation.submit", "commendation.forward", "commendation.decide"}


def test_ministry_commends_27_collectives_and_22_individuals(api_as: Clients) -> None:
    """2022: the Ministry commended 27 collectives and 22 individuals for the festival alone. A
    province's own proposal goes straight to the Ministry."""
    before = counts(api_as("bo.viewer"), "56")
    nominees = [collective(f"Công an xã điển hình số {i}") for i in range(1, 28)] + [
        person(f"Cán bộ điển hình số {i}", organisation="Công an tỉnh Khánh Hòa") for i in range(1, 23)
    ]
    proposal = create(api_as("khanhhoa.officer"), unit="56", nominees=nominees).json()
    assert proposal["commune"] is None
    proposal = act(api_as("khanhhoa.leader"), proposal, "submit", submitted_on="2026-08-05", memo_number="2789").json()
    assert not {"forward", "decide"} & set(proposal["actions"]), "the Ministry decides a province's proposal"
    decided = act(api_as("bo.leader"), proposal, "decide", number="3200", decided_on="2026-08-15", signer_name="A B")
    assert decided.status_code == 200, decided.content
    after = counts(api_as("bo.viewer"), "56")
    assert after["collectives"] - before["collectives"] == 27
    assert after["individuals"] - before["individuals"] == 22
    own_line = next(row for row in after["by_unit"] if row["code"] == "56")
    assert own_line["collectives"] >= 27


# --- bad input ----------------------------------------------------------------------------------


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
        listed = other.get(f"{API}?year={YEAR}&limit=1000").json()["items"]
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


# --- documents ----------------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def decided(api_as: Clients) -> dict[str, Any]:
    proposal = submitted_to_ministry(api_as, festival_site=site_of("22453").pk)
    return act(
        api_as("bo.leader"), proposal, "decide", number="3125", decided_on="2026-08-12", signer_name="Trần Đức Hải"
    ).json()


def test_decision_and_memo_docx(api_as: Clients, client_as: Clients, decided: dict[str, Any]) -> None:
    response = api_as("camlam.viewer").get(f"{API}/{decided['id']}/decision.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="QD-3125-QD-BCA-2026.docx"'
    text = docx_text(response.content)
    for expected in (
        "QUYẾT ĐỊNH",
        "Số: 3125/QĐ-BCA",
        "Hà Nội, ngày 12 tháng 8 năm 2026",
        "BỘ TRƯỞNG BỘ CÔNG AN",
        "Căn cứ Luật Thi đua, khen thưởng",
        "Tờ trình số 15/TTr-CAX ngày 03/08/2026",
        "Điều 1.",
        "Bằng khen của Bộ trưởng Bộ Công an",
        "Tổ bảo vệ ANTT thôn Văn Thủy",
        "Trần Thị Mai",
        "Điều 3.",
        "Trần Đức Hải",
        "Nơi nhận:",
    ):
        assert expected in text, expected
    memo = client_as("camlam.officer").get(f"/commendations/{decided['id']}/document.docx")
    assert memo.status_code == 200
    memo_text = docx_text(memo.content)
    for expected in (
        "TỜ TRÌNH",
        "Số: 15/TTr-CAX",
        "Kính gửi: Giám đốc Công an tỉnh Khánh Hòa.",
        "DANH SÁCH TRÍCH NGANG",
    ):
        assert expected in memo_text, expected
    assert "Tổng cộng: 01 tập thể và 01 cá nhân" in memo_text
    draft = create(api_as("camlam.officer"), nominees=[person("Tạ Văn N")]).json()
    draft_docx = api_as("camlam.officer").get(f"{API}/{draft['id']}/document.docx").content
    assert Document(io.BytesIO(draft_docx)).sections[0].first_page_header.paragraphs[0].text == "DỰ THẢO"
    assert "Số:      /TTr-CAX" in docx_text(draft_docx)
    assert api_as("camlam.officer").get(f"{API}/{draft['id']}/decision.docx").status_code == 404


def require_libreoffice() -> None:
    if not libreoffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")


def test_decision_renders_to_pdf_and_png(api_as: Clients, decided: dict[str, Any], tmp_path: Path) -> None:
    require_libreoffice()
    response = api_as("camlam.viewer").get(f"{API}/{decided['id']}/decision.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    pages = pdf_to_png_pages(response.content, dpi=50)
    assert pages and pages[0].startswith(b"\x89PNG\r\n\x1a\n")
    for number, page in enumerate(pages, start=1):  # kept under pytest's basetemp for a look
        (tmp_path / f"decision-{number}.png").write_bytes(page)
    width, height = struct.unpack(">II", pages[0][16:24])
    assert height / width == pytest.approx(29.7 / 21.0, rel=0.02), "A4 portrait"
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return
    source = tmp_path / "decision.pdf"
    source.write_bytes(response.content)
    text = subprocess.run([pdftotext, "-layout", str(source), "-"], capture_output=True, check=True).stdout.decode()
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in text.splitlines())
    assert "QUYẾT ĐỊNH" in text and "Trần Thị Mai" in text
    memo = api_as("camlam.viewer").get(f"{API}/{decided['id']}/document.pdf")
    assert memo.status_code == 200 and memo.content.startswith(b"%PDF-")
    for number, page in enumerate(pdf_to_png_pages(memo.content, dpi=50), start=1):
        (tmp_path / f"memo-{number}.png").write_bytes(page)


# --- HTML ---------------------------------------------------------------------------------------


def formset(rows: list[dict[str, str]], total: int | None = None) -> dict[str, str]:
    data = {"nominees-TOTAL_FORMS": str(total or len(rows)), "nominees-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"nominees-{index}-{key}"] = value
    return data


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


# --- demo ---------------------------------------------------------------------------------------


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
