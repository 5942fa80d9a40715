"""A unit's report as the official document (Decree 30/2020 layout) through the shared generator:
"BÁO CÁO Kết quả tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm …".

Narrative sections are what the unit wrote on its report page; the tables are filled from
approved figures of the units below plus the unit's own report (it is the author of those). The
words are Vietnamese whatever the UI language: it is the text an official signs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpResponse
from django.utils import translation

from antq.core.documents import (
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    body_in_sentence,
    document_date,
    in_sentence,
    render_docx,
    render_pdf,
    sentence_start,
    text_blocks,
)
from antq.core.http import attachment
from antq.core.text import ascii_filename, format_figure, format_money_short
from antq.plans.models import Plan, PlanState
from antq.plans.services import issuing_body_in_sentence, plan_defaults_for
from antq.reporting.catalogue.models import Aggregation, Measure
from antq.reporting.catalogue.selectors import form_lines
from antq.reporting.reports.completeness import completeness
from antq.reporting.reports.drafts import today
from antq.reporting.reports.models import Report, ReportPeriod, ReportState
from antq.reporting.reports.periods import previous_keys
from antq.reporting.reports.services.narrative import SYMBOL
from antq.reporting.rollups.selectors import children_totals, totals
from antq.reporting.values import Key, Line
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit, UnitKind

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ROMAN = ("I", "II", "III", "IV", "V", "VI")
UNIT_TABLE_COLUMNS = 5
SECTION_TITLES = {
    "situation": "TÌNH HÌNH VÀ CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC",
    "results": "KẾT QUẢ ĐẠT ĐƯỢC",
    "assessment": "ĐÁNH GIÁ CHUNG",
    "proposals": "ĐỀ XUẤT, KIẾN NGHỊ",
}


def _measure_word(measure: str) -> str:
    with translation.override("vi"):
        return str(Measure(measure).label)


def _figures(report: Report) -> dict[Key, Decimal]:
    """Approved figures of the subtree plus the unit's own figures while they are not approved yet."""
    form, key, unit = report.form, report.period.key, report.unit
    figures = dict(totals(form=form, period_key=key, unit=unit, approved=True))
    if report.state == ReportState.APPROVED:
        return figures
    aggregation = {fi.indicator.code: fi.indicator.aggregation for fi in form.lines.select_related("indicator")}
    for code, option, value in report.values.values_list("indicator__code", "option", "value"):
        k = (code, option)
        kind = aggregation.get(code)
        if kind == Aggregation.MAX:
            figures[k] = max(figures.get(k, value), value)
        elif kind == Aggregation.COUNT:
            figures[k] = figures.get(k, Decimal(0)) + (1 if value > 0 else 0)
        else:
            figures[k] = figures.get(k, Decimal(0)) + value
    return figures


def _amount(line: Line, value: Decimal | None) -> str:
    if value is None:
        return "-"
    text = format_figure(value)
    if line.measure == Measure.VND and value >= 10**6:
        return f"{text} ({format_money_short(value)})"
    return text


def _change(now: Decimal | None, before: Decimal | None) -> str:
    if now is None or before is None or before == 0:
        return "-"
    percent = (now - before) * 100 / before
    sign = "+" if percent > 0 else ""
    return f"{sign}{format_figure(percent.quantize(Decimal('0.1')))}%"


def _area_word(unit: Unit) -> str:
    if unit.level == 0:
        return "Toàn quốc"
    if unit.kind in PROVINCE_KINDS:
        return "Toàn tỉnh" if unit.kind == UnitKind.PROVINCE else "Toàn thành phố"
    words: dict[str, str] = {UnitKind.WARD: "Toàn phường", UnitKind.SPECIAL_ZONE: "Toàn đặc khu"}
    return words.get(unit.kind, "Toàn xã")


def _lower_word(unit: Unit) -> str:
    return "tỉnh, thành phố" if unit.level == 0 else "xã, phường, đặc khu"


def _summary_sentence(report: Report, lines: list[Line], figures: dict[Key, Decimal]) -> str:
    parts = []
    for line in lines:
        if not line.indicator.headline:
            continue
        value = figures.get(line.key)
        if value is None:
            continue
        amount = (
            format_money_short(value)
            if line.measure == Measure.VND
            else f"{format_figure(value)} {_measure_word(line.measure)}"
        )
        parts.append(f"{in_sentence(line.name)}: {amount}")
    if not parts:
        return ""
    return f"{_area_word(report.unit)} đạt các kết quả chủ yếu: " + "; ".join(parts) + "."


def _basis(report: Report, body: str) -> str:
    # The season's numbered plan, amended or closed since included: the report says what was done
    # under it (the demo's provincial plans are all amended by the time they report).
    plan = (
        Plan.objects.filter(issuer=report.unit, year=report.period.year)
        .exclude(state=PlanState.DRAFT)
        .exclude(number="")
        .order_by("-issued_on")
        .first()
        if report.form.period_type == "season"
        else None
    )
    what = _what(report)
    if plan is not None:
        issued = f" ngày {document_date(plan.issued_on)}" if plan.issued_on else ""
        return (
            f"Thực hiện Kế hoạch số {plan.reference}{issued} của {issuing_body_in_sentence(plan)} về việc "
            f"{in_sentence(plan.title)}, {body} báo cáo {what} như sau:"
        )
    return f"{sentence_start(body)} báo cáo {what} như sau:"


