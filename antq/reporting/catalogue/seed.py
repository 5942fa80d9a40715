"""The seed catalogue: festival and movement indicators named in the sources (FACTS.md) and the two
report forms every province uses. Applied by a data migration through `seed_catalogue`, which is
idempotent and never overwrites what administrators have changed since (matched by code)."""

from __future__ import annotations

from typing import Any

# code, Vietnamese, English, group, measure, aggregation, decimals, per_site, source, headline
INDICATORS: list[tuple[str, str, str, str, str, str, int, bool, str, bool]] = [
    (
        "sites_held",
        "Số điểm tổ chức Ngày hội",
        "Festival sites held",
        "festival",
        "sites",
        "sum",
        0,
        False,
        "sites_held",
        True,
    ),
    ("pilot_sites", "Số điểm chỉ đạo", "Pilot sites held", "festival", "sites", "sum", 0, False, "sites_pilot", False),
    (
        "participants",
        "Số lượt người tham dự Ngày hội",
        "Festival participants",
        "festival",
        "people",
        "sum",
        0,
        True,
        "site_results",
        True,
    ),
    (
        "pledges_signed",
        "Số bản giao ước thi đua được ký kết",
        "Emulation pledges signed",
        "festival",
        "documents",
        "sum",
        0,
        True,
        "site_results",
        False,
    ),
    (
        "commended_collectives",
        "Số tập thể được khen thưởng",
        "Collectives commended",
        "commendation",
        "collectives",
        "sum",
        0,
        True,
        "site_results",
        False,
    ),
    (
        "commended_individuals",
        "Số cá nhân được khen thưởng",
        "Individuals commended",
        "commendation",
        "people",
        "sum",
        0,
        True,
        "site_results",
        False,
    ),
    (
        "outreach_sessions",
        "Số buổi tuyên truyền",
        "Outreach sessions",
        "outreach",
        "sessions",
        "sum",
        0,
        False,
        "",
        True,
    ),
    (
        "outreach_attendees",
        "Số lượt người nghe tuyên truyền",
        "Outreach attendees",
        "outreach",
        "people",
        "sum",
        0,
        False,
        "",
        True,
    ),
    (
        "leaflets",
        "Số tờ rơi, tài liệu tuyên truyền",
        "Leaflets and outreach materials",
        "outreach",
        "copies",
        "sum",
        0,
        False,
        "",
        False,
    ),
    (
        "id_cards_issued",
        "Số người được làm thủ tục cấp căn cước",
        "Citizen ID cards issued",
        "services",
        "people",
        "sum",
        0,
        True,
        "site_results",
        False,
    ),
    (
        "gift_packages",
        "Số suất quà tặng",
        "Gift packages",
        "services",
        "packages",
        "sum",
        0,
        True,
        "site_results",
        True,
    ),
    ("gift_value", "Giá trị quà tặng", "Value of gifts", "services", "vnd", "sum", 0, True, "site_results", True),
    (
        "items_surrendered",
        "Vũ khí, vật liệu nổ, công cụ hỗ trợ thu hồi",
        "Weapons, explosives and support tools surrendered",
        "services",
        "pieces",
        "sum",
        1,
        True,
        "site_results",
        False,
    ),
    (
        "medical_exams",
        "Số người được khám, cấp thuốc miễn phí",
        "Free medical examinations",
        "services",
        "people",
        "sum",
        0,
        True,
        "site_results",
        False,
    ),
    (
        "houses_built",
        "Số nhà được xây mới, sửa chữa",
        "Houses built or repaired",
        "services",
        "houses",
        "sum",
        0,
        True,
        "site_results",
        False,
    ),
    (
        "roads_repaired",
        "Chiều dài đường giao thông được tu sửa",
        "Roads repaired",
        "services",
        "km",
        "sum",
        1,
        True,
        "site_results",
        False,
    ),
    (
        "initiatives_effective",
        "Số mô hình tự quản về ANTT hoạt động hiệu quả",
        "Effective initiatives",
        "movement",
        "units",
        "sum",
        0,
        False,
        "",
        True,
    ),
    (
        "largest_site_participants",
        "Số người tham dự đông nhất tại một điểm",
        "Largest attendance at one site",
        "festival",
        "people",
        "max",
        0,
        False,
        "",
        False,
    ),
    (
        "communes_with_model",
        "Số đơn vị có mô hình điển hình",
        "Units with an exemplary initiative",
        "movement",
        "units",
        "count",
        0,
        False,
        "",
        False,
    ),
]

