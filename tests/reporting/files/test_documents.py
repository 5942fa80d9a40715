"""The official report (.docx/PDF): the Decree 30 layout with the approved figures, DỰ THẢO until
it is numbered, and its routes in the actor's area only."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace

import pytest
from django.test import Client
from django.utils import timezone

from antq.core.actor import Actor
from antq.core.errors import ValidationFailed
from antq.plans.models import Plan, PlanState
from antq.reporting.files import documents
from antq.reporting.models import Report, ReportPeriod
from antq.reporting.reports import services
from antq.reporting.rollups import selectors
from antq.units.models import Unit
from tests.reporting.helpers import FESTIVAL_FORM, YEAR, report_of

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/") and n.endswith(".xml"))
    return re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n"))


def test_official_report_document_has_the_layout_and_approved_figures(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    officer = actor("khanhhoa.officer")
    province = Unit.objects.get(code="56")
    report = report_of(period, "56", officer)
    text = services.ReportText.of(report)
    report = services.report_narrative_save(
        actor=officer,
        report_id=report.pk,
        version=report.version,
        data=replace(text, situation="Ban Chỉ đạo 138 tỉnh ban hành kế hoạch.", strengths="- Tổ chức đúng tiến độ"),
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
    text = services.ReportText.of(report)
    with pytest.raises(ValidationFailed) as exc:
        services.report_narrative_save(
            actor=officer, report_id=report.pk, version=report.version, data=replace(text, doc_number="125")
        )
    assert set(exc.value.errors) == {"doc_date", "signer_name"}
    report = services.report_narrative_save(
        actor=officer,
        report_id=report.pk,
        version=report.version,
        data=replace(text, doc_number="125", doc_date=dt.date(2026, 8, 25), signer_name="Nguyễn Văn A"),
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


def province_report_text(period: ReportPeriod, officer: Actor) -> str:
    return docx_text(documents.docx_response(report_of(period, "56", officer)).content)


def test_report_of_an_ended_period_counts_to_its_cutoff(
    period: ReportPeriod, actor: Callable[[str], Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = actor("khanhhoa.officer")
    today = timezone.localdate()
    assert period.cutoff_on < today, "the 2026 season is over"
    text = province_report_text(period, officer)
    cutoff = period.cutoff_on
    month = f"{cutoff.month:02d}" if cutoff.month < 3 else str(cutoff.month)
    assert f"Tính đến ngày {cutoff.day:02d}/{month}/{cutoff.year}, có " in text
    assert f"Tính đến ngày {today:%d/%m/%Y}" not in text
    # While the period runs, before its cut-off, the report counts to the day it is printed.
    running = period.cutoff_on - dt.timedelta(days=10)
    monkeypatch.setattr(documents, "today", lambda: running)
    month = f"{running.month:02d}" if running.month < 3 else str(running.month)
    assert f"Tính đến ngày {running.day:02d}/{month}/{running.year}, có " in province_report_text(period, officer)


def test_report_cites_the_plan_with_capitals_and_decree_dates(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    plan = Plan.objects.exclude(state=PlanState.DRAFT).get(issuer__code="56", year=2026)
    Plan.objects.filter(pk=plan.pk).update(
        issuing_body="BAN CHỈ ĐẠO PHÒNG, CHỐNG TỘI PHẠM, TỆ NẠN XÃ HỘI VÀ XÂY DỰNG PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH "
        "TỔ QUỐC TỈNH KHÁNH HÒA (BAN CHỈ ĐẠO 138/KH)",
        issued_on=dt.date(2026, 5, 6),
    )
    text = province_report_text(period, actor("khanhhoa.officer"))
    assert (
        f"Thực hiện Kế hoạch số {plan.reference} ngày 06/5/2026 của Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội "
        "và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc tỉnh Khánh Hòa (Ban Chỉ đạo 138/KH) về việc tổ chức "
    ) in text
    assert "tổ quốc" not in text and "138/kh" not in text
