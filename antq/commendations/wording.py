"""The official wording of commendations: how each form is named for each authority, and the
header lines, signer and basis a memo or decision of each level usually carries.

Document text, so Vietnamese literals whatever the UI language (see `antq/plans/documents.py`).
Every default here is only a default: the forms let officers change the header, signer and basis.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from antq.commendations.proposals.models import AuthorityLevel, AwardForm, CommendationProposal
from antq.core.documents import in_sentence
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit, UnitKind

MOVEMENT = "phong trào toàn dân bảo vệ an ninh Tổ quốc"
LAW_BASIS = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
    "một số điều của Luật Thi đua, khen thưởng;",
)
V05 = "Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc"
FORM_NAMES = {
    AwardForm.CERTIFICATE_OF_COMMENDATION: "Giấy khen",
    AwardForm.CERTIFICATE_OF_MERIT: "Bằng khen",
    AwardForm.MEDAL: "Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”",
    AwardForm.EMULATION_FLAG: "Cờ thi đua",
}


def default_title(year: int) -> str:
    return f"Đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc trong {MOVEMENT} năm {year}"


def form_phrase(form: str, level: str, proposal: CommendationProposal) -> str:
    """The form as the decision names it: "Bằng khen của Bộ trưởng Bộ Công an"."""
    province = in_sentence(proposal.province.name) if proposal.province else ""
    commune_unit = proposal.commune  # a commune's own proposal is kept at the commune itself
    commune = in_sentence(commune_unit.name) if commune_unit else ""
    if form == AwardForm.MEDAL:
        return FORM_NAMES[AwardForm.MEDAL]
    if form == AwardForm.CERTIFICATE_OF_COMMENDATION:
        return {
            AuthorityLevel.COMMUNE: f"Giấy khen của Chủ tịch Ủy ban nhân dân {commune}",
            AuthorityLevel.PROVINCE: f"Giấy khen của Giám đốc Công an {province}",
        }.get(level, f"Giấy khen của Cục trưởng {V05}")  # type: ignore[call-overload]
    if form == AwardForm.CERTIFICATE_OF_MERIT:
        return {
            AuthorityLevel.PROVINCE: f"Bằng khen của Chủ tịch Ủy ban nhân dân {province}",
            AuthorityLevel.GOVERNMENT: "Bằng khen của Thủ tướng Chính phủ",
        }.get(level, "Bằng khen của Bộ trưởng Bộ Công an")  # type: ignore[call-overload]
    return {
        AuthorityLevel.PROVINCE: f"Cờ thi đua của Ủy ban nhân dân {province}",
        AuthorityLevel.GOVERNMENT: "Cờ thi đua của Chính phủ",
    }.get(level, "Cờ thi đua của Bộ Công an")  # type: ignore[call-overload]


def _police_head(unit: Unit) -> str:
    word = {UnitKind.WARD: "PHƯỜNG", UnitKind.SPECIAL_ZONE: "ĐẶC KHU"}.get(unit.kind, "XÃ")  # type: ignore[call-overload]
    return f"TRƯỞNG CÔNG AN {word}"


def proposal_defaults(unit: Unit) -> dict[str, str]:
    """Header, signer and recipients of a unit's memo (tờ trình)."""
    place = unit.short_name or unit.name
    if unit.kind in PROVINCE_KINDS:
        return {
            "memo_symbol": "TTr-CAT",
            "parent_body": "BỘ CÔNG AN",
            "issuing_body": f"CÔNG AN {unit.name.upper()}",
            "place": place,
            "signer_authority": "KT. GIÁM ĐỐC",
            "signer_title": "PHÓ GIÁM ĐỐC",
            "recipients": "Như trên;\nLưu: VT, PV05.",
        }
    province = unit.province
    return {
        "memo_symbol": "TTr-CAX",
        "parent_body": f"CÔNG AN {province.name.upper()}" if province else "",
        "issuing_body": f"CÔNG AN {unit.name.upper()}",
        "place": place,
        "signer_authority": "",
        "signer_title": _police_head(unit),
        "recipients": "Như trên;\nLưu: VT.",
    }


def proposal_addressee(proposal: CommendationProposal, forms: Iterable[str]) -> str:
    """ "Kính gửi: …" of the memo: the head of the level the memo goes to."""
    province = in_sentence(proposal.province.name) if proposal.province else ""
    if proposal.unit.kind in COMMUNE_KINDS:
        return f"Giám đốc Công an {province}"
    if proposal.authority_level in (AuthorityLevel.MINISTRY, AuthorityLevel.GOVERNMENT):
        return "Bộ trưởng Bộ Công an"
    if set(forms) & {AwardForm.CERTIFICATE_OF_MERIT, AwardForm.EMULATION_FLAG}:
        return f"Chủ tịch Ủy ban nhân dân {province}"
    return f"Giám đốc Công an {province}"


@dataclass(frozen=True)
class DecisionIssuer:
    """Who issues a decision of this level, as the document shows it."""

    symbol: str
    parent_body: str
    issuing_body: str
    place: str
    signer_authority: str
    signer_title: str
    authority_title: str  # the capitals line above the basis ("BỘ TRƯỞNG BỘ CÔNG AN")
    basis: tuple[str, ...]
    executors: str  # who carries the decision out (Điều 3)