OPTIONS: dict[str, list[tuple[str, str, str, str]]] = {
    "items_surrendered": [
        ("firearms", "Súng các loại", "Firearms", "pieces"),
        ("rudimentary_weapons", "Vũ khí thô sơ", "Rudimentary weapons", "pieces"),
        ("explosives", "Vật liệu nổ", "Explosives", "kg"),
        ("detonators", "Kíp nổ", "Detonators", "pieces"),
        ("support_tools", "Công cụ hỗ trợ", "Support tools", "pieces"),
    ],
}

# left, operator, right: "left operator right" must hold whenever both are entered.
RULES: list[tuple[str, str, str]] = [
    ("id_cards_issued", "le", "participants"),
    ("medical_exams", "le", "participants"),
    ("pilot_sites", "le", "sites_held"),
    ("largest_site_participants", "le", "participants"),
]

FESTIVAL_FORM = "ket-qua-ngay-hoi"
MOVEMENT_FORM = "phong-trao-6-thang"

FORMS: list[dict[str, Any]] = [
    {
        "code": FESTIVAL_FORM,
        "name": "Báo cáo kết quả tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        "name_en": "Results of the All-People National Security Festival",
        "basis": "Kế hoạch của Ban Chỉ đạo Trung ương; Nghị định 09/2019/NĐ-CP",
        "period_type": "season",
        "reporting_level": "commune",
        "cutoff_days_before_end": 0,
        "commune_deadline_days": 5,
        "province_deadline_days": 10,
        "grace_days": 20,
        "indicators": [
            "sites_held",
            "pilot_sites",
            "participants",
            "largest_site_participants",
            "outreach_sessions",
            "outreach_attendees",
            "leaflets",
            "id_cards_issued",
            "gift_packages",
            "gift_value",
            "items_surrendered",
            "medical_exams",
            "houses_built",
            "roads_repaired",
            "pledges_signed",
            "commended_collectives",
            "commended_individuals",
        ],
    },
    {
        "code": MOVEMENT_FORM,
        "name": "Báo cáo kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc 6 tháng",
        "name_en": "Half-year results of the movement",
        "basis": "Nghị định 09/2019/NĐ-CP; hướng dẫn của Cục V05",
        "period_type": "half_year",
        "reporting_level": "commune",
        "cutoff_days_before_end": 16,
        "commune_deadline_days": 3,
        "province_deadline_days": 7,
        "grace_days": 20,
        "indicators": [
            "outreach_sessions",
            "outreach_attendees",
            "leaflets",
            "initiatives_effective",
            "communes_with_model",
            "commended_collectives",
            "commended_individuals",
        ],
    },
]


def seed_catalogue(apps: Any) -> None:
    Indicator = apps.get_model("reporting", "Indicator")
    IndicatorOption = apps.get_model("reporting", "IndicatorOption")
    IndicatorRule = apps.get_model("reporting", "IndicatorRule")
    ReportForm = apps.get_model("reporting", "ReportForm")
    FormIndicator = apps.get_model("reporting", "FormIndicator")
    by_code = {}
    for position, row in enumerate(INDICATORS):
        code, name, name_en, group, measure, aggregation, decimals, per_site, source, headline = row
        indicator, _created = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "group": group,
                "measure": measure,
                "aggregation": aggregation,
                "decimals": decimals,
                "per_site": per_site,
                "source": source,
                "headline": headline,
                "position": (position + 1) * 10,
                "active_from": 2000,
            },
        )
        by_code[code] = indicator
    for code, options in OPTIONS.items():
        for position, (opt, name, name_en, measure) in enumerate(options):
            IndicatorOption.objects.get_or_create(
                indicator=by_code[code],
                code=opt,
                defaults={"name": name, "name_en": name_en, "measure": measure, "position": position},
            )
    for left, operator, right in RULES:
        IndicatorRule.objects.get_or_create(left=by_code[left], operator=operator, right=by_code[right])
    for spec in FORMS:
        spec = dict(spec)
        codes = spec.pop("indicators")
        form, created = ReportForm.objects.get_or_create(code=spec.pop("code"), defaults=spec)
        if created:
            FormIndicator.objects.bulk_create(
                [FormIndicator(form=form, indicator=by_code[c], position=i) for i, c in enumerate(codes)]
            )


