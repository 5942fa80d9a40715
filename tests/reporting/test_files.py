"""Reporting files: the official report (.docx/PDF), exports (.xlsx/CSV, inline and as a job with
progress), and the import with its dry run, per-row problems and all-or-nothing write."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.models import Job, JobState
from antq.reporting import documents, exports, imports, rollups, selectors, services
from antq.reporting.catalogue import FESTIVAL_FORM
from antq.reporting.models import Report, ReportForm, ReportPeriod, ReportState, ReportValue
from antq.units.models import Unit

pytestmark = pytest.mark.django_db
YEAR = "2026"


@pytest.fixture
def period(actor: Callable[[str], Actor]) -> ReportPeriod:
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    period = services.period_get_or_create(form=form, key=YEAR)
    return services.period_update(
        actor=actor("bo.officer"),
        period_id=period.pk,
        version=period.version,
        dates={"closes_on": max(period.closes_on, timezone.localdate() + dt.timedelta(days=30))},
    )


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/") and n.endswith(".xml"))
    import re

    return re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n"))


def csv_file(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


# --- The official report -----------------------------------------------------------------------


def test_official_report_document_has_the_layout_and_approved_figures(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    officer = actor("khanhhoa.officer")
    province = Unit.objects.get(code="56")
    report = services.report_open(actor=officer, period=period, unit=province)
    report = services.report_narrative_save(
        actor=officer,
        report_id=report.pk,
        version=report.version,
        sections={"situation": "Ban Chỉ đạo 138 tỉnh ban hành kế hoạch.", "strengths": "- Tổ chức đúng tiến độ"},
    )
    text = docx_text(documents.docx_response(report).content)
    assert "BÁO CÁO" in text and "DỰ THẢO" in text
    assert "Kết quả tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2026" in text
    assert "TÌNH HÌNH VÀ CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC" in text and "Ưu điểm" in text
    approved = selectors.totals(form=period.form, period_key=YEAR, unit=province, approved=True)
    participants = approved[("participants", "")]
    assert participants > 1000
    from antq.core.text import format_figure

    assert format_figure(participants) in text  # "12.345": Vietnamese grouping
    assert "Bảng 2. Kết quả theo xã, phường, đặc khu" in text and "Tổng cộng" in text
    # Numbering it makes it final: the number needs a date and a signer.
    with pytest.raises(ValidationFailed) as exc:
        services.report_narrative_save(
            actor=officer, report_id=report.pk, version=report.version, sections={}, document={"doc_number": "125"}
        )
    assert set(exc.value.errors) == {"doc_date", "signer_name"}
    report = services.report_narrative_save(
        actor=officer,
        report_id=report.pk,
        version=report.version,
        sections={},
        document={"doc_number": "125", "doc_date": "2026-08-25", "signer_name": "Nguyễn Văn A"},
    )
    text = docx_text(documents.docx_response(report).content)
    assert "DỰ THẢO" not in text and "125/BC-BCĐ" in text and "Nguyễn Văn A" in text


def test_document_routes_respect_scope(period: ReportPeriod, client_as: Callable[[str], Client]) -> None:
    report = Report.objects.filter(period=period, unit__code__startswith="", province__code="56", level=2).first()
    assert report is not None
    url = f"/reports/{FESTIVAL_FORM}/{YEAR}/{report.unit.code}/report.docx"
    assert client_as("khanhhoa.viewer").get(url).status_code == 200
    assert client_as("hatinh.officer").get(url).status_code == 404
    assert client_as("khanhhoa.viewer").get(url.replace(".docx", ".exe")).status_code == 404


# --- Exports -----------------------------------------------------------------------------------


def test_province_export_rows_sum_to_the_province_total(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    officer = actor("khanhhoa.officer")
    data, name, content_type = exports.export_file(
        actor=officer,
        form_code=FESTIVAL_FORM,
        period_key=YEAR,
        unit_code="56",
        rows="children",
        figures="all",
        file_format="xlsx",
    )
    assert name.endswith(".xlsx") and content_type == exports.XLSX
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[3]
    column = next(i for i, h in enumerate(header) if h and h.endswith("[participants]"))
    body = [r for r in rows[4:] if r[1]]
    total_row = rows[-1]
    assert total_row[2] == "Tổng cộng"
    expected = selectors.totals(form=period.form, period_key=YEAR, unit=Unit.objects.get(code="56"))
    assert sum(r[column] or 0 for r in body) == total_row[column] == expected[("participants", "")]
    assert (
        len(body)
        == 1
        + Unit.objects.filter(
            province__code="56", kind__in=["commune", "ward", "special_zone"], closed_on__isnull=True
        ).count()
    )
    # CSV: same figures, UTF-8 with BOM
    data, name, _type = exports.export_file(
        actor=officer,
        form_code=FESTIVAL_FORM,
        period_key=YEAR,
        unit_code="56",
        rows="children",
        figures="approved",
        file_format="csv",
    )
    assert data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    approved = selectors.totals(form=period.form, period_key=YEAR, unit=Unit.objects.get(code="56"), approved=True)
    column = next(i for i, h in enumerate(lines[0]) if h.endswith("[participants]"))
    assert Decimal(lines[-1][column]) == approved[("participants", "")]


def test_export_outside_scope_and_bad_options(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    with pytest.raises(NotFound):
        exports.export_file(
            actor=actor("camlam.officer"),
            form_code=FESTIVAL_FORM,
            period_key=YEAR,
            unit_code="56",
            rows="children",
            figures="all",
            file_format="xlsx",
        )
    with pytest.raises(ValidationFailed) as exc:
        exports.export_start(
            actor=actor("bo.officer"),
            form_code=FESTIVAL_FORM,
            period_key=YEAR,
            unit_code=None,
            rows="villages",
            figures="some",
            file_format="pdf",
        )
    assert set(exc.value.errors) == {"rows", "figures", "format"}


def test_national_commune_export_runs_as_a_job_with_progress(
    period: ReportPeriod, api_as: Callable[[str], Client], django_capture_on_commit_callbacks
) -> None:
    api = api_as("bo.viewer")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            f"/api/reporting/forms/{FESTIVAL_FORM}/periods/{YEAR}/exports",
            {"rows": "communes", "format": "xlsx"},
            content_type="application/json",
        )
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["id"])
    assert job.state == JobState.DONE and job.progress == 100
    status = api.get(f"/api/jobs/{job.pk}").json()
    assert status["state"] == "done" and status["file_url"]
    data = b"".join(api.get(status["file_url"]).streaming_content)  # type: ignore[attr-defined]
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.max_row > 3321  # every commune, the provinces' own rows and the total
    # Someone else's job looks missing.
    assert api_as("khanhhoa.officer").get(f"/api/jobs/{job.pk}").status_code == 404


# --- Import ------------------------------------------------------------------------------------


def _draft_commune(period: ReportPeriod) -> Unit:
    """A Khánh Hòa commune with no report yet."""
    taken = Report.objects.filter(period=period).values("unit_id")
    unit = (
        Unit.objects.filter(province__code="56", kind="commune", closed_on__isnull=True).exclude(pk__in=taken).first()
    )
    assert unit is not None
    return unit


def test_import_dry_run_then_write_moves_every_total(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    officer = actor("khanhhoa.officer")
    unit = _draft_commune(period)
    before = selectors.totals(form=period.form, period_key=YEAR, unit=Unit.objects.get(code="VN"))
    data = csv_file(
        [
            [
                "STT",
                "Mã đơn vị",
                "Tên đơn vị",
                "Số lượt người tham dự [participants]",
                "Tờ rơi [leaflets]",
                "[items_surrendered.explosives]",
            ],
            [1, unit.code, unit.name, "1.200", "3000", "2,5"],
            ["", "", "Tổng cộng", "1200", "3000", "2.5"],
        ]
    )
    dry = imports.values_import(
        actor=officer,
        form_code=FESTIVAL_FORM,
        period_key=YEAR,
        unit_code="56",
        filename="so-lieu.csv",
        data=data,
        dry_run=True,
    )
    assert dry.ok and dry.rows == 1 and dry.values_written == 3 and dry.reports_created == 1
    assert not Report.objects.filter(period=period, unit=unit).exists()
    done = imports.values_import(
        actor=officer,
        form_code=FESTIVAL_FORM,
        period_key=YEAR,
        unit_code="56",
        filename="so-lieu.csv",
        data=data,
        dry_run=False,
    )
    assert done.ok
    report = Report.objects.get(period=period, unit=unit)
    assert report.state == ReportState.DRAFT
    after = selectors.totals(form=period.form, period_key=YEAR, unit=Unit.objects.get(code="VN"))
    assert after[("participants", "")] - before[("participants", "")] == 1200
    assert after[("items_surrendered", "explosives")] - before.get(("items_surrendered", "explosives"), 0) == Decimal(
        "2.5"
    )
    assert rollups.rebuild(check_only=True).differences == 0


def test_import_problems_are_per_row_and_nothing_is_written(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    officer = actor("khanhhoa.officer")
    unit = _draft_commune(period)
    locked = Report.objects.filter(period=period, province__code="56", level=2, state=ReportState.APPROVED).first()
    assert locked is not None
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Kết quả"])
    sheet.append([])
    sheet.append(
        [
            "Mã đơn vị",
            "Số lượt người tham dự [participants]",
            "Số người được làm căn cước [id_cards_issued]",
            "[no_such_figure]",
        ]
    )
    sheet.append([unit.code, 100, 200, None])  # rule: ID cards <= participants
    sheet.append(["99999", 5, 1, None])  # unknown unit
    sheet.append(["18073", 5, 1, None])  # Hà Tĩnh: outside Khánh Hòa
    sheet.append([locked.unit.code, 5, 1, None])  # approved: locked
    sheet.append([unit.code, "-4", "abc", None])  # duplicate row, negative, not a number
    out = io.BytesIO()
    workbook.save(out)
    values_before = ReportValue.objects.count()
    result = imports.values_import(
        actor=officer,
        form_code=FESTIVAL_FORM,
        period_key=YEAR,
        unit_code="56",
        filename="x.xlsx",
        data=out.getvalue(),
        dry_run=False,
    )
    assert not result.ok
    messages = " | ".join(p.message for p in result.problems)
    rows = {p.row for p in result.problems}
    assert {3, 5, 6, 8} <= rows, messages  # header (unknown figure), unknown unit, outside, duplicate
    assert "no_such_figure" in messages
    assert ReportValue.objects.count() == values_before
    assert not Report.objects.filter(period=period, unit=unit).exists()
    # Fix the file-level problems: now the row checks (rule, locked report) are reached.
    sheet.delete_rows(8)
    sheet.delete_rows(5, 2)
    sheet.delete_cols(4)
    out = io.BytesIO()
    workbook.save(out)
    result = imports.values_import(
        actor=officer,
        form_code=FESTIVAL_FORM,
        period_key=YEAR,
        unit_code="56",
        filename="x.xlsx",
        data=out.getvalue(),
        dry_run=True,
    )
    assert [p.row for p in result.problems] == [4, 5], result.problems
    assert "id_cards_issued" in result.problems[0].column and "phê duyệt" in result.problems[1].message


def test_import_of_a_closed_period_records_approved_history(actor: Callable[[str], Actor]) -> None:
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    commune = Unit.objects.filter(province__code="56", kind="commune", closed_on__isnull=True).order_by("code").first()
    assert commune is not None
    header = ["Mã đơn vị", "[sites_held]", "[participants]"]
    data = csv_file(
        [header, [commune.code, "3", "1.500"], ["56", "120", "50.000"], ["18073", "1", "10"], ["22366", "", ""]]
    )

    def run(who: str, scope: str, payload: bytes, dry_run: bool = True) -> imports.ImportResult:
        return imports.values_import(
            actor=actor(who),
            form_code=FESTIVAL_FORM,
            period_key="2021",
            unit_code=scope,
            filename="h.csv",
            data=payload,
            dry_run=dry_run,
        )

    with pytest.raises(Forbidden):  # a commune cannot load past figures
        run("camlam.officer", "22453", data)
    checked = run("khanhhoa.officer", "56", data)
    # the province's own row (it cannot approve itself) and Hà Tĩnh (outside); the empty row is skipped
    assert [p.row for p in checked.problems] == [3, 4], checked.problems
    data = csv_file([header, [commune.code, "3", "1.500"]])
    result = run("khanhhoa.officer", "56", data, dry_run=False)
    assert result.ok and result.historical and result.reports_created == 1
    report = Report.objects.get(period__form=form, period__key="2021", unit=commune)
    assert report.state == ReportState.APPROVED
    approved = selectors.totals(form=form, period_key="2021", unit=Unit.objects.get(code="VN"), approved=True)
    assert approved[("participants", "")] == 1500
    assert not run("khanhhoa.officer", "56", data).ok  # history is not overwritten
    # The Ministry loads the province's own figures.
    own = csv_file([header, ["56", "120", "50.000"]])
    assert run("bo.officer", "VN", own, dry_run=False).ok
    approved = selectors.totals(form=form, period_key="2021", unit=Unit.objects.get(code="VN"), approved=True)
    assert approved[("participants", "")] == 51500


def test_import_codes_files_and_versions(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    ministry = actor("bo.officer")

    def run(payload: bytes, scope: str = "VN", name: str = "x.csv", dry_run: bool = True) -> imports.ImportResult:
        return imports.values_import(
            actor=ministry,
            form_code=FESTIVAL_FORM,
            period_key=YEAR,
            unit_code=scope,
            filename=name,
            data=payload,
            dry_run=dry_run,
        )

    # Excel drops leading zeros: "4" could be the province 04 or the Hà Nội ward 00004.
    ambiguous = run(csv_file([["Mã đơn vị", "[leaflets]"], ["4", "5"]]))
    assert "00004" in ambiguous.problems[0].message and "04" in ambiguous.problems[0].message
    assert run(csv_file([["Mã đơn vị", "[leaflets]"], ["4", "5"]]), scope="01").ok
    # The national table of provinces holds totals: importing it back is refused.
    data, _name, _type = exports.export_file(
        actor=ministry,
        form_code=FESTIVAL_FORM,
        period_key=YEAR,
        unit_code=None,
        rows="children",
        figures="all",
        file_format="csv",
    )
    refused = run(data)
    message = refused.problems[0].message if refused.problems else ""
    assert "hai lần" in message or "twice" in message
    # Files that are not tables.
    for payload, name in (
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100, "old.xls"),
        (b"PK\x03\x04garbage", "x.xlsx"),
    ):
        with pytest.raises(ValidationFailed) as exc:
            run(payload, name=name)
        assert "file" in exc.value.errors
    # An import into an existing report bumps its version: a stale form cannot undo it.
    officer = actor("khanhhoa.officer")
    unit = _draft_commune(period)
    report = services.report_open(actor=officer, period=period, unit=unit)
    stale = report.version
    assert run(csv_file([["Mã đơn vị", "[leaflets]"], [unit.code, "77"]]), scope="56", dry_run=False).ok
    with pytest.raises(Conflict):
        services.report_save(actor=officer, report_id=report.pk, version=stale, values={"leaflets": ""})
    assert ReportValue.objects.get(report=report, indicator__code="leaflets").value == 77


def test_import_page_dry_run_and_confirm(period: ReportPeriod, client_as: Callable[[str], Client]) -> None:
    client = client_as("khanhhoa.officer")
    unit = _draft_commune(period)
    url = f"/reports/{FESTIVAL_FORM}/{YEAR}/import/?unit=56"
    assert client.get(url).status_code == 200
    upload = io.BytesIO(csv_file([["Mã đơn vị", "[leaflets]"], [unit.code, "12.780"]]))
    upload.name = "so-lieu.csv"
    page = client.post(url, {"unit": "56", "file": upload})
    assert page.status_code == 200 and b"token" in page.content
    token = page.context["token"]
    done = client.post(url, {"unit": "56", "token": token, "filename": "so-lieu.csv"})
    assert done.status_code == 302
    assert ReportValue.objects.get(report__period=period, unit=unit, indicator__code="leaflets").value == 12780
    assert client_as("camlam.viewer").get(f"/reports/{FESTIVAL_FORM}/{YEAR}/import/?unit=22453").status_code == 403


def test_a_note_alone_keeps_the_figure_and_the_records_link(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    officer = actor("camlam.officer")
    report = services.report_open(actor=officer, period=period, unit=Unit.objects.get(code="22453"))
    report = services.report_save(
        actor=officer, report_id=report.pk, version=report.version, values={"leaflets": "1.000"}
    )
    report = services.report_save(
        actor=officer,
        report_id=report.pk,
        version=report.version,
        values={},
        notes={"leaflets": "Phát tại chợ", "sites_held": "Gồm điểm ở trường"},
    )
    leaflets = ReportValue.objects.get(report=report, indicator__code="leaflets")
    assert leaflets.value == 1000 and leaflets.overridden and leaflets.note == "Phát tại chợ"
    held = ReportValue.objects.get(report=report, indicator__code="sites_held")
    assert not held.overridden and held.value == held.prefilled and held.note == "Gồm điểm ở trường"


def test_import_reads_an_xlsx_whose_declared_size_is_wrong(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    """Some programs write the sheet's size as "A1" for a full table; every cell is still read."""
    unit = _draft_commune(period)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["STT", "Mã đơn vị", "Tên đơn vị", "Tờ rơi [leaflets]", "[participants]"])
    sheet.append([1, unit.code, unit.name, 3000, 1200])
    plain = io.BytesIO()
    book.save(plain)
    wrong = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, zipfile.ZipFile(wrong, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content, replaced = re.subn(rb'<dimension ref="[^"]+"', b'<dimension ref="A1"', content)
                assert replaced == 1
            target.writestr(item, content)
    result = imports.values_import(
        actor=actor("khanhhoa.officer"),
        form_code=FESTIVAL_FORM,
        period_key=YEAR,
        unit_code="56",
        filename="so-lieu.xlsx",
        data=wrong.getvalue(),
        dry_run=True,
    )
    assert result.ok, result.problems
    assert result.rows == 1 and result.values_written == 2
