"""The decision as an official document (Decree 30/2020 layout) through the shared generator: the
QUYẾT ĐỊNH with its basis, Article 1 with the list of those awarded (the proposal list's pieces,
`antq.commendations.proposals.documents`), Article 2 the reward, Article 3 who carries it out.

The words are Vietnamese literals whatever the UI language: they are the legal text an official
signs (see `antq/plans/documents.py`).
"""

from __future__ import annotations

from django.http import HttpResponse

from antq.commendations import wording
from antq.commendations.decisions.models import CommendationDecision
from antq.commendations.proposals.documents import (
    DOCX,
    form_phrases,
    lines,
    list_rows,
    proposing_body,
    site_sentence,
    who,
)
from antq.commendations.proposals.models import CommendationProposal
from antq.core.documents import (
    Block,
    OfficialDocument,
    Paragraph,
    Run,
    Signature,
    Table,
    document_date,
    in_sentence,
    render_docx,
    render_pdf,
)
from antq.core.http import attachment
from antq.core.text import ascii_filename


def decision_summary(proposal: CommendationProposal) -> str:
    title = proposal.title
    lowered = in_sentence(title)
    if lowered.startswith("đề nghị "):
        lowered = lowered[len("đề nghị ") :]
    if not lowered.startswith("khen thưởng"):
        lowered = f"khen thưởng {lowered}"
    return f"Về việc {lowered}"


def decision_document(decision: CommendationDecision) -> OfficialDocument:
    proposal = decision.proposal
    nominees = [n for n in proposal.nominees.all() if n.awarded and n.decision_id == decision.pk]
    issuer = wording.decision_issuer(proposal, [n.award_form for n in nominees])
    blocks: list[Block] = [
        Paragraph(issuer.authority_title, bold=True, align="center", indent_first_line=False),
        *(Paragraph(line, italic=True) for line in lines(decision.basis)),
    ]
    memo = f" tại Tờ trình số {proposal.memo_reference}" if proposal.memo_reference else ""
    if proposal.submitted_on:
        memo += f" ngày {document_date(proposal.submitted_on)}"
    via = ""
    if proposal.forwarded_at is not None and proposal.province is not None:
        via = f" và đề nghị của Công an {in_sentence(proposal.province.name)}"
    blocks.append(Paragraph(f"Xét đề nghị của {proposing_body(proposal)}{memo}{via}.", italic=True))
    blocks.append(Paragraph("QUYẾT ĐỊNH:", bold=True, align="center", indent_first_line=False))
    forms = form_phrases(proposal, nominees)
    achievement = f"đã có thành tích xuất sắc trong {wording.MOVEMENT} năm {proposal.year}"
    if len(forms) == 1:
        article1 = f"Tặng {forms[0]} cho {who(nominees)} {achievement}, có tên sau đây:"
    else:
        article1 = f"Khen thưởng {who(nominees)} {achievement}, với các hình thức khen thưởng theo danh sách sau đây:"
    blocks += [
        Paragraph((Run("Điều 1. ", bold=True), Run(article1))),
        Table(
            headers=("STT", "Họ tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức khen thưởng"),
            rows=list_rows(proposal, nominees, with_achievement=False),
            column_widths=(1.2, 5.2, 5.6, 4.5),
            align=("center", "left", "left", "left"),
            font_size_pt=12,
            total_row=("", f"Tổng cộng: {who(nominees)}", "", ""),
        ),
    ]
    article2 = decision.reward or wording.DEFAULT_REWARD
    site = site_sentence(decision.festival_site)
    if site:
        article2 += f" Việc trao tặng được tổ chức tại {site}."
    blocks.append(Paragraph((Run("Điều 2. ", bold=True), Run(article2))))
    blocks.append(
        Paragraph(
            (
                Run("Điều 3. ", bold=True),
                Run(
                    f"Quyết định này có hiệu lực kể từ ngày ký. {issuer.executors} và các tập thể, cá nhân có tên "
                    "tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
                ),
            )
        )
    )
    return OfficialDocument(
        parent_body=decision.parent_body,
        issuing_body=decision.issuing_body,
        number=decision.number,
        symbol=decision.symbol,
        place=decision.place,
        date=decision.decided_on,
        doc_type="QUYẾT ĐỊNH",
        summary=decision_summary(proposal),
        blocks=tuple(blocks),
        signature=Signature(
            authority=decision.signer_authority, title=decision.signer_title, name=decision.signer_name
        ),
        recipients=lines(decision.recipients) or ("Như Điều 3;", "Lưu: VT."),
        title=f"Quyết định {decision.reference} {decision_summary(proposal)}",
    )


def decision_filename(decision: CommendationDecision, extension: str) -> str:
    return ascii_filename(f"QD-{decision.number}-{decision.symbol}-{decision.year}", extension)


def decision_docx_response(decision: CommendationDecision) -> HttpResponse:
    return attachment(render_docx(decision_document(decision)), DOCX, decision_filename(decision, "docx"))


def decision_pdf_response(decision: CommendationDecision) -> HttpResponse:
    """Raises DocumentConversionUnavailable (a DomainError, 503) when LibreOffice is missing."""
    return attachment(render_pdf(decision_document(decision)), "application/pdf", decision_filename(decision, "pdf"))
