"""Reports: figures saved and checked, the approval chain, the entry window; the official report's
text and header; periods moved by the Ministry; and the kernel's order for every write —
outside the actor's area 404, not the actor's to change 403, a stale version 409."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest
from django.utils import timezone

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.reporting.models import Report, ReportPeriod, ReportState, ReportValue
from antq.reporting.reports import services
from antq.reporting.rollups import selectors
from antq.units.models import COMMUNE_KINDS, Unit
from tests.reporting.helpers import YEAR, national, report_of

pytestmark = pytest.mark.django_db


def test_report_values_edit_rules_and_conflicts(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    report = report_of(period, "22453", officer)
    before = national(period.form, "outreach_sessions")
    report = services.report_save(
        actor=officer,
        report_id=report.pk,
        version=report.version,
        values={"outreach_sessions": "12", "outreach_attendees": "3.400"},
        notes={"outreach_sessions": "Gồm 4 buổi tại trường học"},
    )
    assert national(period.form, "outreach_sessions") - before == 12
    stale = report.version - 1
    with pytest.raises(Conflict):
        services.report_save(actor=officer, report_id=report.pk, version=stale, values={"outreach_sessions": "13"})
    with pytest.raises(ValidationFailed) as excinfo:
        services.report_save(
            actor=officer,
            report_id=report.pk,
            version=report.version,
            values={"outreach_sessions": "20", "participants": "50", "medical_exams": "99999999"},
        )
    assert "medical_exams" in excinfo.value.errors  # more than the participants
    assert national(period.form, "outreach_sessions") - before == 12  # nothing of the failed save counted


def test_submit_approve_return_and_the_approved_totals(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    officer, province = actor("camlam.officer"), actor("khanhhoa.officer")
    report = report_of(period, "22453", officer)
    if not report.is_editable:
        pytest.skip("the demo left this report decided")
    with pytest.raises(ValidationFailed) as excinfo:
        services.report_submit(actor=officer, report_id=report.pk, version=report.version)
    assert "Enter every figure" in excinfo.value.message or "Nhập đủ" in excinfo.value.message
    report = services.report_save(
        actor=officer, report_id=report.pk, version=report.version, values={"outreach_sessions": "7"}
    )
    approved_before = selectors.rollup_total(
        form=period.form,
        period_key=YEAR,
        unit=Unit.objects.get(code="56"),
        indicator="outreach_sessions",
        approved=True,
    )
    report = services.report_submit(actor=officer, report_id=report.pk, version=report.version, fill_zero=True)
    assert report.state == ReportState.SUBMITTED and report.on_time is not None
    with pytest.raises(Forbidden):
        services.report_approve(actor=officer, report_id=report.pk, version=report.version)
    # Approval goes level by level: the Ministry does not approve or return a commune's report over
    # its province's head (issue 18), though it sees the report.
    for ministry in (actor("bo.officer"), actor("bo.leader")):
        with pytest.raises(Forbidden) as refused:
            services.report_approve(actor=ministry, report_id=report.pk, version=report.version)
        assert "tỉnh" in refused.value.message
        with pytest.raises(Forbidden):
            services.report_return(actor=ministry, report_id=report.pk, version=report.version, reason="Sai")
    with pytest.raises(ValidationFailed):
        services.report_save(
            actor=officer, report_id=report.pk, version=report.version, values={"outreach_sessions": "8"}
        )
    report = services.report_approve(actor=province, report_id=report.pk, version=report.version)
    approved_after = selectors.rollup_total(
        form=period.form,
        period_key=YEAR,
        unit=Unit.objects.get(code="56"),
        indicator="outreach_sessions",
        approved=True,
    )
    assert approved_after - approved_before == 7
    with pytest.raises(ValidationFailed):
        services.report_return(actor=province, report_id=report.pk, version=report.version, reason=" ")
    report = services.report_return(
        actor=province, report_id=report.pk, version=report.version, reason="Số buổi tuyên truyền chưa khớp sổ theo dõi"
    )
    assert report.state == ReportState.RETURNED
    assert (
        selectors.rollup_total(
            form=period.form,
            period_key=YEAR,
            unit=Unit.objects.get(code="56"),
            indicator="outreach_sessions",
            approved=True,
        )
        == approved_before
    )
    report = services.report_save(
        actor=officer, report_id=report.pk, version=report.version, values={"outreach_sessions": "9"}
    )
    report = services.report_submit(actor=officer, report_id=report.pk, version=report.version)
    assert report.state == ReportState.SUBMITTED


def test_province_submits_after_its_communes_or_names_the_missing(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    officer, ministry = actor("khanhhoa.officer"), actor("bo.officer")
    report = report_of(period, "56", officer)
    if not report.is_editable:
        pytest.skip("the demo left this report decided")
    pending = Unit.objects.filter(province__code="56", kind__in=COMMUNE_KINDS, closed_on__isnull=True).exclude(
        pk__in=Report.objects.filter(period=period, state=ReportState.APPROVED).values("unit_id")
    )
    codes = list(pending.values_list("code", flat=True))
    assert codes
    with pytest.raises(ValidationFailed) as excinfo:
        services.report_submit(actor=officer, report_id=report.pk, version=report.version, fill_zero=True)
    assert "missing" in excinfo.value.errors
    # The answer names the codes to send in `missing` (issue 18: the field was undocumented).
    assert all(code in excinfo.value.errors["missing"] for code in codes)
    report.refresh_from_db()
    report = services.report_submit(
        actor=officer, report_id=report.pk, version=report.version, fill_zero=True, missing=codes
    )
    assert {m["code"] for m in report.missing_units} == set(codes)
    with pytest.raises(Forbidden):
        services.report_approve(actor=officer, report_id=report.pk, version=report.version)
    report = services.report_approve(actor=ministry, report_id=report.pk, version=report.version)
    assert report.state == ReportState.APPROVED
    # An approved commune below cannot be reopened once the province's report went up.
    approved_commune = Report.objects.filter(
        period=period, province__code="56", level=2, state=ReportState.APPROVED
    ).first()
    if approved_commune is not None:
        with pytest.raises(ValidationFailed):
            services.report_return(
                actor=officer, report_id=approved_commune.pk, version=approved_commune.version, reason="Sửa lại"
            )


def test_entry_after_the_window_is_refused(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    report = report_of(period, "22453", officer)
    ReportPeriod.objects.filter(pk=period.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationFailed) as excinfo:
        services.report_save(actor=officer, report_id=report.pk, version=report.version, values={"leaflets": "5"})
    assert "closed" in excinfo.value.message or "đã đóng" in excinfo.value.message


def test_a_note_alone_keeps_the_figure_and_the_records_link(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    officer = actor("camlam.officer")
    report = report_of(period, "22453", officer)
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


# --- The kernel's order: scope (404), role (403), version (409) -------------------------------------


def test_every_report_write_answers_404_outside_the_actors_area(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    """A report of another province is missing to the actor, whatever their role there: the
    services look the report up among those the actor sees (before, some answered 403)."""
    report = report_of(period, "22453", actor("camlam.officer"))
    outsider = actor("hatinh.officer")  # an officer of Hà Tĩnh; Cam Lâm is in Khánh Hòa
    version = report.version
    writes: list[Callable[[], object]] = [
        lambda: services.report_save(actor=outsider, report_id=report.pk, version=version, values={"leaflets": "5"}),
        lambda: services.report_refresh(actor=outsider, report_id=report.pk, version=version),
        lambda: services.report_submit(actor=outsider, report_id=report.pk, version=version, fill_zero=True),
        lambda: services.report_approve(actor=outsider, report_id=report.pk, version=version),
        lambda: services.report_return(actor=outsider, report_id=report.pk, version=version, reason="x"),
        lambda: services.report_narrative_save(
            actor=outsider, report_id=report.pk, version=version, data=services.ReportText(results="x")
        ),
        lambda: services.report_open(actor=outsider, form_code=period.form.code, period_key=YEAR, unit_code="22453"),
    ]
    for write in writes:
        with pytest.raises(NotFound):
            write()
    report.refresh_from_db()
    assert report.version == version


def test_role_comes_before_the_version(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    report = report_of(period, "22453", actor("camlam.officer"))
    stale = report.version - 1
    with pytest.raises(Forbidden):  # seen, not theirs to enter, and stale: the role is said first
        services.report_save(actor=actor("camlam.viewer"), report_id=report.pk, version=stale, values={})
    with pytest.raises(Forbidden):  # the unit's own officer does not decide its report
        services.report_approve(actor=actor("camlam.officer"), report_id=report.pk, version=stale)
    with pytest.raises(Conflict):
        services.report_save(actor=actor("camlam.officer"), report_id=report.pk, version=stale, values={})


def test_a_unit_that_files_no_report_on_the_form_cannot_open_one(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    """One rule (`permissions.reports_on`) for the page's button and the service."""
    from antq.reporting.reports.permissions import can_open_report

    officer = actor("camlam.officer")
    village = Unit.objects.filter(commune__code="22453", kind="village").first()
    assert village is not None
    assert not can_open_report(officer, period.form, village)
    with pytest.raises(ValidationFailed) as excinfo:
        services.report_open(actor=officer, form_code=period.form.code, period_key=YEAR, unit_code=village.code)
    assert set(excinfo.value.errors) == {"unit"}
    assert can_open_report(officer, period.form, Unit.objects.get(code="22453"))
    assert not can_open_report(actor("camlam.viewer"), period.form, Unit.objects.get(code="22453"))


