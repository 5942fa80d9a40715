"""Import of figures (.xlsx/CSV): a dry run, then an all-or-nothing write that moves every total;
problems named per row; closed periods recorded as approved history; Excel's lost zeros; the
page's check-then-confirm."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import Workbook

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, ValidationFailed
from antq.reporting.files import exports, imports
from antq.reporting.models import Report, ReportForm, ReportPeriod, ReportState, ReportValue
from antq.reporting.reports import services
from antq.reporting.rollups import rebuild as rollups
from antq.reporting.rollups import selectors
from antq.units.models import Unit
from tests.reporting.helpers import FESTIVAL_FORM, YEAR, csv_file, report_of

pytestmark = pytest.mark.django_db


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
    report = report_of(period, unit.code, officer)
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
