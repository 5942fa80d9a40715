"""The wording of a plan as an official document: the header lines a unit's plans usually carry
and the sentences that cite other documents. Document text, so Vietnamese whatever the UI
language (reports use the same lines: antq.reporting.documents)."""

from __future__ import annotations

import re

from antq.plans.models import Plan
from antq.units.models import Unit, UnitKind

BODY_WORDS = {
    "ban chỉ đạo": "Ban Chỉ đạo",
    "ubnd": "UBND",
    "antq": "ANTQ",
    "antt": "ANTT",
    "trung ương": "Trung ương",
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "công an": "Công an",
    "bộ": "Bộ",
}


def plan_defaults_for(issuer: Unit) -> dict[str, str]:
    """Header lines and place a plan of this unit usually carries (editable in the draft)."""
    if issuer.kind == UnitKind.NATION:
        return {
            "parent_body": "BỘ CÔNG AN",
            "issuing_body": "BAN CHỈ ĐẠO PHONG TRÀO TOÀN DÂN BẢO VỆ ANTQ TRUNG ƯƠNG",
            "place": "Hà Nội",
            "signer_authority": "KT. TRƯỞNG BAN",
            "signer_title": "PHÓ TRƯỞNG BAN",
        }
    place = issuer.short_name or issuer.name
    return {
        "parent_body": f"UBND {issuer.name.upper()}",
        "issuing_body": "BAN CHỈ ĐẠO 138",
        "place": place,
        "signer_authority": "TM. BAN CHỈ ĐẠO",
        "signer_title": "TRƯỞNG BAN",
    }


def body_in_sentence(body: str) -> str:
    """ "BAN CHỈ ĐẠO 138" -> "Ban Chỉ đạo 138" for use inside a sentence."""
    text = " ".join(body.split()).lower()
    for word, written in BODY_WORDS.items():
        text = re.sub(rf"\b{re.escape(word)}\b", written, text)
    return text[:1].upper() + text[1:] if text else ""


def plan_basis_sentence(plan: Plan) -> str:
    """The opening "Thực hiện Kế hoạch số 172/KH-BCĐ ngày 01/4/2024 của ..." of a plan's body."""
    parts = []
    parent = plan.parent_plan
    if parent is not None and parent.reference:
        issued = (
            f" ngày {parent.issued_on.day}/{parent.issued_on.month}/{parent.issued_on.year}" if parent.issued_on else ""
        )
        parts.append(
            f"Thực hiện Kế hoạch số {parent.reference}{issued} của {body_in_sentence(parent.issuing_body)} "
            f"về việc {parent.title[:1].lower() + parent.title[1:]}"
        )
    parts.extend(line.strip(" -;.") for line in plan.basis_documents.splitlines() if line.strip(" -;."))
    return "; ".join(parts)
