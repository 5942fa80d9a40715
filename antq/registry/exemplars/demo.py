"""Demo exemplars for `make run`, in the two demo provinces (Hà Tĩnh 42, Khánh Hòa 56), mostly in
the demo communes Thành Sen (18073) and Cam Lâm (22453): collectives and individuals, some
published by a leader. Written through the services as officers and leaders would, so every rule
holds. Idempotent: an exemplar that exists (same name at the same unit) is skipped. Run by the
registry's demo step (`antq.registry.demo`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from antq.registry.demo import demo_actor, demo_unit
from antq.registry.exemplars import services
from antq.registry.exemplars.models import Exemplar
from antq.registry.exemplars.services import ExemplarInput

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


@transaction.atomic
def demo_exemplars() -> None:
    """Seed the demo exemplars that are not there yet."""
    today = timezone.localdate()
    for item in EXEMPLARS:
        unit = demo_unit(item.unit)
        if unit is None or Exemplar.objects.filter(unit=unit, name=item.name).exists():
            continue
        exemplar = services.exemplar_create(
            actor=demo_actor(item.officer),
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
            services.exemplar_publish(
                actor=demo_actor(item.publisher), exemplar_id=exemplar.pk, version=exemplar.version
            )