# --- The official report's text and header --------------------------------------------------------


def test_the_document_number_is_digits_only(period: ReportPeriod, actor: Callable[[str], Actor]) -> None:
    """Behaviour change: the number is the records office's registration number, digits only
    (Decree 30/2020); "125a" and "12-B" were accepted before. The symbol BC-BCĐ is not part of it."""
    officer = actor("khanhhoa.officer")
    report = report_of(period, "56", officer)
    signed = {"doc_date": dt.date(2026, 8, 25), "signer_name": "Nguyễn Văn A"}
    for number in ("125a", "12-B", "125/BC-BCĐ", "12345678"):
        with pytest.raises(ValidationFailed) as excinfo:
            services.report_narrative_save(
                actor=officer,
                report_id=report.pk,
                version=report.version,
                data=replace(services.ReportText.of(report), doc_number=number, **signed),
            )
        assert set(excinfo.value.errors) == {"doc_number"}, number
    report = services.report_narrative_save(
        actor=officer,
        report_id=report.pk,
        version=report.version,
        data=replace(services.ReportText.of(report), doc_number="125", **signed),
    )
    assert (report.doc_number, report.doc_date, report.signer_name) == ("125", dt.date(2026, 8, 25), "Nguyễn Văn A")


def test_a_numbered_report_needs_its_date_and_signer_and_no_future_date(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    officer = actor("khanhhoa.officer")
    report = report_of(period, "56", officer)
    text = services.ReportText.of(report)
    with pytest.raises(ValidationFailed) as excinfo:
        services.report_narrative_save(
            actor=officer, report_id=report.pk, version=report.version, data=replace(text, doc_number="125")
        )
    assert set(excinfo.value.errors) == {"doc_date", "signer_name"}
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationFailed) as excinfo:  # behaviour change: a date of signing in the future
        services.report_narrative_save(
            actor=officer, report_id=report.pk, version=report.version, data=replace(text, doc_date=tomorrow)
        )
    assert set(excinfo.value.errors) == {"doc_date"}
    report = services.report_narrative_save(
        actor=officer,
        report_id=report.pk,
        version=report.version,
        data=replace(text, situation="  Ban Chỉ đạo 138 tỉnh ban hành kế hoạch. ", recipients="Lưu: VT."),
    )
    assert report.narrative["situation"] == "Ban Chỉ đạo 138 tỉnh ban hành kế hoạch."
    assert report.recipients == "Lưu: VT." and report.doc_number == ""