def _what(report: Report) -> str:
    if report.form.period_type == "season":
        return f"kết quả tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {report.period.year}"
    name = report.form.name
    name = name[len("Báo cáo ") :] if name.startswith("Báo cáo ") else name
    return f"{in_sentence(name)} ({report.period.label})"


def _figure_table(
    lines: list[Line], figures: dict[Key, Decimal], before: dict[Key, Decimal] | None, year: int
) -> Table:
    headers = ["STT", "Nội dung", "Đơn vị tính", "Kết quả"]
    widths = [1.1, 8.0, 2.4, 3.5]
    align = ["center", "left", "center", "right"]
    if before is not None:
        headers += [f"Năm {year - 1}", "Tăng, giảm"]
        widths = [1.0, 6.2, 2.0, 3.0, 2.4, 1.9]
        align += ["right", "right"]
    rows = []
    for index, line in enumerate(lines, start=1):
        value = figures.get(line.key)
        row = [str(index), line.name, _measure_word(line.measure), _amount(line, value)]
        if before is not None:
            previous = before.get(line.key)
            row += [format_figure(previous) if previous is not None else "-", _change(value, previous)]
        rows.append(tuple(row))
    return Table(
        caption="Bảng 1. Kết quả chủ yếu",
        headers=tuple(headers),
        rows=tuple(rows),
        column_widths=tuple(widths),
        align=tuple(align),  # type: ignore[arg-type]
        font_size_pt=11,
    )


def _unit_table(report: Report, lines: list[Line]) -> Table | None:
    unit = report.unit
    if unit.level > 1:
        return None
    columns = [line for line in lines if line.indicator.headline][:UNIT_TABLE_COLUMNS]
    if not columns:
        return None
    per_unit = children_totals(form=report.form, period_key=report.period.key, unit=unit, approved=True)
    if unit.level == 0:
        children = list(Unit.objects.filter(kind__in=PROVINCE_KINDS, closed_on__isnull=True).order_by("code"))
    else:
        children = list(
            Unit.objects.filter(province=unit, kind__in=COMMUNE_KINDS, closed_on__isnull=True).order_by("code")
        )
        if per_unit.get(unit.pk):
            children.insert(0, unit)
    totals: dict[Key, Decimal] = {}
    rows = []
    for index, child in enumerate(children, start=1):
        values = per_unit.get(child.pk, {})
        name = f"{child.name} (cấp tỉnh)" if child.pk == unit.pk else child.name
        rows.append(
            (str(index), name, *(format_figure(values.get(c.key)) if c.key in values else "-" for c in columns))
        )
        for c in columns:
            if c.key in values:
                if c.indicator.aggregation == Aggregation.MAX:
                    totals[c.key] = max(totals.get(c.key, values[c.key]), values[c.key])
                else:
                    totals[c.key] = totals.get(c.key, Decimal(0)) + values[c.key]
    headers = ("STT", "Đơn vị", *(f"{c.name} ({_measure_word(c.measure)})" for c in columns))
    name_width = 4.6
    widths = (1.0, name_width, *([(16.5 - 1.0 - name_width) / len(columns)] * len(columns)))
    return Table(
        caption=f"Bảng 2. Kết quả theo {_lower_word(unit)} (số liệu đã duyệt)",
        headers=headers,
        rows=tuple(rows),
        column_widths=widths,
        align=("center", "left", *(["right"] * len(columns))),  # type: ignore[arg-type]
        font_size_pt=10,
        total_row=("", "Tổng cộng", *(format_figure(totals[c.key]) if c.key in totals else "-" for c in columns)),
    )


def figures_as_of(period: ReportPeriod, day: dt.date) -> dt.date:
    """The date a report's "Tính đến ngày …" names on `day`.

    The period's cut-off (thời gian chốt số liệu, Decree 09/2019) once it has passed, which it has
    for every ended period unless the Ministry moved it later: a report of the 2021 season speaks
    of 2021 whenever it is printed. Before the cut-off, while figures still come in, the day it is
    printed: a report cannot state figures as of a day still to come.
    """
    return min(day, period.cutoff_on)


def _completeness_sentence(report: Report) -> str:
    if report.unit.level > 1:
        return ""
    total, _rows = completeness(period=report.period, unit=report.unit, today=today())
    if not total.expected:
        return ""
    return (
        f"Tính đến ngày {document_date(figures_as_of(report.period, today()))}, có {format_figure(total.submitted)}/"
        f"{format_figure(total.expected)} đơn vị đã gửi báo cáo ({format_figure(total.on_time)} đúng hạn), "
        f"{format_figure(total.approved)} báo cáo đã được duyệt; số liệu trong báo cáo này tổng hợp từ các báo cáo "
        f"đã được duyệt của các {_lower_word(report.unit)}."
    )


