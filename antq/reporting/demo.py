"""Demo results for the 2026 season, entered through the services as officers would: results of
the held sites of Hà Tĩnh and Khánh Hòa, commune reports (most submitted, most approved, two
returned, some late or missing), Hà Tĩnh's province report sent up naming the missing communes
and approved by the Ministry. Cam Lâm (22453) is left for a new user to try: its sites are held,
nothing is entered yet.

Entry for the season is extended by the Ministry to 60 days from today (so the demo works on any
date), and submission times are then set back into August, as they would have been."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import replace

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from antq.accounts.models import User
from antq.core.actor import Actor
from antq.core.demo import demo_step
from antq.festivals.models import FestivalSite, SiteState
from antq.reporting.catalogue.seed import FESTIVAL_FORM
from antq.reporting.files.imports import values_import
from antq.reporting.models import Report, ReportForm, ReportPeriod
from antq.reporting.reports import services
from antq.reporting.reports.drafts import period_get_or_create
from antq.reporting.reports.selectors import children_not_approved
from antq.reporting.results.services import site_results_save
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

YEAR = 2026
PROVINCES = ("42", "56")
LEFT_FOR_THE_USER = {"22453"}
RETURN_REASONS = [
    "Số người được làm thủ tục cấp căn cước chưa khớp với báo cáo của Đội Cảnh sát QLHC; đề nghị rà soát lại.",
    "Thiếu số liệu tuyên truyền tại các trường học; đề nghị bổ sung và gửi lại trước ngày 05/9.",
]


def _actor(username: str) -> Actor:
    return Actor.of(User.objects.get(username=username))


def _site_figures(rng: random.Random, site: FestivalSite) -> dict[str, object]:
    people = rng.randint(150, 1400) if not site.pilot_tier else rng.randint(900, 2500)
    values: dict[str, object] = {
        "participants": people,
        "pledges_signed": rng.randint(1, 6),
        "gift_packages": rng.randint(5, 60),
        "id_cards_issued": rng.randint(0, min(60, people // 5)),
        "medical_exams": rng.randint(0, min(200, people // 3)),
        "commended_collectives": rng.randint(0, 3),
        "commended_individuals": rng.randint(0, 6),
    }
    values["gift_value"] = int(values["gift_packages"]) * rng.choice((300_000, 500_000, 1_000_000))  # type: ignore[call-overload]
    if rng.random() < 0.3:
        values["houses_built"] = rng.randint(1, 2)
    if rng.random() < 0.25:
        values["roads_repaired"] = f"{rng.randint(2, 25) / 10:.1f}".replace(".", ",")
    if rng.random() < 0.35:
        values["items_surrendered.rudimentary_weapons"] = rng.randint(1, 12)
        values["items_surrendered.support_tools"] = rng.randint(0, 4)
        if rng.random() < 0.3:
            values["items_surrendered.firearms"] = rng.randint(1, 3)
            values["items_surrendered.explosives"] = f"{rng.randint(1, 30) / 10:.1f}".replace(".", ",")
            values["items_surrendered.detonators"] = rng.randint(0, 10)
    return values


@transaction.atomic
@demo_step
def demo_reporting() -> None:
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    period = period_get_or_create(form=form, key=str(YEAR))
    if Report.objects.filter(period=period).exists():
        return
    rng = random.Random(YEAR * 7)
    ministry = _actor("bo.officer")
    closes_on = max(period.closes_on, timezone.localdate() + dt.timedelta(days=60))
    period = services.period_update(
        actor=ministry,
        period_id=period.pk,
        version=period.version,
        data=replace(services.PeriodDates.of(period), closes_on=closes_on),
    )
    for code in PROVINCES:
        officer = _actor({"42": "hatinh.officer", "56": "khanhhoa.officer"}[code])
        sites = (
            FestivalSite.objects.filter(province__code=code, year=YEAR, state__in=[SiteState.HELD, SiteState.REPORTED])
            .exclude(commune__code__in=LEFT_FOR_THE_USER)
            .order_by("pk")
        )
        largest: dict[int, int] = {}
        for site in sites:
            figures = _site_figures(rng, site)
            site_results_save(actor=officer, site_id=site.pk, version=site.version, values=figures)
            if site.commune_id:
                largest[site.commune_id] = max(largest.get(site.commune_id, 0), int(figures["participants"]))  # type: ignore[call-overload]
        _reports(rng, period, code, officer, ministry, largest)
    demo_history(ministry)


# 2022 national figures from the Ministry's summary (FACTS.md, sources/001); later seasons grow a
# little. Earlier seasons are filed under today's 34 provinces (re-keyed after the 2025 merger).
HISTORY_2022 = {
    "sites_held": 5_813,
    "participants": 2_950_000,
    "outreach_sessions": 45_592,
    "outreach_attendees": 12_780_000,
    "leaflets": 300_000,
    "gift_packages": 35_000,
    "gift_value": 35_000_000_000,
    "id_cards_issued": 61_000,
    "medical_exams": 84_000,
}
HISTORY_HA_TINH_2022 = {"sites_held": 1_407, "participants": 84_000}
HISTORY_GROWTH = {2022: 1.0, 2023: 1.05, 2024: 1.09, 2025: 1.14}


def _share(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Split `total` in proportion to `weights` with whole numbers that add up exactly."""
    whole = sum(weights.values())
    raw = {k: total * w / whole for k, w in weights.items()}
    parts = {k: int(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - parts[k], reverse=True)[: total - sum(parts.values())]:
        parts[k] += 1
    return parts


def demo_history(ministry: Actor) -> None:
    """Seasons 2022-2025 for every province, loaded through the import as the Ministry would load
    figures collected before ANTQ (historical import: recorded as approved)."""
    provinces = list(Unit.objects.filter(kind__in=PROVINCE_KINDS, closed_on__isnull=True).order_by("code"))
    communes = dict(
        Unit.objects.filter(kind__in=COMMUNE_KINDS, closed_on__isnull=True)
        .values_list("province__code")
        .annotate(n=Count("id"))
        .values_list("province__code", "n")
    )
    codes = list(HISTORY_2022)
    for year, growth in HISTORY_GROWTH.items():
        rng = random.Random(year)
        weights = {p.code: communes.get(p.code, 1) * rng.uniform(0.8, 1.2) for p in provinces}
        columns: dict[str, dict[str, int]] = {}
        for code in codes:
            noise = 1.0 if year == 2022 else rng.uniform(0.97, 1.03)  # 2022 reproduces the published figures
            total = round(HISTORY_2022[code] * growth * noise)
            fixed = {"42": round(HISTORY_HA_TINH_2022[code] * growth)} if code in HISTORY_HA_TINH_2022 else {}
            rest = _share(total - sum(fixed.values()), {k: w for k, w in weights.items() if k not in fixed})
            columns[code] = {**rest, **fixed}
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["Mã đơn vị", "Tên đơn vị", *(f"[{code}]" for code in codes)])
        for p in provinces:
            writer.writerow([p.code, p.name, *(columns[code][p.code] for code in codes)])
        result = values_import(
            actor=ministry,
            form_code=FESTIVAL_FORM,
            period_key=str(year),
            unit_code="VN",
            filename=f"tong-hop-ngay-hoi-{year}.csv",
            data=out.getvalue().encode("utf-8"),
            dry_run=False,
        )
        if not result.ok:
            raise RuntimeError(f"Demo history {year}: {result.problems[:3]}")


