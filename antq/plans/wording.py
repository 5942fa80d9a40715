"""The wording of a plan as an official document: the header lines a unit's plans usually carry
and the sentences that cite other documents. Document text, so Vietnamese whatever the UI
language (reports use the same lines: antq.reporting.documents)."""

from __future__ import annotations

from antq.core.documents import body_in_sentence, document_date, in_sentence
from antq.plans.models import Plan
from antq.units.models import Unit, UnitKind


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


def places_of(unit: Unit) -> tuple[str, ...]:
    """The place names a body of `unit` may carry, as written in a sentence ("Khánh Hòa", "tỉnh
    Khánh Hòa"): capitals alone cannot tell them from ordinary words (`body_in_sentence`)."""
    units = [u for u in (unit, unit.province, unit.commune) if u is not None and u.level > 0]
    return tuple(name for u in units for name in (u.short_name, in_sentence(u.name)) if name)


def issuing_body_in_sentence(plan: Plan) -> str:
    """ "BAN CHỈ ĐẠO 138 TỈNH KHÁNH HÒA" -> "Ban Chỉ đạo 138 tỉnh Khánh Hòa" for use inside a sentence."""
    return body_in_sentence(plan.issuing_body, places=places_of(plan.issuer))


def plan_basis_sentence(plan: Plan) -> str:
    """The opening "Thực hiện Kế hoạch số 172/KH-BCĐ ngày 01/4/2024 của ..." of a plan's body."""
    parts = []
    parent = plan.parent_plan
    if parent is not None and parent.reference:
        issued = f" ngày {document_date(parent.issued_on)}" if parent.issued_on else ""
        parts.append(
            f"Thực hiện Kế hoạch số {parent.reference}{issued} của {issuing_body_in_sentence(parent)} "
            f"về việc {in_sentence(parent.title)}"
        )
    parts.extend(line.strip(" -;.") for line in plan.basis_documents.splitlines() if line.strip(" -;."))
    return "; ".join(parts)
