"""The seed initiative types (the kinds named in the Ministry's reports, FACTS.md and the sources).
Applied by a data migration through `seed_types`: idempotent, never overwrites an administrator's
later changes (matched by code)."""

from __future__ import annotations

from typing import Any

# code, Vietnamese, English, measures (code, Vietnamese, English)
TYPES: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    (
        "camera",
        "Camera bảo đảm ANTT",
        "Cameras for security and order",
        [
            ("cameras", "Số camera", "Cameras"),
            ("connected", "Số camera kết nối với Công an", "Cameras linked to police"),
        ],
    ),
    ("self_managed", "Tổ tự quản về ANTT", "Self-managed security-and-order group", []),
    (
        "safe_school",
        "Trường học an toàn về ANTT",
        "School safe for security and order",
        [("students", "Số học sinh", "Students")],
    ),
    ("clan", "Dòng họ hiếu học, an toàn về ANTT", "Studious clan safe for security and order", []),
    ("veterans", "Hội cựu chiến binh tham gia bảo đảm ANTT", "Veterans' association for security and order", []),
    ("retired_police", "Công an hưu trí tham gia bảo đảm ANTT", "Retired police for security and order", []),
    (
        "heritage_site",
        "Tổ bảo vệ ANTT khu di tích lịch sử cấp Quốc gia",
        "Security team at a national heritage site",
        [("visitors", "Lượt khách mỗi năm", "Visitors a year")],
    ),
]


def seed_types(apps: Any) -> None:
    InitiativeType = apps.get_model("registry", "InitiativeType")
    for position, (code, name, name_en, measures) in enumerate(TYPES):
        InitiativeType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "measures": [{"code": c, "name": n, "name_en": e} for c, n, e in measures],
                "position": (position + 1) * 10,
            },
        )
