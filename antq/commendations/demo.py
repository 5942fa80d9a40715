"""Demo commendations for `make run`, written through the services (so they obey every rule a user
meets): in each demo province a commune proposal decided by the Ministry with its decision number
and the festival site where the awards are handed over, a proposal decided by the province, one
waiting, one returned with its reason and one draft. Idempotent: skipped when the demo communes
already have proposals."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from antq.accounts.models import User
from antq.core.actor import Actor
from antq.core.demo import demo_step
from antq.festivals.models import FestivalSite, SiteState
from antq.commendations import services
from antq.commendations.models import CommendationProposal
from antq.commendations.services import DecisionInput, NomineeInput, ProposalInput

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
    data = ProposalInput(year=YEAR, authority_level=level, nominees=nominees, **extra)  # type: ignore[arg-type]
    return services.proposal_create(actor=_actor(officer), unit_code=unit, data=data)


def _submit(leader: str, proposal: CommendationProposal, number: str, on: dt.date) -> CommendationProposal:
    return services.proposal_submit(
        actor=_actor(leader), proposal=proposal, version=proposal.version, submitted_on=on, memo_number=number
    )


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
    decided = services.proposal_forward(
        actor=_actor("khanhhoa.leader"), proposal=decided, version=decided.version, note="Đề nghị Bộ xem xét."
    )
    services.proposal_decide(
        actor=_actor("bo.leader"),
        proposal=decided,
        version=decided.version,
        data=DecisionInput(number="5126", decided_on=_day(8, 12), signer_name="Trần Đức Hải"),
    )
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
    )
    returned = _submit("khanhhoa.leader", returned, "21", _day(8, 5))
    services.proposal_return(
        actor=_actor("khanhhoa.leader"),
        proposal=returned,
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
    ministry = services.proposal_forward(actor=_actor("hatinh.leader"), proposal=ministry, version=ministry.version)
    services.proposal_decide(
        actor=_actor("bo.leader"),
        proposal=ministry,
        version=ministry.version,
        data=DecisionInput(number="5127", decided_on=_day(8, 12), signer_name="Trần Đức Hải"),
    )
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
    )
    province = _submit("thanhsen.leader", province, "33", _day(8, 4))
    services.proposal_decide(
        actor=_actor("hatinh.leader"),
        proposal=province,
        version=province.version,
        data=DecisionInput(number="1408", decided_on=_day(8, 10), signer_name="Nguyễn Hồng Phúc"),
    )
    waiting = _propose(
        "thanhsen.officer",
        "18073",
        "ministry",
        [_person("Trần Văn Bình", "Công an viên", "Công an phường Thành Sen", "medal", "20 năm gắn bó phong trào.")],
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
