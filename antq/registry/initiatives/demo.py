"""Demo initiatives for `make run`: a few in each demo province, working, weak and dissolved, some
replicated from others, with evaluations. Phường Nha Trang's camera initiative is there for Xã
Cam Lâm's officer to replicate (the walk-through in the user guide). Idempotent.
Run by the registry's demo step (`antq.registry.demo`)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from antq.registry.demo import demo_actor
from antq.registry.initiatives import services
from antq.registry.initiatives.models import Initiative, InitiativeStatus
from antq.registry.initiatives.services import InitiativeInput

# unit, type, name, started, members, households, counts, replicated-from (name), later status
DEMO: list[tuple[str, str, str, dt.date, int, int, dict[str, int], str, tuple[str, dt.date, str] | None]] = [
    (
        "22366",
        "camera",
        "Camera an ninh khu phố Phường Nha Trang",
        dt.date(2023, 3, 15),
        18,
        420,
        {"cameras": 64, "connected": 40},
        "",
        None,
    ),
    (
        "22366",
        "self_managed",
        "Tổ tự quản bến xe Phía Nam",
        dt.date(2022, 9, 1),
        12,
        0,
        {},
        "",
        ("weak", dt.date(2025, 12, 20), "Tổ viên chuyển đi, cần kiện toàn"),
    ),
    (
        "22453",
        "veterans",
        "Hội Cựu chiến binh xã Cam Lâm tham gia bảo đảm ANTT",
        dt.date(2021, 5, 10),
        35,
        0,
        {},
        "",
        None,
    ),
    (
        "22453",
        "clan",
        "Dòng họ Nguyễn thôn Tân Hải hiếu học, an toàn về ANTT",
        dt.date(2024, 2, 1),
        60,
        48,
        {},
        "",
        None,
    ),
    (
        "22333",
        "camera",
        "Camera giám sát tuyến đường Trần Phú",
        dt.date(2024, 6, 1),
        10,
        210,
        {"cameras": 22, "connected": 22},
        "Camera an ninh khu phố Phường Nha Trang",
        None,
    ),
    (
        "22420",
        "retired_police",
        "Câu lạc bộ Công an hưu trí Phường Cam Ranh",
        dt.date(2022, 11, 20),
        26,
        0,
        {},
        "",
        None,
    ),
    (
        "18073",
        "camera",
        "Camera bảo đảm ANTT tổ dân phố 3 Thành Sen",
        dt.date(2023, 8, 1),
        9,
        156,
        {"cameras": 30, "connected": 12},
        "",
        None,
    ),
    (
        "18073",
        "safe_school",
        "Trường THPT Phan Đình Phùng an toàn về ANTT",
        dt.date(2022, 9, 5),
        40,
        0,
        {"students": 1350},
        "",
        None,
    ),
    (
        "18133",
        "heritage_site",
        "Tổ bảo vệ ANTT khu di tích Quốc gia chùa Hương Tích",
        dt.date(2021, 1, 15),
        15,
        0,
        {"visitors": 120000},
        "",
        None,
    ),
    (
        "18100",
        "self_managed",
        "Tổ tự quản chợ Hà Tĩnh",
        dt.date(2020, 4, 1),
        8,
        0,
        {},
        "",
        ("dissolved", dt.date(2025, 3, 31), "Chợ giải tỏa, hoạt động sáp nhập vào tổ tự quản khu phố"),
    ),
]


def demo_initiatives() -> None:
    system = demo_actor("bo.administrator")
    with transaction.atomic():
        for unit, type_code, name, started, members, households, counts, origin, later in DEMO:
            if Initiative.objects.filter(name=name).exists():
                continue
            origin_id = Initiative.objects.filter(name=origin).values_list("pk", flat=True).first() if origin else None
            initiative = services.initiative_create(
                actor=system,
                data=InitiativeInput(
                    type_code=type_code,
                    unit_code=unit,
                    name=name,
                    started_on=started,
                    members=members,
                    households=households or None,
                    counts=counts,
                    description="",
                    replicated_from=origin_id,
                ),
            )
            services.initiative_evaluate(
                actor=system,
                initiative_id=initiative.pk,
                version=initiative.version,
                year=2025,
                rating="exemplary" if counts.get("cameras", 0) > 50 else "effective",
                note="Đánh giá cuối năm 2025 của Ban Chỉ đạo.",
            )
            initiative.refresh_from_db()
            if later is not None:
                status, on, note = later
                services.initiative_set_status(
                    actor=system,
                    initiative_id=initiative.pk,
                    version=initiative.version,
                    status=InitiativeStatus(status),
                    on=on,
                    note=note,
                )
