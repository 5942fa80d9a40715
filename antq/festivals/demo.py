"""Demo season for `make run`: the 2026 festival from the central plan down to village sites in
the two demo provinces, written through the services (so it obeys every rule a user meets).

Most communes issued their plan and registered sites; a few did not (the progress board shows
them late); pilots come first; most sites were held, many reported, a few cancelled. Seeded from
a fixed random seed, so every machine gets the same season. Idempotent: skipped when the central
plan exists.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from antq.accounts.models import User
from antq.core.actor import Actor
from antq.core.demo import demo_step
from antq.core.documents import in_sentence
from antq.festivals import services as site_services
from antq.festivals.models import FestivalSite, ProgrammeItem, SiteState
from antq.festivals.services import SiteInput
from antq.plans import services
from antq.plans.models import Plan
from antq.plans.services import PlanInput, TaskInput
from antq.units.models import COMMUNE_KINDS, LOCAL_KINDS, NATION_CODE, ORGANISATION_KINDS, Unit

YEAR = 2026
PURPOSES = """Đẩy mạnh công tác tuyên truyền, giáo dục truyền thống yêu nước, nâng cao ý thức, trách nhiệm, tinh thần cảnh giác của cán bộ, đảng viên và Nhân dân trong sự nghiệp bảo vệ an ninh quốc gia, bảo đảm trật tự, an toàn xã hội.
Biểu dương, khen thưởng, nhân rộng những mô hình, tập thể, cá nhân xuất sắc, điển hình tiên tiến trong phong trào toàn dân bảo vệ an ninh Tổ quốc ở cơ sở."""  # noqa: E501
REQUIREMENTS = """Việc tổ chức Ngày hội phải bảo đảm trang trọng, thiết thực, tiết kiệm, có ý nghĩa sâu sắc, hướng về cơ sở, thu hút đông đảo Nhân dân tham gia.
- Tổ chức điểm trước, rút kinh nghiệm, sau đó triển khai diện rộng;
- Gắn Ngày hội với các hoạt động phục vụ Nhân dân: làm căn cước, thu hồi vũ khí, vật liệu nổ, công cụ hỗ trợ, khám chữa bệnh miễn phí."""  # noqa: E501
CONTENTS = """Phần lễ: khai mạc, ôn lại truyền thống phong trào, báo cáo kết quả, biểu dương khen thưởng, ký kết giao ước thi đua.
Phần hội: các hoạt động văn hóa, văn nghệ, thể dục thể thao, trò chơi dân gian, diễn đàn, hội thi tìm hiểu pháp luật.
- Các hoạt động tiến tới Ngày hội: tuyên truyền, thăm hỏi, tặng quà gia đình chính sách, hộ nghèo;
- Xây dựng, sửa chữa nhà cho hộ khó khăn, sửa chữa đường giao thông nông thôn."""  # noqa: E501
ORGANISATION = """Công an cấp tỉnh là cơ quan thường trực, tham mưu tổ chức thực hiện Kế hoạch; các cơ quan, đơn vị, địa phương chủ động phối hợp triển khai.
Kết quả tổ chức Ngày hội báo cáo về cơ quan thường trực trước ngày 25/8."""  # noqa: E501
CENTRAL_RECIPIENTS = """Đồng chí Bộ trưởng (để báo cáo);
Các đồng chí Thứ trưởng;
Ban Chỉ đạo 138 các tỉnh, thành phố;
Lưu: VT, V05."""
# Who signs the communes' plans (a numbered plan names its signer).
COMMUNE_SIGNERS = ("Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Văn Tâm", "Phạm Minh Tuấn", "Võ Thị Hoa", "Đặng Văn Phúc")
VENUES = ("Nhà văn hóa", "Hội trường", "Sân vận động", "Trường tiểu học", "Sân nhà văn hóa")
PROGRAMME_POOL = [item.value for item in ProgrammeItem]


def _actor(username: str) -> Actor:
    return Actor.of(User.objects.get(username=username))


def _plan(
    actor: Actor,
    issuer: str,
    parent: Plan | None,
    number: str,
    issued: dt.date,
    window: tuple[dt.date, dt.date],
    title: str,
    **extra: object,
) -> Plan:
    data = PlanInput(
        year=YEAR,
        title=title,
        window_start=window[0],
        window_end=window[1],
        parent_plan_id=parent.pk if parent else None,
        purposes=PURPOSES,
        requirements=REQUIREMENTS,
        contents=CONTENTS,
        organisation=ORGANISATION,
        **extra,  # type: ignore[arg-type]
    )
    plan = services.plan_create(actor=actor, issuer_code=issuer, data=data)
    return services.plan_issue(actor=actor, plan_id=plan.pk, version=plan.version, number=number, issued_on=issued)


def _task(actor: Actor, plan: Plan, description: str, due_on: dt.date, reason: str) -> Plan:
    """Add a task to a plan in force (an amendment); the plan as it is afterwards."""
    plan.refresh_from_db()
    services.task_add(
        actor=actor,
        plan_id=plan.pk,
        version=plan.version,
        data=TaskInput(description=description, due_on=due_on),
        reason=reason,
    )
    plan.refresh_from_db()
    return plan


@transaction.atomic
@demo_step
def demo_season() -> None:
    """Seed the 2026 season; nothing when it already exists."""
    if Plan.objects.filter(issuer__code=NATION_CODE, year=YEAR).exists():
        return
    rng = random.Random(YEAR)
    ministry = _actor("bo.officer")
    central = _plan(
        ministry,
        NATION_CODE,
        None,
        "215",
        dt.date(YEAR, 4, 2),
        (dt.date(YEAR, 7, 1), dt.date(YEAR, 8, 19)),
        f"Tổ chức “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” năm {YEAR}",
        target_sites_per_commune=1,
        target_pilot_sites=34,
        lower_plan_due_on=dt.date(YEAR, 5, 31),
        site_registration_due_on=dt.date(YEAR, 6, 30),
        recipients=CENTRAL_RECIPIENTS,
        signer_name="Nguyễn Văn Long",
    )
    central = _task(
        ministry,
        central,
        "Ban hành kế hoạch tổ chức Ngày hội cấp tỉnh",
        dt.date(YEAR, 5, 31),
        "Bổ sung nhiệm vụ cho Ban Chỉ đạo cấp tỉnh",
    )
    task = central.tasks.get()
    central = _task(
        ministry,
        central,
        "Báo cáo kết quả tổ chức Ngày hội về Bộ Công an (qua Cục V05)",
        dt.date(YEAR, 8, 31),
        "Bổ sung nhiệm vụ báo cáo",
    )
    provinces = {
        "42": ("hatinh", "4120", dt.date(YEAR, 5, 6), (dt.date(YEAR, 7, 7), dt.date(YEAR, 8, 19)), "Trần Minh Đức"),
        "56": ("khanhhoa", "5102", dt.date(YEAR, 5, 13), (dt.date(YEAR, 7, 1), dt.date(YEAR, 8, 15)), "Lê Hoàng Nam"),
    }
    for code, (prefix, number, issued, window, signer) in provinces.items():
        officer = _actor(f"{prefix}.officer")
        province_plan = _plan(
            officer,
            code,
            central,
            number,
            issued,
            window,
            f"Tổ chức “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” năm {YEAR}",
            target_sites_per_commune=1,
            target_pilot_sites=3,
            lower_plan_due_on=dt.date(YEAR, 6, 10),
            site_registration_due_on=dt.date(YEAR, 6, 30),
            signer_name=signer,
            basis_documents=f"Kế hoạch số 566/KH-BCĐ ngày 15/01/{YEAR} của Ban Chỉ đạo 138 tỉnh",
            recipients="Ban Chỉ đạo Trung ương (để báo cáo);\nBan Chỉ đạo 138 các xã, phường;\nLưu: VT, PV05.",
        )
        services.task_complete(actor=officer, plan_id=central.pk, task_id=task.pk, unit_code=code, done_on=issued)
        for description, due in (
            ("Ban hành kế hoạch tổ chức Ngày hội cấp xã", dt.date(YEAR, 6, 10)),
            ("Đăng ký điểm tổ chức Ngày hội, lựa chọn điểm chỉ đạo", dt.date(YEAR, 6, 30)),
        ):
            province_plan = _task(officer, province_plan, description, due, "Phân công nhiệm vụ cho cấp xã")
        _communes(rng, officer, ministry, province_plan)


def _communes(rng: random.Random, officer: Actor, ministry: Actor, province_plan: Plan) -> None:
    communes = list(
        Unit.objects.filter(province=province_plan.issuer, kind__in=COMMUNE_KINDS, closed_on__isnull=True).order_by(
            "code"
        )
    )
    tasks = list(province_plan.tasks.order_by("position"))
    demo_communes = {"18073", "22453"}
    ministry_pilot_done = False
    for index, commune in enumerate(communes):
        has_plan = commune.code in demo_communes or rng.random() < 0.85
        if not has_plan:
            continue
        issued = dt.date(YEAR, 5, 20) + dt.timedelta(days=rng.randint(0, 30))
        plan = _plan(
            officer,
            commune.code,
            province_plan,
            str(rng.randint(10, 250)),
            issued,
            (province_plan.window_start, province_plan.window_end),
            f"Tổ chức “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” năm {YEAR} trên địa bàn {in_sentence(commune.name)}",
            target_sites=rng.randint(1, 4),
            recipients="Ban Chỉ đạo 138 tỉnh (để báo cáo);\nLưu: VT.",
            signer_name=COMMUNE_SIGNERS[index % len(COMMUNE_SIGNERS)],
        )
        for task in tasks:
            if rng.random() < 0.9:
                services.task_complete(
                    actor=officer,
                    plan_id=province_plan.pk,
                    task_id=task.pk,
                    unit_code=commune.code,
                    done_on=min(task.due_on, issued + dt.timedelta(days=3)),
                )
        below = list(
            Unit.objects.filter(commune=commune, kind__in=LOCAL_KINDS | ORGANISATION_KINDS, closed_on__isnull=True)
        )
        organisers = [commune, *below]
        if commune.code not in demo_communes and rng.random() < 0.1:
            continue  # a commune that issued its plan but registered no site: late on the board
        rows: list[SiteInput] = []
        # Without villages on record, a commune holds its sites itself, in several hamlets.
        organisers = organisers if below else [commune] * rng.randint(1, 4)
        for unit_index, unit in enumerate(organisers):
            day = plan.window_start + dt.timedelta(days=rng.randint(5, (plan.window_end - plan.window_start).days))
            tier = ""
            if unit_index == 0 and index % 9 == 0:
                tier = "province"
            rows.append(
                SiteInput(
                    unit_code=unit.code,
                    date=day,
                    start_time=dt.time(rng.choice((7, 8, 14, 19)), rng.choice((0, 30))),
                    venue=f"{rng.choice(VENUES)} {unit.name}"
                    if unit_index == 0 or below
                    else f"{rng.choice(VENUES)} khu dân cư số {unit_index + 1}, {unit.name}",
                    pilot_tier=tier,
                    programme=rng.sample(PROGRAMME_POOL, rng.randint(4, 9)),
                    expected_participants=rng.randint(150, 900),
                    invited_leaders="Lãnh đạo Công an tỉnh; Thường trực Đảng ủy, UBND xã" if tier else "",
                )
            )
        result = site_services.sites_bulk_create(actor=officer, plan_id=plan.pk, rows=rows)
        assert result.ok, result.problems
        if not ministry_pilot_done:
            pilot = site_services.site_create(
                actor=ministry,
                plan_id=plan.pk,
                data=SiteInput(
                    unit_code=commune.code,
                    date=plan.window_start + dt.timedelta(days=3),
                    start_time=dt.time(7, 30),
                    venue=f"Trung tâm văn hóa {commune.name}",
                    pilot_tier="ministry",
                    programme=PROGRAMME_POOL[:12],
                    expected_participants=1500,
                    invited_leaders="Lãnh đạo Bộ Công an; Lãnh đạo Tỉnh ủy, UBND tỉnh",
                ),
            )
            result.created.append(pilot)
            ministry_pilot_done = True
        for site in result.created:
            _advance(rng, officer, site)


def _advance(rng: random.Random, officer: Actor, site: FestivalSite) -> None:
    roll = rng.random()
    if roll < 0.04:
        site_services.site_transition(
            actor=officer,
            site_id=site.pk,
            version=site.version,
            to=SiteState.CANCELLED,
            reason="Mưa bão, dời sang tổ chức chung với điểm của xã",
        )
        return
    if roll < 0.10:
        return  # still "planned": the commune never updated it
    for state in (SiteState.CONFIRMED, SiteState.HELD, SiteState.REPORTED):
        site = site_services.site_transition(actor=officer, site_id=site.pk, version=site.version, to=state)
        if state == SiteState.HELD and roll >= 0.55:
            return