def _reports(
    rng: random.Random, period: ReportPeriod, code: str, officer: Actor, ministry: Actor, largest: dict[int, int]
) -> None:
    communes = list(
        Unit.objects.filter(province__code=code, kind__in=COMMUNE_KINDS, closed_on__isnull=True)
        .exclude(code__in=LEFT_FOR_THE_USER)
        .order_by("code")
    )
    returned = 0
    deadline = period.commune_deadline
    for commune in communes:
        if rng.random() < 0.08:
            continue  # never started: missing
        report = services.report_open(
            actor=officer, form_code=FESTIVAL_FORM, period_key=period.key, unit_code=commune.code
        )
        sessions = rng.randint(2, 24)
        values: dict[str, object] = {
            "outreach_sessions": sessions,
            "outreach_attendees": sessions * rng.randint(40, 220),
            "leaflets": rng.randint(1, 40) * 100,
        }
        if commune.pk in largest:
            values["largest_site_participants"] = largest[commune.pk]
        report = services.report_save(actor=officer, report_id=report.pk, version=report.version, values=values)
        if rng.random() < 0.08:
            continue  # a draft that was never sent
        report = services.report_submit(actor=officer, report_id=report.pk, version=report.version, fill_zero=True)
        sent = dt.datetime.combine(
            deadline + dt.timedelta(days=rng.choice((-5, -4, -3, -2, -1, 0, 0, 1, 3, 6))), dt.time(rng.randint(7, 17))
        )
        sent_at = timezone.make_aware(sent)
        Report.objects.filter(pk=report.pk).update(
            submitted_at=sent_at, first_submitted_at=sent_at, on_time=sent.date() <= deadline
        )
        if code == "56" and returned < 2 and rng.random() < 0.15:
            services.report_return(
                actor=officer, report_id=report.pk, version=report.version, reason=RETURN_REASONS[returned]
            )
            returned += 1
            continue
        if code == "56" and rng.random() < 0.15:
            continue  # waiting for the province
        services.report_approve(actor=officer, report_id=report.pk, version=report.version)
    if code == "42":
        report = services.report_open(actor=officer, form_code=FESTIVAL_FORM, period_key=period.key, unit_code=code)
        report = services.report_save(
            actor=officer,
            report_id=report.pk,
            version=report.version,
            values={"outreach_sessions": 36, "outreach_attendees": 5400, "leaflets": 12000},
        )
        missing = [u.code for u in children_not_approved(report)]
        report = services.report_submit(
            actor=officer, report_id=report.pk, version=report.version, fill_zero=True, missing=missing
        )
        services.report_approve(actor=ministry, report_id=report.pk, version=report.version)
