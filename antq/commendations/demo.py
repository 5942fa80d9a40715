"""Demo commendations for `make run`, written through the services (so they obey every rule a user
meets; a memo sent up with a number names its signer): in each demo province a commune proposal
decided by the Ministry with its decision number and the festival site where the awards are handed
over, a proposal decided by the province, one waiting, one returned with its reason and one draft.
Idempotent: skipped when the demo communes already have proposals."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from antq.accounts.models import User
from antq.commendations.decisions.services import DecisionInput, proposal_decide
from antq.commendations.proposals import services
from antq.commendations.proposals.models import CommendationProposal
from antq.commendations.proposals.services import NomineeInput, ProposalInput
from antq.core.actor import Actor
from antq.core.demo import demo_step
from antq.festivals.models import FestivalSite, SiteState

YEAR = 2026
DEMO_UNITS = ("22453", "22366", "18073", "56", "42")
MOVEMENT = "trong phong trào toàn dân bảo vệ an ninh Tổ quốc"


def _actor(username: str) -> Actor:
    return Actor.of(User.objects.get(username=username))


def _day(month: int, day: int) -> dt.date:
    """A day of the demo season, never after today (decisions cannot be dated in the future)."""
    return min(dt.date(YEAR, month, day), timezone.localdate())


def _site(commune_code: str) -> int | None:
    site = (
        FestivalSite.objects.filter(commune__code=commune_code, year=YEAR)
        .exclude(state=SiteState.CANCELLED)
        .order_by("-pilot_tier", "starts_at", "pk")
        .first()
    )
    return site.pk if site else None


def _collective(name: str, form: str, achievement: str) -> NomineeInput:
    return NomineeInput(kind="collective", name=name, award_form=form, achievement=achievement)


def _person(name: str, position: str, organisation: str, form: str, achievement: str) -> NomineeInput:
    return NomineeInput(
        kind="individual",
        name=name,
        position=position,
        organisation=organisation,
        award_form=form,
        achievement=achievement,
    )


def _propose(
    officer: str, unit: str, level: str, nominees: list[NomineeInput], **extra: object
) -> CommendationProposal:
    data = ProposalInput(year=YEAR, authority_level=level, nominees=tuple(nominees), **extra)  # type: ignore[arg-type]
    return services.proposal_create(actor=_actor(officer), unit_code=unit, data=data)


def _submit(leader: str, proposal: CommendationProposal, number: str, on: dt.date) -> CommendationProposal:
    """The memo signed (by the proposal's signer) and sent up with its number and date."""
    return services.proposal_submit(
        actor=_actor(leader), proposal_id=proposal.pk, version=proposal.version, submitted_on=on, memo_number=number
    )


def _forward(leader: str, proposal: CommendationProposal, note: str = "") -> CommendationProposal:
    return services.proposal_forward(actor=_actor(leader), proposal_id=proposal.pk, version=proposal.version, note=note)


def _decide(leader: str, proposal: CommendationProposal, number: str, on: dt.date, signer: str) -> None:
    data = DecisionInput(number=number, decided_on=on, signer_name=signer)
    proposal_decide(actor=_actor(leader), proposal_id=proposal.pk, version=proposal.version, data=data)


@demo_step
def demo_commendations() -> None:
    """The demo proposals at every step; nothing when they exist already."""
    if CommendationProposal.objects.filter(unit__code__in=DEMO_UNITS).exists():
        return
    with transaction.atomic():
        _khanh_hoa()
        _ha_tinh()


def _khanh_hoa() -> None:
    merit = "certificate_of_merit"
    decided = _propose(
        "camlam.officer",
        "22453",
        "ministry",
        [
            _collective(
                "Công an xã Cam Lâm",
                merit,
                "Tham mưu tổ chức thành công Ngày hội toàn dân bảo vệ ANTQ năm 2026 tại 4 thôn; xây dựng 3 mô hình "
                "tự quản về ANTT hoạt động hiệu quả.",
            ),
            _collective(
                "Tổ bảo vệ an ninh, trật tự thôn Tân Hải, xã Cam Lâm",
                merit,
                "Phối hợp tuần tra 120 lượt, giải quyết 15 vụ việc ngay từ cơ sở, không để phát sinh điểm nóng.",
            ),
            _person(
                "Nguyễn Văn Thành",
                "Trưởng thôn",
                "Thôn Tân Hải, xã Cam Lâm",
                merit,
                f"Vận động Nhân dân giao nộp 12 vũ khí, vật liệu nổ; gương mẫu {MOVEMENT}.",
            ),
        ],
        festival_site_id=_site("22453"),
        reasons="Năm 2026, phong trào toàn dân bảo vệ an ninh Tổ quốc trên địa bàn xã có nhiều chuyển biến tích "
        "cực; Ngày hội được tổ chức trang trọng, thiết thực, thu hút đông đảo Nhân dân tham gia.",
        signer_name="Phạm Quang Minh",
    )
    decided = _submit("camlam.leader", decided, "15", _day(8, 3))
    decided = _forward("khanhhoa.leader", decided, note="Đề nghị Bộ xem xét.")
    _decide("bo.leader", decided, "5126", _day(8, 12), "Trần Đức Hải")
    _propose(
        "camlam.officer",
        "22453",
        "commune",
        [
            _person(
                "Lê Thị Hoa",
                "Tổ viên Tổ bảo vệ ANTT",
                "Thôn Đông Cam, xã Cam Lâm",
                "certificate_of_commendation",
                "Phát hiện, cung cấp kịp thời 5 tin báo về tội phạm.",
            )
        ],
    )
    province = _propose(
        "khanhhoa.officer",
        "56",
        "ministry",
        [
            _person(
                "Võ Minh Tuấn",
                "Đội trưởng",
                "Phòng Tham mưu, Công an tỉnh Khánh Hòa",
                "medal",
                f"Có nhiều đóng góp {MOVEMENT} trong 15 năm công tác.",
            )
        ],
        signer_name="Lê Văn Hưng",
    )
    _submit("khanhhoa.leader", province, "2710", _day(8, 20))
    returned = _propose(
        "khanhhoa.officer",
        "22366",
        "province",
        [
            _collective(
                "Tổ dân phố 3, phường Nha Trang",
                "certificate_of_commendation",
                "Duy trì mô hình camera bảo đảm ANTT.",
            )
        ],
        signer_name="Nguyễn Minh Tâm",
    )
    returned = _submit("khanhhoa.leader", returned, "21", _day(8, 5))
    services.proposal_return(
        actor=_actor("khanhhoa.leader"),
        proposal_id=returned.pk,
        version=returned.version,
        reason="Bổ sung số liệu cụ thể về kết quả của mô hình (số vụ việc phát hiện, số camera lắp đặt).",
    )


def _ha_tinh() -> None:
    ministry = _propose(
        "thanhsen.officer",
        "18073",
        "ministry",
        [
            _collective(
                "Công an phường Thành Sen",
                "certificate_of_merit",
                "Đơn vị dẫn đầu phong trào; tổ chức điểm Ngày hội của tỉnh năm 2026.",
            ),
            _person(
                "Hoàng Văn Đức",
                "Tổ trưởng Tổ bảo vệ ANTT",
                "Tổ dân phố 2, phường Thành Sen",
                "certificate_of_merit",
                "Tham gia bắt giữ 3 đối tượng trộm cắp tài sản.",
            ),
        ],
        festival_site_id=_site("18073"),
        signer_name="Đặng Văn Sơn",
    )
    ministry = _submit("thanhsen.leader", ministry, "32", _day(8, 2))
    ministry = _forward("hatinh.leader", ministry)
    _decide("bo.leader", ministry, "5127", _day(8, 12), "Trần Đức Hải")
    province = _propose(
        "thanhsen.officer",
        "18073",
        "province",
        [
            _collective(
                "Trường THPT Phan Đình Phùng",
                "certificate_of_commendation",
                "Xây dựng mô hình “Trường học an toàn về ANTT”.",
            ),
            _person(
                "Nguyễn Thị Lan",
                "Bí thư Chi đoàn",
                "Tổ dân phố 5, phường Thành Sen",
                "certificate_of_commendation",
                "Tích cực tuyên truyền pháp luật cho đoàn viên, thanh niên.",
            ),
        ],
        signer_name="Đặng Văn Sơn",
    )
    province = _submit("thanhsen.leader", province, "33", _day(8, 4))
    _decide("hatinh.leader", province, "1408", _day(8, 10), "Nguyễn Hồng Phúc")
    waiting = _propose(
        "thanhsen.officer",
        "18073",
        "ministry",
        [_person("Trần Văn Bình", "Công an viên", "Công an phường Thành Sen", "medal", "20 năm gắn bó phong trào.")],
        signer_name="Đặng Văn Sơn",
    )
    _submit("thanhsen.leader", waiting, "40", _day(8, 18))
    _propose(
        "hatinh.officer",
        "42",
        "province",
        [
            _collective(
                "Đội Cảnh sát quản lý hành chính về trật tự xã hội, Công an tỉnh Hà Tĩnh",
                "emulation_flag",
                "Dẫn đầu phong trào thi đua năm 2026.",
            )
        ],
        title="Đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh năm 2026",
    )
