"""A plan as an official document (Decree 30/2020 layout) through the shared generator.

The words of the document are Vietnamese whatever the UI language: it is the legal text an
official signs, so they are literals here rather than gettext messages.
"""

from __future__ import annotations

from django.http import HttpResponse

from antq.core.documents import (
    Block,
    BulletList,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    document_date,
    has_outline,
    in_sentence,
    render_docx,
    render_pdf,
    text_blocks,
)
from antq.core.http import attachment
from antq.core.text import ascii_filename, format_number
from antq.plans.models import Plan, PlanState
from antq.plans.wording import issuing_body_in_sentence, plan_basis_sentence

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")


def _window_sentence(plan: Plan) -> str:
    return (
        f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {plan.year} được tổ chức từ ngày "
        f"{document_date(plan.window_start)} đến ngày {document_date(plan.window_end)}; "
        "các điểm chỉ đạo tổ chức trước, sau đó tổ chức diện rộng."
    )


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
        items.append(f"Cấp dưới ban hành kế hoạch trước ngày {document_date(plan.lower_plan_due_on)};")
    if plan.site_registration_due_on:
        items.append(f"Đăng ký điểm tổ chức Ngày hội trước ngày {document_date(plan.site_registration_due_on)}.")
    return items


def _task_table(plan: Plan) -> list[Block]:
    tasks = list(plan.tasks.select_related("assignee").order_by("position", "due_on", "pk"))
    if not tasks:
        return []
    return [
        Table(
            caption="PHÂN CÔNG NHIỆM VỤ",
            headers=("STT", "Nội dung công việc", "Đơn vị thực hiện", "Thời hạn"),
            rows=tuple(
                (
                    str(index),
                    task.description,
                    task.assignee.name if task.assignee else _lower_units(plan),
                    document_date(task.due_on),
                )
                for index, task in enumerate(tasks, start=1)
            ),
            column_widths=(1.2, 8.5, 4.3, 2.5),
            align=("center", "left", "left", "center"),
        )
    ]


def _default_outline(plan: Plan) -> list[Block]:
    """The outline of a festival plan (sources/003) for an author who numbered nothing: I. purposes
    and requirements, II. contents (time, targets, activities), III. organisation."""
    sections: list[tuple[str, list[Block]]] = []
    aims: list[Block] = []
    if plan.purposes.strip():
        aims += [Heading("1. Mục đích", level=2), *text_blocks(plan.purposes)]
    if plan.requirements.strip():
        aims += [Heading("2. Yêu cầu", level=2), *text_blocks(plan.requirements)]
    if aims:
        sections.append(("MỤC ĐÍCH, YÊU CẦU", aims))
    content: list[Block] = [Heading("1. Thời gian tổ chức", level=2), Paragraph(_window_sentence(plan))]
    targets = _targets(plan)
    if targets:
        content += [Heading("2. Chỉ tiêu", level=2), BulletList(items=tuple(targets))]
    if plan.contents.strip():
        content += [Heading(f"{3 if targets else 2}. Nội dung thực hiện", level=2), *text_blocks(plan.contents)]
    sections.append(("NỘI DUNG", content))
    organisation: list[Block] = [*text_blocks(plan.organisation), *_task_table(plan)]
    if organisation:
        sections.append(("TỔ CHỨC THỰC HIỆN", organisation))
    blocks: list[Block] = []
    for index, (heading, section_blocks) in enumerate(sections):
        blocks.append(Heading(f"{ROMAN[index]}. {heading}", level=1))
        blocks.extend(section_blocks)
    return blocks


def _author_outline(plan: Plan) -> list[Block]:
    """The plan's text exactly as its author numbered it, in the order of the form. The facts the
    plan records as data (festival window, targets, tasks) follow unnumbered, so the generator never
    adds a number the author did not write."""
    blocks: list[Block] = []
    for text in (plan.purposes, plan.requirements, plan.contents, plan.organisation):
        blocks += text_blocks(text)
    blocks.append(Paragraph(f"Thời gian tổ chức: {_window_sentence(plan)}"))
    targets = _targets(plan)
    if targets:
        blocks += [Paragraph("Chỉ tiêu:"), BulletList(items=tuple(targets))]
    return [*blocks, *_task_table(plan)]


def plan_document(plan: Plan) -> OfficialDocument:
    issuing_inline = issuing_body_in_sentence(plan)
    title_inline = in_sentence(plan.title)
    basis = plan_basis_sentence(plan)
    opening = f"{issuing_inline} ban hành Kế hoạch {title_inline}, cụ thể như sau:"
    blocks: list[Block] = [Paragraph(f"{basis}, {opening}" if basis else opening)]
    # The author's numbering wins: the default outline is only for text with no numbers at all.
    authored = any(has_outline(text) for text in (plan.purposes, plan.requirements, plan.contents, plan.organisation))
    blocks += _author_outline(plan) if authored else _default_outline(plan)
    blocks.append(
        Paragraph(
            f"Trên đây là Kế hoạch {title_inline}; yêu cầu các cơ quan, đơn vị, địa phương "
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
