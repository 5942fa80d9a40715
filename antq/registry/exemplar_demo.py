"""Demo exemplars and emulation pledges for `make run`, in the two demo provinces (Hà Tĩnh 42,
Khánh Hòa 56), mostly in the demo communes Thành Sen (18073) and Cam Lâm (22453): collectives and
individuals, some published by a leader; pledges signed at festival sites of the 2026 season and
outside them. Written through the services as officers and leaders would, so every rule holds.

Idempotent: a record that exists (same name or title at the same unit) is skipped. Needs the demo
accounts and units (antq.accounts.demo) and the demo season (antq.festivals.demo) first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from antq.accounts.models import User
from antq.core.actor import Actor
from antq.festivals.models import FestivalSite, SiteState
from antq.registry import exemplar_services, pledge_services
from antq.registry.exemplar_services import ExemplarInput
from antq.registry.models import EmulationPledge, Exemplar
from antq.registry.pledge_services import PledgeInput
from antq.units.models import Unit

YEAR = 2026


@dataclass(frozen=True)
class DemoExemplar:
    officer: str
    unit: tuple[str, str]  # (code, "") or (parent code, unit name): villages get generated codes
    kind: str
    category: str
    name: str
    position: str
    year: int
    summary: str
    story: str
    publisher: str = ""  # the leader who published it; empty: not published


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


EXEMPLARS = [
    DemoExemplar(
        officer="thanhsen.officer",
        unit=("18073", "Tổ dân phố 3"),
        kind="collective",
        category="advanced",
        name="Tổ dân phố 3, phường Thành Sen",
        position="Tổ tự quản về an ninh, trật tự",
        year=YEAR,
        summary="Năm năm liền không có tội phạm, tệ nạn xã hội; 100% hộ gia đình lắp camera hoặc tham gia "
        "nhóm Zalo an ninh của tổ.",
        story="Từ năm 2021, Tổ dân phố 3 thành lập Tổ tự quản về an ninh, trật tự gồm 12 thành viên là "
        "cựu chiến binh, đoàn viên thanh niên và trưởng các nhóm hộ. Tổ chia địa bàn thành 6 cụm, "
        "mỗi cụm có một người phụ trách nắm tình hình người lạ, người thuê trọ và báo ngay cho Công an "
        "phường.\n\nNhân dân góp tiền lắp 18 camera tại các ngõ, kết nối với điện thoại của tổ trưởng "
        "và Công an phường. Năm năm liền tổ không có tội phạm, tệ nạn ma túy; các mâu thuẫn trong "
        "khu dân cư đều được hòa giải tại cơ sở. Năm 2026, tổ được UBND phường tặng Giấy khen "
        "trong phong trào toàn dân bảo vệ an ninh Tổ quốc.",
        publisher="hatinh.leader",
    ),
    DemoExemplar(
        officer="thanhsen.officer",
        unit=("18073", "Tổ dân phố 5"),
        kind="individual",
        category="good_deed",
        name="Ông Nguyễn Văn Hùng",
        position="Tổ trưởng Tổ bảo vệ ANTT Tổ dân phố 5, phường Thành Sen",
        year=YEAR,
        summary="Cùng Tổ bảo vệ ANTT phát hiện, giữ hai đối tượng trộm cắp xe máy và giao cho Công an phường.",
        story="Khoảng 23 giờ ngày 14/3/2026, trong lúc đi tuần, ông Nguyễn Văn Hùng phát hiện hai thanh "
        "niên lạ mặt dắt một chiếc xe máy ra khỏi ngõ 12 khi chủ nhà đã ngủ. Ông gọi thêm hai tổ viên "
        "chặn đầu ngõ, giữ người và báo Công an phường Thành Sen.\n\nQua đấu tranh, hai đối tượng "
        "khai nhận đã thực hiện 4 vụ trộm cắp xe máy trên địa bàn thành phố. Tài sản được trả lại cho "
        "người bị hại. Ông Hùng được Giám đốc Công an tỉnh khen thưởng đột xuất.",
        publisher="hatinh.leader",
    ),
    DemoExemplar(
        officer="thanhsen.officer",
        unit=("18073", "Trường THPT Phan Đình Phùng"),
        kind="individual",
        category="good_deed",
        name="Em Trần Thị Mai Anh",
        position="Học sinh lớp 11A2, Trường THPT Phan Đình Phùng",
        year=YEAR,
        summary="Nhặt được ví có 15 triệu đồng và giấy tờ tùy thân, nộp cho Công an phường để trả lại người đánh rơi.",
        story="Trên đường đi học về chiều 22/4/2026, em Mai Anh nhặt được một chiếc ví trên đường Phan Đình "
        "Phùng, bên trong có 15 triệu đồng, căn cước và thẻ ngân hàng. Em mang đến Công an phường Thành "
        "Sen nhờ tìm người đánh rơi. Ngay trong tối, Công an phường liên lạc được với chủ tài sản là một "
        "tiểu thương ở chợ Hà Tĩnh và trao trả đầy đủ.",
    ),
    DemoExemplar(
        officer="hatinh.officer",
        unit=("42", "Khu kinh tế Vũng Áng"),
        kind="collective",
        category="advanced",
        name="Tổ an ninh công nhân Khu kinh tế Vũng Áng",
        position="Khu kinh tế Vũng Áng, tỉnh Hà Tĩnh",
        year=YEAR - 1,
        summary="Nắm tình hình trong hơn 20.000 công nhân, hòa giải kịp thời các vụ việc, không để xảy ra "
        "đình công, tụ tập đông người.",
        story="Tổ an ninh công nhân được thành lập tại 14 doanh nghiệp trong Khu kinh tế, mỗi ca làm việc có "
        "người trực. Tổ phối hợp với Công an xã và lực lượng bảo vệ doanh nghiệp nắm tình hình công nhân "
        "ở các khu nhà trọ, tuyên truyền phòng chống tín dụng đen và lừa đảo qua mạng.\n\nNăm 2025, tổ "
        "phát hiện và báo tin 6 vụ việc, hòa giải thành 11 mâu thuẫn giữa công nhân; không có đình công, "
        "lãn công trái pháp luật.",
        publisher="hatinh.leader",
    ),
    DemoExemplar(
        officer="camlam.officer",
        unit=("22453", "Thôn Tân Hải"),
        kind="collective",
        category="advanced",
        name="Tổ tàu thuyền an toàn thôn Tân Hải",
        position="Thôn Tân Hải, xã Cam Lâm",
        year=YEAR,
        summary="38 tàu cá tổ chức thành 6 tổ đoàn kết trên biển, giữ liên lạc, cứu hộ lẫn nhau và báo tin về tàu lạ.",
        story="Ngư dân thôn Tân Hải tổ chức 38 tàu cá thành 6 tổ đoàn kết, mỗi tổ có tổ trưởng giữ liên lạc "
        "vô tuyến với Đồn Biên phòng và Công an xã. Các tổ cùng đi, cùng về, hỗ trợ nhau khi gặp sự cố.\n\n"
        "Năm 2026, các tổ đã cứu 2 tàu bị hỏng máy, báo tin 3 lần về tàu lạ nghi vận chuyển hàng lậu; "
        "không có ngư dân vi phạm quy định khai thác hải sản ở vùng biển nước ngoài.",
        publisher="khanhhoa.leader",
    ),
    DemoExemplar(
        officer="camlam.officer",
        unit=("22453", "Thôn Đông Cam"),
        kind="individual",
        category="good_deed",
        name="Ông Lê Văn Sáu",
        position="Ngư dân, thôn Đông Cam, xã Cam Lâm",
        year=YEAR,
        summary="Phát hiện và báo tin kịp thời giúp lực lượng chức năng bắt giữ tàu vận chuyển 12.000 lít dầu "
        "không rõ nguồn gốc.",
        story="Rạng sáng 9/5/2026, trong lúc kéo lưới cách bờ khoảng 8 hải lý, ông Lê Văn Sáu thấy một tàu "
        "không số hiệu sang mạn dầu cho tàu khác. Ông ghi lại vị trí, hình ảnh và gọi cho Công an xã "
        "Cam Lâm.\n\nNhờ tin báo, lực lượng chức năng bắt giữ tàu cùng 12.000 lít dầu DO không rõ nguồn "
        "gốc. Ông Sáu được UBND tỉnh tặng Bằng khen.",
        publisher="khanhhoa.leader",
    ),
    DemoExemplar(
        officer="camlam.officer",
        unit=("22453", "Thôn Văn Thủy"),
        kind="individual",
        category="advanced",
        name="Bà Phạm Thị Hoa",
        position="Chi hội trưởng Phụ nữ, Tổ trưởng Tổ hòa giải thôn Văn Thủy",
        year=YEAR,
        summary="Hòa giải thành 17 vụ mâu thuẫn trong thôn, vận động 5 thanh niên từ bỏ ma túy trở về với gia đình.",
        story="Bà Phạm Thị Hoa làm Tổ trưởng Tổ hòa giải thôn Văn Thủy từ năm 2019. Không kể ngày đêm, "
        "bà đến từng nhà khi có va chạm về đất đai, lối đi, nợ nần, kiên trì giải thích để các bên "
        "nhường nhịn.\n\nTừ đầu năm 2026 bà đã hòa giải thành 17 vụ, không vụ nào phải chuyển lên xã; bà "
        "còn cùng Công an xã vận động 5 thanh niên nghiện ma túy đi cai nghiện tự nguyện.",
    ),
    DemoExemplar(
        officer="camlam.officer",
        unit=("22453", "Công ty TNHH Thủy sản Cam Lâm"),
        kind="collective",
        category="advanced",
        name="Đội bảo vệ Công ty TNHH Thủy sản Cam Lâm",
        position="Công ty TNHH Thủy sản Cam Lâm",
        year=YEAR - 1,
        summary="Bảo đảm an ninh trật tự cho 600 công nhân, không để xảy ra mất cắp tài sản, cháy nổ trong năm 2025.",
        story="Đội bảo vệ 9 người trực 24/24 giờ, phối hợp với Công an xã kiểm tra tạm trú của công nhân "
        "ở trọ, tổ chức diễn tập phòng cháy chữa cháy mỗi quý. Năm 2025 không có vụ mất cắp tài sản, "
        "cháy nổ hay đánh nhau trong công ty.",
    ),
    DemoExemplar(
        officer="khanhhoa.officer",
        unit=("56", "Trường Đại học Nha Trang"),
        kind="collective",
        category="advanced",
        name="Đội thanh niên xung kích an ninh Trường Đại học Nha Trang",
        position="Đoàn Thanh niên Trường Đại học Nha Trang",
        year=YEAR,
        summary="120 sinh viên tình nguyện tuyên truyền phòng chống lừa đảo qua mạng cho hơn 8.000 sinh viên "
        "và giữ trật tự khu ký túc xá.",
        story="Đội gồm 120 sinh viên tình nguyện, chia thành các nhóm tuyên truyền tại ký túc xá và các khoa. "
        "Năm học 2025-2026, đội tổ chức 24 buổi tuyên truyền về thủ đoạn lừa đảo qua mạng, tín dụng đen, "
        "ma túy trá hình cho hơn 8.000 sinh viên; tuần tra ký túc xá vào buổi tối cùng bảo vệ nhà trường.",
        publisher="khanhhoa.leader",
    ),
]


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


def _actor(username: str) -> Actor:
    return Actor.of(User.objects.get(username=username))


def _unit(ref: tuple[str, str]) -> Unit | None:
    parent, name = ref
    if not name:
        return Unit.objects.filter(code=parent).first()
    return (
        Unit.objects.filter(name=name, closed_on__isnull=True)
        .filter(path__startswith=Unit.objects.get(code=parent).path)
        .order_by("path")
        .first()
    )


def _first_site(commune: Unit, today: dt.date) -> FestivalSite | None:
    """The commune's own first festival site of the season that has been held."""
    sites = FestivalSite.objects.filter(commune=commune, year=YEAR, state__in=[SiteState.HELD, SiteState.REPORTED])
    for site in sites.order_by("unit__level", "starts_at", "pk"):
        if timezone.localtime(site.starts_at).date() <= today:
            return site
    return None


