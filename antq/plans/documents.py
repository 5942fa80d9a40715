"""A plan as an official document (Decree 30/2020 layout) through the shared generator.

The words of the document are Vietnamese whatever the UI language: it is the legal text an
official signs, so they are literals here rather than gettext messages.
"""

from __future__ import annotations

import re

from django.http import HttpResponse

from antq.core.documents import (
    Block,
    BulletList,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    render_docx,
    render_pdf,
)
from antq.core.http import attachment
from antq.core.text import ascii_filename, format_date, format_number
from antq.plans.models import Plan, PlanState
from antq.plans.wording import body_in_sentence, plan_basis_sentence

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
BULLET = re.compile(r"^\s*([-+•*])\s+(.*)$")


def _text_blocks(text: str) -> list[Block]:
    """Free text as typed in the form: blank lines separate paragraphs; lines starting with "-",
    "+" or "•" become dash lists, as Vietnamese documents write them."""
    blocks: list[Block] = []
    bullets: list[str] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        match = BULLET.match(line)
        if match:
            bullets.append(match.group(2).strip())
            continue
        if bullets:
            blocks.append(BulletList(items=tuple(bullets)))
            bullets = []
        if line:
            blocks.append(Paragraph(line))
    if bullets:
        blocks.append(BulletList(items=tuple(bullets)))
    return blocks


def _targets(plan: Plan) -> list[str]:
    items = []
    if plan.target_sites:
        items.append(f"Tổ chức ít nhất {format_number(plan.target_sites)} điểm Ngày hội trên địa bàn;")
    if plan.target_sites_per_commune:
        items.append(
            f"Mỗi xã, phường, đặc khu tổ chức ít nhất {format_number(plan.target_sites_per_commune)} điểm Ngày hội;"
        )
    if plan.target_pilot_sites:
        items.append(f"Chọn và tổ chức {format_number(plan.target_pilot_sites)} điểm chỉ đạo;")
    if plan.lower_plan_due_on:
        items.append(f"Cấp dưới ban hành kế hoạch trước ngày {format_date(plan.lower_plan_due_on)};")
    if plan.site_registration_due_on:
        items.append(f"Đăng ký điểm tổ chức Ngày hội trước ngày {format_date(plan.site_registration_due_on)}.")
    return items


def _title_inline(title: str) -> str:
    return title[:1].lower() + title[1:] if title else ""


def plan_document(plan: Plan) -> OfficialDocument:
    issuing_inline = body_in_sentence(plan.issuing_body)
    blocks: list[Block] = []
    basis = plan_basis_sentence(plan)
    opening = f"{basis}, {issuing_inline} ban hành Kế hoạch {_title_inline(plan.title)}, cụ thể như sau:"
    blocks.append(
        Paragraph(
            opening if basis else f"{issuing_inline} ban hành Kế hoạch {_title_inline(plan.title)}, cụ thể như sau:"
        )
    )
    sections: list[tuple[str, list[Block]]] = []
    aims: list[Block] = []
    if plan.purposes.strip():
        aims += [Heading("1. Mục đích", level=2), *_text_blocks(plan.purposes)]
    if plan.requirements.strip():
        aims += [Heading("2. Yêu cầu", level=2), *_text_blocks(plan.requirements)]
    if aims:
        sections.append(("MỤC ĐÍCH, YÊU CẦU", aims))
    content: list[Block] = [
        Heading("1. Thời gian tổ chức", level=2),
        Paragraph(
            f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {plan.year} được tổ chức từ ngày "
            f"{format_date(plan.window_start)} đến ngày {format_date(plan.window_end)}; "
            "các điểm chỉ đạo tổ chức trước, sau đó tổ chức diện rộng."
        ),
    ]
    targets = _targets(plan)
    if targets:
        content += [Heading("2. Chỉ tiêu", level=2), BulletList(items=tuple(targets))]
    if plan.contents.strip():
        content += [Heading(f"{3 if targets else 2}. Nội dung thực hiện", level=2), *_text_blocks(plan.contents)]
    sections.append(("NỘI DUNG", content))
    organisation: list[Block] = _text_blocks(plan.organisation)
    tasks = list(plan.tasks.select_related("assignee").order_by("position", "due_on", "pk"))
    if tasks:
        organisation.append(
            Table(
                caption="PHÂN CÔNG NHIỆM VỤ",
                headers=("STT", "Nội dung công việc", "Đơn vị thực hiện", "Thời hạn"),
                rows=tuple(
                    (
                        str(index),
                        task.description,
                        task.assignee.name if task.assignee else _lower_units(plan),
                        format_date(task.due_on),
                    )
                    for index, task in enumerate(tasks, start=1)
                ),
                column_widths=(1.2, 8.5, 4.3, 2.5),
                align=("center", "left", "left", "center"),
            )
        )
    if organisation:
        sections.append(("TỔ CHỨC THỰC HIỆN", organisation))
    for index, (heading, section_blocks) in enumerate(sections):
        blocks.append(Heading(f"{ROMAN[index]}. {heading}", level=1))
        blocks.extend(section_blocks)
    blocks.append(
        Paragraph(
            f"Trên đây là Kế hoạch {_title_inline(plan.title)}; yêu cầu các cơ quan, đơn vị, địa phương "
            f"nghiêm túc triển khai thực hiện, báo cáo kết quả về {issuing_inline} theo quy định./."
        )
    )
    recipients = tuple(line.strip().lstrip("-").strip() for line in plan.recipients.splitlines() if line.strip())
    if not recipients:
        recipients = ("Như trên;", "Lưu: VT.")
    is_draft = plan.state == PlanState.DRAFT
    return OfficialDocument(
        parent_body=plan.parent_body,
        issuing_body=plan.issuing_body,
        number=plan.number if not is_draft else "",
        symbol=plan.symbol,
        place=plan.place,
        date=plan.issued_on if not is_draft else None,
        year=plan.year,
        doc_type="KẾ HOẠCH",
        summary=plan.title,
        blocks=tuple(blocks),
        signature=Signature(
            authority=plan.signer_authority, title=plan.signer_title or "TRƯỞNG BAN", name=plan.signer_name
        ),
        recipients=recipients,
        draft_watermark=is_draft,
        title=f"Kế hoạch {plan.reference} {plan.title}".strip(),
    )


def _lower_units(plan: Plan) -> str:
    kind = plan.issuer.kind
    if kind == "nation":
        return "Ban Chỉ đạo các tỉnh, thành phố"
    if kind in ("province", "city"):
        return "Ban Chỉ đạo các xã, phường, đặc khu"
    return "Các thôn, tổ dân phố, cơ quan, đơn vị"


def document_filename(plan: Plan, extension: str) -> str:
    base = f"KH-{plan.number or 'du-thao'}-{plan.symbol}-{plan.issuer.code}-{plan.year}"
    return ascii_filename(base, extension)


def docx_response(plan: Plan) -> HttpResponse:
    return attachment(render_docx(plan_document(plan)), DOCX, document_filename(plan, "docx"))


def pdf_response(plan: Plan) -> HttpResponse:
    """Raises DocumentConversionUnavailable (a DomainError, 503) when LibreOffice is missing."""
    return attachment(render_pdf(plan_document(plan)), "application/pdf", document_filename(plan, "pdf"))
