"""Moving a village takes its records along: the initiatives, exemplars and emulation pledges kept
at Thôn Văn Thủy (22453-0003, Xã Cam Lâm) are re-keyed when the village is moved under Phường Bắc
Nha Trang (22333) through the units API — the registry's counts, the dashboard's "movement today"
card and the draft half-year reports of both communes follow in the same request.

Without the re-keying (`rekey_placed` in antq.units.services) the records would keep Cam Lâm's
keys: Cam Lâm would go on counting them and Bắc Nha Trang would never see them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from antq.core.actor import Actor
from antq.dashboards.selectors import movement_today
from antq.registry.exemplars import services as exemplar_services
from antq.registry.exemplars.models import Exemplar
from antq.registry.exemplars.services import ExemplarInput
from antq.registry.initiatives import services as initiative_services
from antq.registry.initiatives.models import Initiative
from antq.registry.pledges import services as pledge_services
from antq.registry.pledges.models import EmulationPledge
from antq.registry.pledges.services import PledgeInput
from antq.reporting.catalogue.seed import MOVEMENT_FORM
from antq.reporting.catalogue.selectors import form_lines
from antq.reporting.models import Report, ReportValue
from antq.reporting.reports import services as report_services
from antq.reporting.reports.drafts import prefill_for
from antq.units.models import Unit
from tests.registry.initiatives.factories import camera_input, half_year_key

pytestmark = pytest.mark.django_db

VILLAGE, OLD, NEW = "22453-0003", "22453", "22333"
FIGURES = (("initiatives_effective", ""), ("initiatives_by_type", "camera"), ("emulation_pledges", ""))


@dataclass(frozen=True)
class Seen:
    """What one commune shows of the registry: its counts, its dashboard card, its draft report."""

    active: int
    cameras: int
    card_initiatives: int
    card_pledges: int
    card_exemplars: int
    report: dict[tuple[str, str], Decimal]
    prefill: dict[tuple[str, str], Decimal]


def _draft(actor: Actor, code: str) -> Report:
    key = half_year_key(timezone.localdate())
    return report_services.report_open(actor=actor, form_code=MOVEMENT_FORM, period_key=key, unit_code=code)


def _seen(api: Client, actor: Actor, report: Report) -> Seen:
    unit = report.unit
    counts = api.get("/api/registry/counts", {"unit": unit.code}).json()["total"]
    card = movement_today(actor=actor, unit=unit, year=timezone.localdate().year)
    values = ReportValue.objects.filter(report=report).select_related("indicator")
    stored = {(v.indicator.code, v.option): v.value for v in values}
    lines = form_lines(report.period.form, report.period.year)
    prefill = prefill_for(report, lines)
    return Seen(
        active=counts["active"],
        cameras=counts["by_type"].get("camera", 0),
        card_initiatives=card.initiatives.active,
        card_pledges=card.pledges,
        card_exemplars=card.exemplars,
        report={key: stored.get(key, Decimal(0)) for key in FIGURES},
        prefill={key: prefill.get(key, Decimal(0)) for key in FIGURES},
    )


def _shifted(seen: Seen, by: int) -> Seen:
    return Seen(
        active=seen.active + by,
        cameras=seen.cameras + by,
        card_initiatives=seen.card_initiatives + by,
        card_pledges=seen.card_pledges + by,
        card_exemplars=seen.card_exemplars + by,
        report={key: value + by for key, value in seen.report.items()},
        prefill={key: value + by for key, value in seen.prefill.items()},
    )


def test_moving_a_village_moves_its_records_to_the_new_communes_counts_card_and_reports(
    api_as: Callable[[str], Client], actor: Callable[[str], Actor]
) -> None:
    officer = actor("khanhhoa.officer")  # an officer of the province covers both communes
    village = Unit.objects.get(code=VILLAGE)
    assert village.name == "Thôn Văn Thủy" and village.commune is not None and village.commune.code == OLD
    Exemplar.objects.filter(unit=village).delete()  # the demo's: this test counts its own records
    year = timezone.localdate().year
    initiative = initiative_services.initiative_create(
        actor=officer, data=camera_input(unit_code=VILLAGE, name="Camera an ninh thôn Văn Thủy")
    )
    pledge = pledge_services.pledge_create(
        actor=officer,
        data=PledgeInput(
            unit_code=VILLAGE, signed_on=timezone.localdate(), title="Giao ước thôn Văn Thủy", content="Nội dung."
        ),
    )
    exemplar = exemplar_services.exemplar_create(
        actor=officer,
        data=ExemplarInput(
            unit_code=VILLAGE,
            kind="individual",
            category="good_deed",
            name="Bà Phạm Thị Hoa",
            year=year,
            summary="Hòa giải thành 17 vụ mâu thuẫn.",
            story="Tổ trưởng Tổ hòa giải thôn Văn Thủy.",
        ),
    )
    api = api_as("khanhhoa.officer")
    reports = {code: _draft(officer, code) for code in (OLD, NEW)}
    before = {code: _seen(api, officer, report) for code, report in reports.items()}
    assert before[OLD].report == before[OLD].prefill, "the old commune's draft counts the village's records"

    moved = api.post(
        f"/api/units/{VILLAGE}/move", {"new_parent": NEW, "version": village.version}, content_type="application/json"
    )
    assert moved.status_code == 200, moved.content

    after = {code: _seen(api, officer, report) for code, report in reports.items()}
    assert after[OLD] == _shifted(before[OLD], -1)
    assert after[NEW] == _shifted(before[NEW], +1)
    for record in (Initiative, EmulationPledge, Exemplar):
        place = record.objects.filter(unit=village).values_list("province__code", "commune__code").distinct()
        assert list(place) == [("56", NEW)], record
    # The records themselves are untouched but for their keys.
    initiative.refresh_from_db()
    pledge.refresh_from_db()
    exemplar.refresh_from_db()
    assert (initiative.version, pledge.version, exemplar.version) == (1, 1, 1)