# --- Periods --------------------------------------------------------------------------------------


def test_a_period_is_moved_by_officers_at_the_nation_in_order(
    period: ReportPeriod, actor: Callable[[str], Actor]
) -> None:
    dates = services.PeriodDates.of(period)
    with pytest.raises(Forbidden):
        services.period_update(actor=actor("khanhhoa.leader"), period_id=period.pk, version=period.version, data=dates)
    with pytest.raises(NotFound):
        services.period_update(actor=actor("bo.officer"), period_id=0, version=1, data=dates)
    with pytest.raises(Conflict):
        services.period_update(actor=actor("bo.officer"), period_id=period.pk, version=period.version - 1, data=dates)
    with pytest.raises(ValidationFailed) as excinfo:
        services.period_update(
            actor=actor("bo.officer"),
            period_id=period.pk,
            version=period.version,
            data=replace(dates, closes_on=period.province_deadline - dt.timedelta(days=1), cutoff_on=None),
        )
    assert set(excinfo.value.errors) == {"cutoff_on"}  # an empty date is named before the order is checked
    with pytest.raises(ValidationFailed) as excinfo:
        services.period_update(
            actor=actor("bo.officer"),
            period_id=period.pk,
            version=period.version,
            data=replace(dates, closes_on=period.province_deadline - dt.timedelta(days=1)),
        )
    assert set(excinfo.value.errors) == {"closes_on"}
    moved = services.period_update(
        actor=actor("bo.officer"),
        period_id=period.pk,
        version=period.version,
        data=replace(dates, closes_on=period.closes_on + dt.timedelta(days=7)),
    )
    assert moved.version == period.version + 1 and moved.closes_on == period.closes_on + dt.timedelta(days=7)