# Indicators fed by the movement registry and commendations (migration 0005; kept apart from
# INDICATORS because migration 0002 runs before the source field could hold their names).
AWARD_FORM_OPTIONS = [
    ("certificate_of_commendation", "Giấy khen", "Certificate of commendation"),
    ("certificate_of_merit", "Bằng khen", "Certificate of merit"),
    ("medal", "Kỷ niệm chương", "Medal"),
    ("emulation_flag", "Cờ thi đua", "Emulation flag"),
]
REGISTRY_INDICATORS: list[tuple[str, str, str, str, str, str, bool]] = [
    # code, Vietnamese, English, group, measure, source, headline
    (
        "initiatives_weak",
        "Số mô hình hoạt động yếu",
        "Weak initiatives",
        "movement",
        "units",
        "initiatives_weak",
        False,
    ),
    (
        "initiatives_replicated",
        "Số mô hình được nhân rộng đang hoạt động hiệu quả",
        "Replicated initiatives working well",
        "movement",
        "units",
        "initiatives_replicated",
        False,
    ),
    (
        "initiatives_by_type",
        "Mô hình hoạt động hiệu quả theo loại",
        "Initiatives working well, by type",
        "movement",
        "units",
        "initiatives_by_type",
        False,
    ),
    (
        "emulation_pledges",
        "Số giao ước thi đua được ký kết trong kỳ",
        "Emulation pledges signed in the period",
        "movement",
        "documents",
        "pledges",
        False,
    ),
    (
        "awards_collective",
        "Số tập thể được khen thưởng theo quyết định",
        "Collectives commended by decision",
        "commendation",
        "collectives",
        "awards_collective",
        True,
    ),
    (
        "awards_individual",
        "Số cá nhân được khen thưởng theo quyết định",
        "Individuals commended by decision",
        "commendation",
        "people",
        "awards_individual",
        True,
    ),
]
# Seeded indicators that the registry now feeds (they were typed by hand before).
REGISTRY_SOURCES = {"initiatives_effective": "initiatives_active", "communes_with_model": "initiatives_active"}


def seed_registry_indicators(apps: Any) -> None:
    Indicator = apps.get_model("reporting", "Indicator")
    IndicatorOption = apps.get_model("reporting", "IndicatorOption")
    ReportForm = apps.get_model("reporting", "ReportForm")
    FormIndicator = apps.get_model("reporting", "FormIndicator")
    InitiativeType = apps.get_model("registry", "InitiativeType")
    for code, source in REGISTRY_SOURCES.items():
        Indicator.objects.filter(code=code, source="").update(source=source)
    base = (Indicator.objects.order_by("-position").values_list("position", flat=True).first() or 0) + 10
    created = []
    for index, (code, name, name_en, group, measure, source, headline) in enumerate(REGISTRY_INDICATORS):
        indicator, was_created = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "group": group,
                "measure": measure,
                "aggregation": "sum",
                "decimals": 0,
                "per_site": False,
                "source": source,
                "headline": headline,
                "position": base + index * 10,
                "active_from": 2000,
            },
        )
        if was_created:
            created.append(indicator)
        if code == "initiatives_by_type":
            for position, kind in enumerate(InitiativeType.objects.order_by("position", "code")):
                IndicatorOption.objects.get_or_create(
                    indicator=indicator,
                    code=kind.code,
                    defaults={"name": kind.name, "name_en": kind.name_en, "measure": measure, "position": position},
                )
        elif code.startswith("awards_"):
            for position, (option, option_name, option_en) in enumerate(AWARD_FORM_OPTIONS):
                IndicatorOption.objects.get_or_create(
                    indicator=indicator,
                    code=option,
                    defaults={"name": option_name, "name_en": option_en, "measure": measure, "position": position},
                )
    form = ReportForm.objects.filter(code=MOVEMENT_FORM).first()
    if form is not None and created:
        start = (
            FormIndicator.objects.filter(form=form).order_by("-position").values_list("position", flat=True).first()
            or 0
        ) + 1
        FormIndicator.objects.bulk_create(
            [FormIndicator(form=form, indicator=indicator, position=start + i) for i, indicator in enumerate(created)],
            ignore_conflicts=True,
        )
