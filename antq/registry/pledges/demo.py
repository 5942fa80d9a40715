"""Demo emulation pledges for `make run`, in the two demo provinces (Hà Tĩnh 42, Khánh Hòa 56):
pledges signed at festival sites of the 2026 season and outside them. Written through the services
as officers would, so every rule holds. Idempotent: a pledge that exists (same title at the same
unit) is skipped. Needs the demo season (antq.festivals.demo). Run by the registry's demo step
(`antq.registry.demo`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from antq.festivals.models import FestivalSite, SiteState
from antq.registry.demo import demo_actor, demo_unit
from antq.registry.pledges import services
from antq.registry.pledges.models import EmulationPledge
from antq.registry.pledges.services import PledgeInput
from antq.units.models import Unit

YEAR = 2026


@dataclass(frozen=True)
class DemoPledge:
    officer: str
    unit: tuple[str, str]
    title: str
    content: str
    parties: str
    signed_on: dt.date | None  # None: the day of the unit's first held festival site
    party_units: list[tuple[str, str]] = field(default_factory=list)
    households: int | None = None


PLEDGES = [
    DemoPledge(
        officer="thanhsen.officer",
        unit=("18073", ""),
        title=f"Giao ước thi đua thực hiện phong trào toàn dân bảo vệ ANTQ năm {YEAR} phường Thành Sen",
        content="1. Không có tội phạm nghiêm trọng, không có điểm, tụ điểm ma túy trên địa bàn.\n"
        "2. 100% tổ dân phố xây dựng và duy trì hiệu quả mô hình tự quản về an ninh, trật tự.\n"
        "3. Mỗi tổ dân phố có ít nhất một mô hình camera bảo đảm ANTT kết nối với Công an phường.\n"
        "4. Hòa giải thành trên 90% mâu thuẫn, tranh chấp tại cơ sở.",
        parties="Công an phường Thành Sen; Ủy ban MTTQ Việt Nam phường; Hội Cựu chiến binh phường; "
        "Đoàn Thanh niên phường",
        signed_on=None,
        party_units=[("18073", f"Tổ dân phố {n}") for n in range(1, 9)],
        households=2340,
    ),
    DemoPledge(
        officer="thanhsen.officer",
        unit=("18073", ""),
        title="Giao ước phối hợp bảo đảm an ninh, trật tự trường học năm học 2025-2026",
        content="Nhà trường và Công an phường phối hợp tuyên truyền pháp luật cho học sinh, phòng chống "
        "bạo lực học đường, ma túy và vi phạm trật tự an toàn giao thông; không để học sinh vi phạm "
        "pháp luật hình sự.",
        parties="Công an phường Thành Sen; Ban đại diện cha mẹ học sinh",
        signed_on=dt.date(YEAR, 3, 26),
        party_units=[("18073", "Trường THPT Phan Đình Phùng")],
    ),
    DemoPledge(
        officer="camlam.officer",
        unit=("22453", ""),
        title=f"Giao ước thi đua bảo vệ an ninh Tổ quốc năm {YEAR} giữa Công an xã Cam Lâm và các thôn",
        content="1. Các thôn không có tội phạm, tệ nạn xã hội phức tạp; không có ngư dân vi phạm khai thác "
        "hải sản bất hợp pháp.\n2. 100% hộ gia đình ký cam kết không vi phạm pháp luật, không tàng trữ "
        "vũ khí, vật liệu nổ.\n3. Duy trì tổ tàu thuyền an toàn, tổ tự quản ở tất cả các thôn.",
        parties="Ủy ban MTTQ Việt Nam xã Cam Lâm; Hội Nông dân xã; Hội Liên hiệp Phụ nữ xã",
        signed_on=None,
        party_units=[
            ("22453", "Thôn Tân Hải"),
            ("22453", "Thôn Đông Cam"),
            ("22453", "Thôn Văn Thủy"),
            ("22453", "Thôn Hòa Lý"),
            ("22453", "Công ty TNHH Thủy sản Cam Lâm"),
        ],
        households=1850,
    ),
    DemoPledge(
        officer="camlam.officer",
        unit=("22453", "Thôn Tân Hải"),
        title="Giao ước tự quản về an ninh, trật tự của các hộ ngư dân thôn Tân Hải",
        content="Các hộ ngư dân cam kết không khai thác hải sản ở vùng biển nước ngoài, không sử dụng chất "
        "nổ, xung điện; báo tin ngay khi phát hiện tàu lạ, người lạ; tham gia cứu hộ trên biển.",
        parties="Chi hội Nghề cá thôn Tân Hải; 38 chủ tàu cá",
        signed_on=dt.date(YEAR, 2, 18),
        households=420,
    ),
    DemoPledge(
        officer="hatinh.officer",
        unit=("42", ""),
        title="Giao ước phối hợp bảo đảm an ninh, trật tự Khu kinh tế Vũng Áng",
        content="Công an tỉnh và Ban Quản lý Khu kinh tế phối hợp nắm tình hình công nhân, lao động nước "
        "ngoài; xây dựng tổ an ninh công nhân ở mọi doanh nghiệp trên 200 lao động; xử lý kịp thời vụ "
        "việc phức tạp, không để hình thành điểm nóng.",
        parties="Công an tỉnh Hà Tĩnh; Ban Quản lý Khu kinh tế tỉnh",
        signed_on=dt.date(YEAR, 1, 20),
        party_units=[("42", "Khu kinh tế Vũng Áng")],
    ),
    DemoPledge(
        officer="khanhhoa.officer",
        unit=("56", ""),
        title="Giao ước phối hợp xây dựng trường học an toàn về an ninh, trật tự",
        content="Công an tỉnh và Trường Đại học Nha Trang phối hợp tuyên truyền, phòng ngừa lừa đảo qua "
        "mạng, ma túy trong sinh viên; xây dựng mô hình ký túc xá an toàn.",
        parties="Công an tỉnh Khánh Hòa; Đoàn Thanh niên Trường Đại học Nha Trang",
        signed_on=dt.date(YEAR, 9, 5),
        party_units=[("56", "Trường Đại học Nha Trang")],
    ),
]


def _first_site(commune: Unit, today: dt.date) -> FestivalSite | None:
    """The commune's own first festival site of the season that has been held."""
    sites = FestivalSite.objects.filter(commune=commune, year=YEAR, state__in=[SiteState.HELD, SiteState.REPORTED])
    for site in sites.order_by("unit__level", "starts_at", "pk"):
        if timezone.localtime(site.starts_at).date() <= today:
            return site
    return None


@transaction.atomic
def demo_pledges() -> None:
    """Seed the demo pledges that are not there yet."""
    today = timezone.localdate()
    for pledge in PLEDGES:
        unit = demo_unit(pledge.unit)
        if unit is None or EmulationPledge.objects.filter(unit=unit, title=pledge.title).exists():
            continue
        site = _first_site(unit, today) if pledge.signed_on is None and unit.is_commune else None
        signed_on = timezone.localtime(site.starts_at).date() if site else min(pledge.signed_on or today, today)
        parties = [u.code for u in (demo_unit(ref) for ref in pledge.party_units) if u is not None]
        services.pledge_create(
            actor=demo_actor(pledge.officer),
            data=PledgeInput(
                unit_code=unit.code,
                signed_on=signed_on,
                title=pledge.title,
                content=pledge.content,
                parties=pledge.parties,
                party_unit_codes=parties,
                households=pledge.households,
                festival_site_id=site.pk if site else None,
            ),
        )