def main_form(forms: Iterable[str]) -> str:
    counted = Counter(forms)
    return counted.most_common(1)[0][0] if counted else AwardForm.CERTIFICATE_OF_MERIT


def decision_issuer(proposal: CommendationProposal, forms: Iterable[str]) -> DecisionIssuer:
    forms = list(forms)
    level = proposal.authority_level
    province_unit = proposal.province
    province_name = province_unit.name if province_unit else ""
    province_place = (province_unit.short_name or province_unit.name) if province_unit else ""
    if level == AuthorityLevel.GOVERNMENT:
        return DecisionIssuer(
            symbol="QĐ-TTg",
            parent_body="",
            issuing_body="THỦ TƯỚNG CHÍNH PHỦ",
            place="Hà Nội",
            signer_authority="KT. THỦ TƯỚNG",
            signer_title="PHÓ THỦ TƯỚNG",
            authority_title="THỦ TƯỚNG CHÍNH PHỦ",
            basis=("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;", *LAW_BASIS),
            executors="Bộ trưởng Bộ Công an, Thủ trưởng các cơ quan, đơn vị có liên quan",
        )
    if level == AuthorityLevel.MINISTRY:
        if set(forms) == {AwardForm.CERTIFICATE_OF_COMMENDATION}:
            return DecisionIssuer(
                symbol="QĐ-V05",
                parent_body="BỘ CÔNG AN",
                issuing_body=V05.upper(),
                place="Hà Nội",
                signer_authority="",
                signer_title="CỤC TRƯỞNG",
                authority_title=f"CỤC TRƯỞNG {V05.upper()}",
                basis=LAW_BASIS,
                executors="Trưởng phòng Tổng hợp, Thủ trưởng các đơn vị có liên quan",
            )
        return DecisionIssuer(
            symbol="QĐ-BCA",
            parent_body="",
            issuing_body="BỘ CÔNG AN",
            place="Hà Nội",
            signer_authority="KT. BỘ TRƯỞNG",
            signer_title="THỨ TRƯỞNG",
            authority_title="BỘ TRƯỞNG BỘ CÔNG AN",
            basis=(
                *LAW_BASIS,
                "Căn cứ Nghị định số 02/2025/NĐ-CP ngày 18 tháng 02 năm 2025 của Chính phủ quy định chức năng, "
                "nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Công an;",
            ),
            executors=f"Chánh Văn phòng Bộ Công an, Cục trưởng {V05}, Giám đốc Công an {in_sentence(province_name)}, "
            "Thủ trưởng các đơn vị có liên quan",
        )
    if level == AuthorityLevel.PROVINCE:
        if set(forms) & {AwardForm.CERTIFICATE_OF_MERIT, AwardForm.EMULATION_FLAG}:
            return DecisionIssuer(
                symbol="QĐ-UBND",
                parent_body="",
                issuing_body=f"ỦY BAN NHÂN DÂN {province_name.upper()}",
                place=province_place,
                signer_authority="KT. CHỦ TỊCH",
                signer_title="PHÓ CHỦ TỊCH",
                authority_title=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {province_name.upper()}",
                basis=("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", *LAW_BASIS),
                executors=f"Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Công an {in_sentence(province_name)}, "
                "Thủ trưởng các cơ quan, đơn vị có liên quan",
            )
        return DecisionIssuer(
            symbol="QĐ-CAT",
            parent_body="BỘ CÔNG AN",
            issuing_body=f"CÔNG AN {province_name.upper()}",
            place=province_place,
            signer_authority="",
            signer_title="GIÁM ĐỐC",
            authority_title=f"GIÁM ĐỐC CÔNG AN {province_name.upper()}",
            basis=LAW_BASIS,
            executors="Trưởng phòng Tham mưu, Thủ trưởng các đơn vị có liên quan",
        )
    commune = proposal.commune
    commune_name = commune.name if commune else ""
    return DecisionIssuer(
        symbol="QĐ-UBND",
        parent_body="",
        issuing_body=f"ỦY BAN NHÂN DÂN {commune_name.upper()}",
        place=(commune.short_name or commune.name) if commune else province_place,
        signer_authority="",
        signer_title="CHỦ TỊCH",
        authority_title=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune_name.upper()}",
        basis=("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", *LAW_BASIS),
        executors=f"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {in_sentence(commune_name)}, "
        f"Trưởng Công an {in_sentence(commune_name)}",
    )


def decision_defaults(proposal: CommendationProposal, forms: Iterable[str]) -> dict[str, str]:
    """Editable fields of a new decision, as the issuing level usually writes them."""
    issuer = decision_issuer(proposal, forms)
    return {
        "symbol": issuer.symbol,
        "parent_body": issuer.parent_body,
        "issuing_body": issuer.issuing_body,
        "place": issuer.place,
        "signer_authority": issuer.signer_authority,
        "signer_title": issuer.signer_title,
        "basis": "\n".join(issuer.basis),
        "reward": "",
        "recipients": f"Như Điều 3;\nCông an {in_sentence(proposal.unit.name)};\nLưu: VT, TĐKT.",
    }


DEFAULT_REWARD = (
    "Tiền thưởng kèm theo thực hiện theo quy định của Luật Thi đua, khen thưởng và Nghị định số 98/2023/NĐ-CP "
    "ngày 31 tháng 12 năm 2023 của Chính phủ."
)
