"""Plans: the cascade central -> province -> commune, issue and amendment with history, tasks,
the progress board and the official document. Driven through the API as a client would."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone
from docx import Document

from antq.core.models import AuditEntry
from antq.plans.models import Plan, PlanRevision, PlanState

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year + 1  # next season: plans for it may be issued today
TODAY = timezone.localdate()


def _json(response) -> dict:  # type: ignore[no-untyped-def]
    return response.json()


def create_plan(client: Client, issuer: str, parent: int | None, **extra: object) -> dict:
    payload = {
        "issuer": issuer,
        "parent_plan": parent,
        "year": YEAR,
        "title": f"Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {YEAR}",
        "window_start": f"{YEAR}-07-01",
        "window_end": f"{YEAR}-08-19",
        **extra,
    }
    response = client.post("/api/plans", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    return _json(response)


def issue(client: Client, plan: dict, number: str) -> Client:
    return client.post(
        f"/api/plans/{plan['id']}/issue",
        {"version": plan["version"], "number": number, "issued_on": TODAY.isoformat(), "signer_name": "Trần Văn Ký"},
        content_type="application/json",
    )


@pytest.fixture
def cascade(api_as: Callable[[str], Client]) -> dict[str, dict]:
    """An issued central plan and an issued Khánh Hòa plan for next season."""
    ministry = api_as("bo.officer")
    central = create_plan(ministry, "VN", None, lower_plan_due_on=f"{YEAR}-06-01", target_sites_per_commune=1)
    central = _json(issue(ministry, central, "172"))
    province_client = api_as("khanhhoa.officer")
    province = create_plan(
        province_client,
        "56",
        central["id"],
        window_start=f"{YEAR}-07-05",
        window_end=f"{YEAR}-08-15",
        site_registration_due_on=f"{YEAR}-06-30",
    )
    province = _json(issue(province_client, province, "4955"))
    return {"central": central, "province": province}


def test_full_cascade_and_the_board_shows_a_village_site_at_once(
    api_as: Callable[[str], Client], cascade: dict[str, dict]
) -> None:
    province = cascade["province"]
    assert province["state"] == "issued" and province["reference"] == "4955/KH-BCĐ"
    assert province["parent_body"] == "UBND TỈNH KHÁNH HÒA" and province["place"] == "Khánh Hòa"
    commune_client = api_as("camlam.officer")
    commune = create_plan(
        commune_client, "22453", province["id"], window_start=f"{YEAR}-07-05", window_end=f"{YEAR}-08-15"
    )
    commune = _json(issue(commune_client, commune, "35"))
    assert commune["parent_plan"]["reference"] == "4955/KH-BCĐ"

    board_before = _json(api_as("khanhhoa.viewer").get(f"/api/plans/{province['id']}/board"))
    row = next(r for r in board_before["rows"] if r["code"] == "22453")
    assert row["own_plan_reference"] == "35/KH-BCĐ" and row["sites_registered"] == 0

    site = commune_client.post(
        "/api/sites",
        {
            "plan": commune["id"],
            "unit": "22453-0001",
            "date": f"{YEAR}-07-20",
            "venue": "Nhà văn hóa thôn Tân Hải",
            "programme": ["meeting", "pledge_signing", "id_cards"],
        },
        content_type="application/json",
    )
    assert site.status_code == 201, site.content
    assert site.json()["commune"]["code"] == "22453" and site.json()["province"]["code"] == "56"

    board = _json(api_as("khanhhoa.viewer").get(f"/api/plans/{province['id']}/board"))
    row = next(r for r in board["rows"] if r["code"] == "22453")
    assert row["sites_registered"] == 1
    # The central board sums the commune's site into Khánh Hòa's row, and counts its plan.
    central_board = _json(api_as("bo.viewer").get(f"/api/plans/{cascade['central']['id']}/board"))
    khanh_hoa = next(r for r in central_board["rows"] if r["code"] == "56")
    assert khanh_hoa["own_plan_reference"] == "4955/KH-BCĐ"
    assert khanh_hoa["sites_registered"] == 1 and khanh_hoa["communes_with_plan"] == 1
    assert khanh_hoa["communes_total"] == 65
    assert len(central_board["rows"]) == 34


def test_commune_plan_before_its_province_plan_is_refused(api_as: Callable[[str], Client]) -> None:
    ministry = api_as("bo.officer")
    central = _json(issue(ministry, create_plan(ministry, "VN", None), "173"))
    province = create_plan(api_as("khanhhoa.officer"), "56", central["id"])  # still a draft
    response = api_as("camlam.officer").post(
        "/api/plans",
        {
            "issuer": "22453",
            "parent_plan": province["id"],
            "year": YEAR,
            "title": "KH xã",
            "window_start": f"{YEAR}-07-05",
            "window_end": f"{YEAR}-08-10",
        },
        content_type="application/json",
    )
    # A draft above is invisible to the commune, so the cited plan "does not exist" for it.
    assert response.status_code == 422
    assert "parent_plan" in response.json()["errors"]


def test_window_outside_the_parent_and_duplicate_numbers_are_refused(
    api_as: Callable[[str], Client], cascade: dict[str, dict]
) -> None:
    client = api_as("hatinh.officer")
    response = client.post(
        "/api/plans",
        {
            "issuer": "42",
            "parent_plan": cascade["central"]["id"],
            "year": YEAR,
            "title": "KH tỉnh",
            "window_start": f"{YEAR}-06-20",
            "window_end": f"{YEAR}-08-19",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "01/07" in response.json()["errors"]["window_start"]
    plan = create_plan(client, "42", cascade["central"]["id"])
    assert issue(client, plan, "88").status_code == 200
    second = create_plan(client, "42", cascade["central"]["id"])
    duplicate = issue(client, second, "88")
    assert duplicate.status_code == 422
    assert "88/KH-BCĐ" in duplicate.json()["errors"]["number"]
    assert Plan.objects.get(pk=second["id"]).state == PlanState.DRAFT


def test_province_plan_must_cite_the_central_plan(api_as: Callable[[str], Client]) -> None:
    response = api_as("hatinh.officer").post(
        "/api/plans",
        {"issuer": "42", "year": YEAR, "title": "KH", "window_start": f"{YEAR}-07-01", "window_end": f"{YEAR}-08-01"},
        content_type="application/json",
    )
    assert response.status_code == 422 and "parent_plan" in response.json()["errors"]


def test_issued_plan_changes_only_by_amendment_which_keeps_history(
    api_as: Callable[[str], Client], cascade: dict[str, dict]
) -> None:
    client = api_as("khanhhoa.officer")
    plan = cascade["province"]
    edit = client.patch(
        f"/api/plans/{plan['id']}", {"version": plan["version"], "title": "Khác"}, content_type="application/json"
    )
    assert edit.status_code == 422
    no_reason = client.post(
        f"/api/plans/{plan['id']}/amend",
        {"version": plan["version"], "reason": " ", "title": "Khác"},
        content_type="application/json",
    )
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["errors"]
    amended = client.post(
        f"/api/plans/{plan['id']}/amend",
        {
            "version": plan["version"],
            "reason": "Điều chỉnh thời gian",
            "window_end": f"{YEAR}-08-19",
            "reference": "5012/KH-BCĐ",
        },
        content_type="application/json",
    )
    assert amended.status_code == 200, amended.content
    assert amended.json()["state"] == "amended"
    revisions = client.get(f"/api/plans/{plan['id']}/revisions").json()
    assert [r["revision"] for r in revisions] == [1, 2]
    assert revisions[0]["snapshot"]["window_end"] == f"{YEAR}-08-15"
    assert revisions[1]["snapshot"]["window_end"] == f"{YEAR}-08-19"
    stale = client.post(
        f"/api/plans/{plan['id']}/amend",
        {"version": plan["version"], "reason": "x", "title": "Y"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert AuditEntry.objects.filter(action="plan.amend", target_id=str(plan["id"])).exists()


def test_narrowing_the_window_below_existing_sites_is_refused(
    api_as: Callable[[str], Client], cascade: dict[str, dict]
) -> None:
    client = api_as("khanhhoa.officer")
    plan = cascade["province"]
    site = client.post(
        "/api/sites",
        {"plan": plan["id"], "unit": "22453", "date": f"{YEAR}-08-14", "venue": "Sân UBND xã"},
        content_type="application/json",
    )
    assert site.status_code == 201
    response = client.post(
        f"/api/plans/{plan['id']}/amend",
        {"version": plan["version"], "reason": "Rút ngắn", "window_end": f"{YEAR}-08-01"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "1" in response.json()["errors"]["window_start"]
    assert PlanRevision.objects.filter(plan_id=plan["id"]).count() == 1


def test_tasks_done_and_overdue_on_the_board(api_as: Callable[[str], Client], cascade: dict[str, dict]) -> None:
    province = cascade["province"]
    client = api_as("khanhhoa.officer")
    added = client.post(
        f"/api/plans/{province['id']}/tasks",
        {
            "version": province["version"],
            "description": "Ban hành kế hoạch cấp xã",
            "due_on": f"{YEAR}-06-10",
            "reason": "Giao nhiệm vụ",
        },
        content_type="application/json",
    )
    assert added.status_code == 201, added.content
    task = added.json()
    done = api_as("camlam.officer").post(
        f"/api/plans/{province['id']}/tasks/{task['id']}/done",
        {"unit": "22453", "done_on": TODAY.isoformat()},
        content_type="application/json",
    )
    assert done.status_code == 201, done.content
    wrong_unit = api_as("camlam.officer").post(
        f"/api/plans/{province['id']}/tasks/{task['id']}/done", {"unit": "22453-0001"}, content_type="application/json"
    )
    assert wrong_unit.status_code == 422
    from antq.accounts.models import User
    from antq.core.actor import Actor
    from antq.plans import selectors

    actor = Actor.of(User.objects.get(username="khanhhoa.viewer"))
    plan = Plan.objects.get(pk=province["id"])
    board = selectors.plan_board(actor=actor, plan=plan, today=dt.date(YEAR, 6, 20))
    rows = {row.code: row for row in board.rows}
    assert rows["22453"].tasks_done == 1 and rows["22453"].tasks_overdue == 0
    assert rows["22366"].tasks_overdue == 1 and rows["22366"].late
    late = selectors.plan_board(actor=actor, plan=plan, today=dt.date(YEAR, 6, 20), late_only=True)
    assert all(row.late for row in late.rows) and "22453" not in {r.code for r in late.rows}
    # Before any deadline nobody is late.
    early = selectors.plan_board(actor=actor, plan=plan, today=dt.date(YEAR, 5, 1))
    assert early.units_late == 0


def test_demo_season_board_counts_match_the_sites() -> None:
    from antq.accounts.models import User
    from antq.core.actor import Actor
    from antq.festivals.models import FestivalSite
    from antq.plans import selectors

    central = Plan.objects.get(issuer__code="VN", year=2026)
    board = selectors.plan_board(actor=Actor.of(User.objects.get(username="bo.viewer")), plan=central)
    registered = FestivalSite.objects.filter(year=2026).exclude(state="cancelled").count()
    assert board.totals.sites_registered == registered > 200
    assert board.totals.pilot_sites >= 2
    assert {row.code for row in board.rows if row.own_plan_id} == {"42", "56"}
    rows = {row.code: row for row in board.rows}
    # Every province without a plan is late after the deadline; the two demo provinces are late
    # only through their communes that issued no plan or registered no site.
    assert all(row.late for code, row in rows.items() if code not in ("42", "56"))
    assert rows["56"].own_plan_id and 0 < rows["56"].communes_late < rows["56"].communes_total
    assert rows["56"].communes_with_plan < rows["56"].communes_total


def test_plan_docx_is_an_official_plan(client_as: Callable[[str], Client], cascade: dict[str, dict]) -> None:
    response = client_as("camlam.viewer").get(f"/plans/{cascade['province']['id']}/document.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Số: 4955/KH-BCĐ" in cells and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert f"Khánh Hòa, ngày {TODAY.day:02d}" in cells or f"Khánh Hòa, ngày {TODAY.day}" in cells
    assert "KẾ HOẠCH" in text
    assert "Thực hiện Kế hoạch số 172/KH-BCĐ" in text
    assert "Nơi nhận:" in cells


def test_draft_docx_is_marked_draft_and_has_no_number(api_as: Callable[[str], Client]) -> None:
    client = api_as("bo.officer")
    plan = create_plan(client, "VN", None)
    response = client.get(f"/api/plans/{plan['id']}/document.docx")
    import zipfile

    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        xml = "".join(archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml"))
    assert "DỰ THẢO" in xml
    assert "/KH-BCĐ" in xml and "Số:" in xml


def test_attachment_must_be_a_pdf_or_image(api_as: Callable[[str], Client], cascade: dict[str, dict]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = api_as("khanhhoa.officer")
    bad = client.post(
        f"/api/plans/{cascade['province']['id']}/attachment", {"file": SimpleUploadedFile("scan.pdf", b"MZ not a pdf")}
    )
    assert bad.status_code == 422 and "PDF" in bad.json()["errors"]["attachment"]
    good = client.post(
        f"/api/plans/{cascade['province']['id']}/attachment",
        {"file": SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed")},
    )
    assert good.status_code == 200 and good.json()["has_attachment"]


def test_html_flow_write_and_issue(client_as: Callable[[str], Client], cascade: dict[str, dict]) -> None:
    client = client_as("camlam.officer")
    page = client.get("/plans/new/")
    assert page.status_code == 200
    assert "4955/KH-BCĐ" in page.content.decode()
    response = client.post(
        "/plans/new/",
        {
            "issuer": "22453",
            "year": YEAR,
            "parent_plan": cascade["province"]["id"],
            "symbol": "KH-BCĐ",
            "title": "Tổ chức Ngày hội xã Cam Lâm",
            "window_start": f"{YEAR}-07-10",
            "window_end": f"{YEAR}-08-20",
            "issuing_body": "BAN CHỈ ĐẠO 138",
            "place": "Cam Lâm",
        },
    )
    assert response.status_code == 200  # the window ends after the province's: the form comes back
    assert "15/08" in response.content.decode()
    response = client.post(
        "/plans/new/",
        {
            "issuer": "22453",
            "year": YEAR,
            "parent_plan": cascade["province"]["id"],
            "symbol": "KH-BCĐ",
            "title": "Tổ chức Ngày hội xã Cam Lâm",
            "window_start": f"{YEAR}-07-10",
            "window_end": f"{YEAR}-08-10",
            "issuing_body": "BAN CHỈ ĐẠO 138",
            "place": "Cam Lâm",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(issuer__code="22453", year=YEAR)
    issued = client.post(
        f"/plans/{plan.pk}/issue/",
        {"version": plan.version, "number": "12", "issued_on": TODAY.isoformat(), "signer_name": "Lê Văn Ký"},
    )
    assert issued.status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.ISSUED and plan.reference == "12/KH-BCĐ"
    board = client_as("khanhhoa.viewer").get(f"/plans/{cascade['province']['id']}/board/")
    assert "12/KH-BCĐ" in board.content.decode()
