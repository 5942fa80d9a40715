"""The proposal as an official document (Decree 30/2020 layout) through the shared generator: the
submission memo (TỜ TRÌNH) with its proposal list (DANH SÁCH TRÍCH NGANG). The pieces of the list
(`list_rows`, `who`, `form_phrases`) are the decision's too (`antq.commendations.decisions.documents`).

The words are Vietnamese literals whatever the UI language: they are the legal text an official
signs (see `antq/plans/documents.py`). The list goes inside the body, before the signature,
because the generator places the signature block after every body block.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpResponse
from django.utils import timezone

from antq.commendations import wording
from antq.commendations.proposals.models import (
    EDITABLE_STATES,
    AuthorityLevel,
    CommendationNominee,
    CommendationProposal,
    NomineeKind,
)
from antq.core.documents import (
    Block,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    document_date,
    in_sentence,
    render_docx,
    render_pdf,
    text_blocks,
)
from antq.core.http import attachment
from antq.core.text import ascii_filename
from antq.festivals.models import FestivalSite
from antq.units.models import PROVINCE_KINDS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip().lstrip("-").strip() for line in (text or "").splitlines() if line.strip())


def _count(n: int) -> str:
    """Counts in official text keep two digits: "02 tập thể"."""
    return f"{n:02d}"


def who(nominees: Sequence[CommendationNominee]) -> str:
    collectives = sum(1 for n in nominees if n.kind == NomineeKind.COLLECTIVE)
    individuals = len(nominees) - collectives
    parts = []
    if collectives:
        parts.append(f"{_count(collectives)} tập thể")
    if individuals:
        parts.append(f"{_count(individuals)} cá nhân")
    return " và ".join(parts)


def proposing_body(proposal: CommendationProposal) -> str:
    """The proposing unit inside a sentence: "Công an xã Cam Lâm"."""
    return f"Công an {in_sentence(proposal.unit.name)}"


def _position(nominee: CommendationNominee) -> str:
    return ", ".join(part for part in (nominee.position, nominee.organisation) if part)


def _ordered(nominees: Sequence[CommendationNominee]) -> list[tuple[str, list[CommendationNominee]]]:
    groups = [
        ("TẬP THỂ", [n for n in nominees if n.kind == NomineeKind.COLLECTIVE]),
        ("CÁ NHÂN", [n for n in nominees if n.kind == NomineeKind.INDIVIDUAL]),
    ]
    return [(label, rows) for label, rows in groups if rows]


def list_rows(
    proposal: CommendationProposal, nominees: Sequence[CommendationNominee], *, with_achievement: bool
) -> tuple[tuple[str, ...], ...]:
    rows: list[tuple[str, ...]] = []
    groups = _ordered(nominees)
    for group_index, (label, members) in enumerate(groups):
        if len(groups) > 1:
            roman = ("I", "II")[group_index]
            rows.append((roman, label, "", "", "") if with_achievement else (roman, label, "", ""))
        for index, nominee in enumerate(members, start=1):
            form = wording.form_phrase(nominee.award_form, proposal.authority_level, proposal)
            if with_achievement:
                rows.append((str(index), nominee.name, _position(nominee), nominee.achievement, form))
            else:
                rows.append((str(index), nominee.name, _position(nominee), form))
    return tuple(rows)


def form_phrases(proposal: CommendationProposal, nominees: Sequence[CommendationNominee]) -> list[str]:
    seen: list[str] = []
    for nominee in nominees:
        phrase = wording.form_phrase(nominee.award_form, proposal.authority_level, proposal)
        if phrase not in seen:
            seen.append(phrase)
    return seen


def site_sentence(site: FestivalSite | None) -> str:
    if site is None:
        return ""
    day = document_date(timezone.localtime(site.starts_at).date())
    return f"{site.name}, tại {site.venue}, ngày {day}"


def proposal_document(proposal: CommendationProposal) -> OfficialDocument:
    nominees = list(proposal.nominees.all())
    forms = [n.award_form for n in nominees]
    addressee = wording.proposal_addressee(proposal, forms)
    level = proposal.authority_level
    decides = proposal.unit.kind in PROVINCE_KINDS and level == AuthorityLevel.PROVINCE
    blocks: list[Block] = [
        Paragraph(f"Kính gửi: {addressee}.", align="center", indent_first_line=False),
        *(Paragraph(line) for line in wording.LAW_BASIS),
        *text_blocks(proposal.reasons),
    ]
    asks = "quyết định khen thưởng" if decides else "đề nghị cấp có thẩm quyền khen thưởng"
    blocks.append(
        Paragraph(
            f"{proposing_body(proposal)} kính đề nghị {addressee} xem xét, {asks} cho {who(nominees)} có thành tích "
            f"xuất sắc trong {wording.MOVEMENT} năm {proposal.year}, với hình thức: "
            f"{'; '.join(form_phrases(proposal, nominees))} (danh sách trích ngang dưới đây)."
        )
    )
    site = site_sentence(proposal.festival_site)
    if site:
        blocks.append(Paragraph(f"Dự kiến trao tặng tại {site}."))
    reference = proposal.memo_reference
    attached = f"Kèm theo Tờ trình số {reference}" if reference else "Kèm theo Tờ trình"
    if proposal.submitted_on and proposal.state not in EDITABLE_STATES:
        attached += f" ngày {document_date(proposal.submitted_on)}"
    blocks += [
        Paragraph("DANH SÁCH TRÍCH NGANG", bold=True, align="center", indent_first_line=False),
        Paragraph(
            f"Tập thể, cá nhân đề nghị khen thưởng ({attached} của {proposing_body(proposal)})",
            italic=True,
            align="center",
            indent_first_line=False,
        ),
        Table(
            headers=("STT", "Họ tên / Tên tập thể", "Chức vụ, đơn vị", "Tóm tắt thành tích", "Hình thức khen thưởng"),
            rows=list_rows(proposal, nominees, with_achievement=True),
            column_widths=(1.2, 3.8, 3.6, 5.2, 3.2),
            align=("center", "left", "left", "justify", "left"),
            font_size_pt=11,
            total_row=("", f"Tổng cộng: {who(nominees) or '0'}", "", "", ""),
        ),
        Paragraph(f"Kính trình {addressee} xem xét, quyết định./."),
    ]
    is_draft = proposal.state in EDITABLE_STATES
    return OfficialDocument(
        parent_body=proposal.parent_body,
        issuing_body=proposal.issuing_body,
        number="" if is_draft else proposal.memo_number,
        symbol=proposal.memo_symbol,
        place=proposal.place,
        date=None if is_draft else proposal.submitted_on,
        year=proposal.year if is_draft else None,
        doc_type="TỜ TRÌNH",
        summary=f"Về việc {in_sentence(proposal.title)}",
        blocks=tuple(blocks),
        signature=Signature(
            authority=proposal.signer_authority,
            title=proposal.signer_title or "THỦ TRƯỞNG ĐƠN VỊ",
            name=proposal.signer_name,
        ),
        recipients=lines(proposal.recipients) or ("Như trên;", "Lưu: VT."),
        draft_watermark=is_draft,
        title=f"Tờ trình {reference} {proposal.title}".replace("  ", " ").strip(),
    )


def proposal_filename(proposal: CommendationProposal, extension: str) -> str:
    number = proposal.memo_number if proposal.state not in EDITABLE_STATES and proposal.memo_number else "du-thao"
    return ascii_filename(f"TTr-{number}-{proposal.unit.code}-{proposal.year}", extension)


def proposal_docx_response(proposal: CommendationProposal) -> HttpResponse:
    return attachment(render_docx(proposal_document(proposal)), DOCX, proposal_filename(proposal, "docx"))


def proposal_pdf_response(proposal: CommendationProposal) -> HttpResponse:
    """Raises DocumentConversionUnavailable (a DomainError, 503) when LibreOffice is missing."""
    return attachment(render_pdf(proposal_document(proposal)), "application/pdf", proposal_filename(proposal, "pdf"))
