"""Commendations end to end through the API: a commune proposes, the province forwards, the
Ministry decides, and the counts of the commune, the province and the nation follow; a province's
own proposal goes straight to the Ministry."""

from __future__ import annotations

import pytest

from antq.core.models import AuditEntry
from tests.commendations.helpers import API, Clients, act, awarded, collective, counts, create, person, site_of

pytestmark = pytest.mark.django_db


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