def _recipients(report: Report) -> tuple[str, ...]:
    typed = tuple(line.strip().lstrip("-").strip() for line in report.recipients.splitlines() if line.strip())
    if typed:
        return typed
    unit = report.unit
    if unit.level == 0:
        return ("Lãnh đạo Bộ (để báo cáo);", "Các đơn vị thuộc Bộ;", "Ban Chỉ đạo các tỉnh, thành phố;", "Lưu: VT.")
    if unit.kind in PROVINCE_KINDS:
        return (
            "Ban Chỉ đạo phong trào toàn dân bảo vệ ANTQ Trung ương (để báo cáo);",
            "Cục Xây dựng phong trào bảo vệ ANTQ - Bộ Công an;",
            f"Thường trực Tỉnh ủy, UBND {in_sentence(unit.name)} (để báo cáo);",
            "Lưu: VT.",
        )
    province = unit.province
    return (
        f"Ban Chỉ đạo 138 {in_sentence(province.name) if province else 'cấp tỉnh'} (để báo cáo);",
        f"Công an {in_sentence(province.name) if province else 'tỉnh'} (PV01);",
        f"Đảng ủy, HĐND, UBND {in_sentence(unit.name)};",
        "Lưu: VT.",
    )


def report_document(report: Report) -> OfficialDocument:
    unit = report.unit
    period = report.period
    defaults = plan_defaults_for(unit)
    body = (
        f"{body_in_sentence(defaults['issuing_body'])} {in_sentence(unit.name)}"
        if unit.level > 0
        else body_in_sentence(defaults["issuing_body"])
    )
    with translation.override("vi"):
        lines = form_lines(report.form, period.year)
    figures = _figures(report)
    previous_key = previous_keys(report.form.period_type, period.key, 2)[0]
    before = None
    if previous_key != period.key:
        earlier = totals(form=report.form, period_key=previous_key, unit=unit, approved=True)
        before = earlier or None
    narrative = report.narrative or {}
    blocks: list[Block] = [Paragraph(_basis(report, body))]
    sections: list[tuple[str, list[Block]]] = []
    situation = text_blocks(narrative.get("situation", ""))
    if situation:
        sections.append((SECTION_TITLES["situation"], situation))
    results: list[Block] = []
    summary = _summary_sentence(report, lines, figures)
    if summary:
        results.append(Paragraph(summary))
    results += text_blocks(narrative.get("results", ""))
    completeness = _completeness_sentence(report)
    if completeness:
        results.append(Paragraph(completeness, italic=True))
    results.append(_figure_table(lines, figures, before, period.year))
    unit_table = _unit_table(report, lines)
    if unit_table is not None:
        results.append(unit_table)
    sections.append((SECTION_TITLES["results"], results))
    assessment: list[Block] = []
    strengths = text_blocks(narrative.get("strengths", ""))
    shortcomings = text_blocks(narrative.get("shortcomings", ""))
    if strengths:
        assessment += [Heading("1. Ưu điểm", level=2), *strengths]
    if shortcomings:
        assessment += [Heading(f"{2 if strengths else 1}. Hạn chế, nguyên nhân", level=2), *shortcomings]
    if assessment:
        sections.append((SECTION_TITLES["assessment"], assessment))
    proposals = text_blocks(narrative.get("proposals", ""))
    if proposals:
        sections.append((SECTION_TITLES["proposals"], proposals))
    for index, (title, section) in enumerate(sections):
        blocks.append(Heading(f"{ROMAN[index]}. {title}", level=1))
        blocks.extend(section)
    blocks.append(Paragraph(f"Trên đây là báo cáo {_what(report)} của {body}./."))
    is_draft = not report.doc_number
    return OfficialDocument(
        parent_body=defaults["parent_body"],
        issuing_body=defaults["issuing_body"],
        number=report.doc_number,
        symbol=SYMBOL,
        place=defaults["place"],
        date=report.doc_date if not is_draft else None,
        year=period.year,
        doc_type="BÁO CÁO",
        summary=sentence_start(_what(report)),
        blocks=tuple(blocks),
        signature=Signature(
            authority=report.signer_authority or defaults["signer_authority"],
            title=report.signer_title or defaults["signer_title"],
            name=report.signer_name,
        ),
        recipients=_recipients(report),
        draft_watermark=is_draft,
        title=f"Báo cáo {_what(report)} - {unit.name}",
    )


def document_filename(report: Report, extension: str) -> str:
    base = f"BC-{report.doc_number or 'du-thao'}-{report.form.code}-{report.period.key}-{report.unit.code}"
    return ascii_filename(base, extension)


def docx_response(report: Report) -> HttpResponse:
    return attachment(render_docx(report_document(report)), DOCX, document_filename(report, "docx"))


def pdf_response(report: Report) -> HttpResponse:
    """Raises DocumentConversionUnavailable (a DomainError, 503) when LibreOffice is missing."""
    return attachment(render_pdf(report_document(report)), "application/pdf", document_filename(report, "pdf"))