@transaction.atomic
def demo_exemplars_and_pledges() -> int:
    """Seed the demo exemplars and pledges; returns how many records were added this run."""
    today = timezone.localdate()
    added = 0
    for item in EXEMPLARS:
        unit = _unit(item.unit)
        if unit is None or Exemplar.objects.filter(unit=unit, name=item.name).exists():
            continue
        exemplar = exemplar_services.exemplar_create(
            actor=_actor(item.officer),
            data=ExemplarInput(
                unit_code=unit.code,
                kind=item.kind,
                category=item.category,
                name=item.name,
                position=item.position,
                year=min(item.year, today.year),
                summary=item.summary,
                story=item.story,
            ),
        )
        if item.publisher:
            exemplar_services.exemplar_publish(
                actor=_actor(item.publisher), exemplar_id=exemplar.pk, version=exemplar.version
            )
        added += 1
    for pledge in PLEDGES:
        unit = _unit(pledge.unit)
        if unit is None or EmulationPledge.objects.filter(unit=unit, title=pledge.title).exists():
            continue
        site = _first_site(unit, today) if pledge.signed_on is None and unit.is_commune else None
        signed_on = timezone.localtime(site.starts_at).date() if site else min(pledge.signed_on or today, today)
        parties = [u.code for u in (_unit(ref) for ref in pledge.party_units) if u is not None]
        pledge_services.pledge_create(
            actor=_actor(pledge.officer),
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
        added += 1
    return added
