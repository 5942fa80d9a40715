"""The report and period pages: a refused action shows the page again with each message beside its
field (a stale version: 409), a submission refused after its figures were saved keeps the saved
version on the page, the start button follows the one rule of who files a report, and the
Ministry's date changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from antq.core.actor import Actor
from antq.reporting.models import Report, ReportPeriod, ReportState, ReportValue
from antq.units.models import COMMUNE_KINDS, Unit
from tests.reporting.helpers import FESTIVAL_FORM, YEAR, report_of

pytestmark = pytest.mark.django_db
PAGE = f"/reports/{FESTIVAL_FORM}/{YEAR}"


def test_bad_figures_come_back_beside_their_boxes_and_nothing_is_saved(
    period: ReportPeriod, actor: Callable[[str], Actor], client_as: Callable[[str], Client]
) -> None:
    report = report_of(period, "22453", actor("camlam.officer"))
    if not report.is_editable:
        pytest.skip("the demo left this report decided")
    client = client_as("camlam.officer")
    url = f"{PAGE}/22453/"
    response = client.post(
        url, {"action": "save", "version": report.version, "v:leaflets": "nhiều", "v:outreach_sessions": "4"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'class="invalid"' in page and "nhiều" in page
    assert "Chưa lưu được; hãy sửa các số liệu được đánh dấu dưới đây." in page
    assert not ReportValue.objects.filter(report=report, indicator__code="outreach_sessions", value=4).exists()
    response = client.post(url, {"action": "save", "version": report.version, "v:leaflets": "1.500"})
    assert response.status_code == 302
    assert ReportValue.objects.get(report=report, indicator__code="leaflets").value == 1500
    response = client.post(url, {"action": "save", "version": report.version, "v:leaflets": "1.600"})
    assert response.status_code == 409 and 'value="1.600"' in response.content.decode(), "the input stays"
    assert ReportValue.objects.get(report=report, indicator__code="leaflets").value == 1500


def test_a_submission_refused_after_the_save_keeps_the_saved_version(
    period: ReportPeriod, actor: Callable[[str], Actor], client_as: Callable[[str], Client]
) -> None:
    report = report_of(period, "56", actor("khanhhoa.officer"))
    if not report.is_editable:
        pytest.skip("the demo left this report decided")
    client = client_as("khanhhoa.officer")
    url = f"{PAGE}/56/"
    post = {"action": "submit", "version": report.version, "v:leaflets": "12.000", "fill_zero": "on"}
    response = client.post(url, post)
    assert response.status_code == 200  # communes are not all approved: name them or wait
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and report.version > post["version"]
    page = response.content.decode()
    assert f'name="version" value="{report.version}"' in page
    assert "Đã lưu. Số liệu được cộng ngay" in page and "Chưa lưu được" not in page  # saved, not submitted
    waiting = Unit.objects.filter(province__code="56", kind__in=COMMUNE_KINDS, closed_on__isnull=True).exclude(
        pk__in=Report.objects.filter(period=period, state=ReportState.APPROVED).values("unit_id")
    )
    response = client.post(
        url, {**post, "version": report.version, "missing": list(waiting.values_list("code", flat=True))}
    )
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).state == ReportState.SUBMITTED


def test_the_start_button_follows_who_files_a_report(period: ReportPeriod, client_as: Callable[[str], Client]) -> None:
    village = Unit.objects.filter(commune__code="22453", kind="village").first()
    assert village is not None
    client = client_as("camlam.officer")
    page = client.get(f"{PAGE}/{village.code}/")
    assert page.status_code == 200 and page.context["can_open"] is False
    assert 'value="open"' not in page.content.decode()
    refused = client.post(f"{PAGE}/{village.code}/", {"action": "open"})
    assert refused.status_code == 200 and 'role="alert"' in refused.content.decode()
    assert not Report.objects.filter(period=period, unit=village).exists()
    assert client_as("camlam.viewer").get(f"{PAGE}/{village.code}/").context["can_open"] is False


def test_the_ministry_moves_a_periods_dates_on_the_overview(
    period: ReportPeriod, client_as: Callable[[str], Client]
) -> None:
    client = client_as("bo.officer")
    url = f"{PAGE}/dates/?unit=VN"
    dates = {
        "version": period.version,
        "cutoff_on": period.cutoff_on.isoformat(),
        "commune_deadline": period.commune_deadline.isoformat(),
        "province_deadline": period.province_deadline.isoformat(),
        "closes_on": (period.province_deadline - dt.timedelta(days=1)).isoformat(),
    }
    response = client.post(url, dates)
    assert response.status_code == 200 and response.context["dates_form"].errors["closes_on"]
    assert ReportPeriod.objects.get(pk=period.pk).closes_on == period.closes_on
    later = period.closes_on + dt.timedelta(days=3)
    response = client.post(url, {**dates, "closes_on": later.isoformat()})
    assert response.status_code == 302 and response["Location"] == f"{PAGE}/"
    assert ReportPeriod.objects.get(pk=period.pk).closes_on == later
    assert client_as("khanhhoa.officer").post(f"{PAGE}/dates/", dates).status_code == 403


def test_the_communes_note_to_the_level_above_reaches_the_province(
    period: ReportPeriod, actor: Callable[[str], Actor], client_as: Callable[[str], Client]
) -> None:
    """Issue 18: "Ghi chú gửi cấp trên" was stored but shown to nobody above."""
    report = report_of(period, "22453", actor("camlam.officer"))
    if not report.is_editable:
        pytest.skip("the demo left this report decided")
    note = "Thôn Hòa Lý tổ chức muộn do mưa bão, số liệu bổ sung sau."
    response = client_as("camlam.officer").post(
        f"{PAGE}/22453/", {"action": "submit", "version": report.version, "note": note, "fill_zero": "on"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    province_page = client_as("khanhhoa.officer").get(f"{PAGE}/22453/").content.decode()
    assert "Ghi chú gửi cấp trên" in province_page and note in province_page


def test_approving_asks_first_because_it_locks_the_figures(
    period: ReportPeriod, actor: Callable[[str], Actor], client_as: Callable[[str], Client]
) -> None:
    """Issue 18: "Approve" on the report's page opens a question (GET ?confirm=approve) that says
    the figures will be locked; its form posts action=approve to the report, as before."""
    report = report_of(period, "22453", actor("camlam.officer"))
    if not report.is_editable:
        pytest.skip("the demo left this report decided")
    sent = client_as("camlam.officer").post(
        f"{PAGE}/22453/", {"action": "submit", "version": report.version, "fill_zero": "on"}
    )
    assert sent.status_code == 302
    report.refresh_from_db()
    province = client_as("khanhhoa.officer")
    page = province.get(f"{PAGE}/22453/").content.decode()
    assert 'href="?confirm=approve"' in page and 'value="approve"' not in page
    question = province.get(f"{PAGE}/22453/", {"confirm": "approve"})
    assert question.status_code == 200 and question.templates[0].name == "reporting/reports/approve.html"
    assert 'name="action" value="approve"' in question.content.decode()
    assert Report.objects.get(pk=report.pk).state == ReportState.SUBMITTED, "asking approves nothing"
    commune = client_as("camlam.officer").get(f"{PAGE}/22453/", {"confirm": "approve"})
    assert commune.templates[0].name == "reporting/reports/report.html", "only the approver is asked"
    approved = province.post(f"{PAGE}/22453/", {"action": "approve", "version": report.version})
    assert approved.status_code == 302 and Report.objects.get(pk=report.pk).state == ReportState.APPROVED
    again = province.get(f"{PAGE}/22453/", {"confirm": "approve"})
    assert again.templates[0].name == "reporting/reports/report.html", "an approved report is not asked again"
