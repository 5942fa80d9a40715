"""Helpers of the reporting tests."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from antq.core.actor import Actor
from antq.festivals.models import FestivalSite, SiteState
from antq.reporting.catalogue.seed import FESTIVAL_FORM
from antq.reporting.models import Report, ReportForm, ReportPeriod
from antq.reporting.reports import services
from antq.reporting.rollups import selectors as rollups
from antq.units.models import Unit

YEAR = "2026"


def held_site(commune: str = "22453") -> FestivalSite:
    site = (
        FestivalSite.objects.filter(commune__code=commune, year=2026, state=SiteState.HELD)
        .order_by("starts_at")
        .first()
    )
    assert site is not None, "the demo season has held sites in Cam Lâm"
    return site


def national(form: ReportForm, code: str, option: str = "") -> Decimal:
    return rollups.rollup_total(
        form=form, period_key=YEAR, unit=Unit.objects.get(code="VN"), indicator=code, option=option
    )


def report_of(period: ReportPeriod, code: str, who: Actor) -> Report:
    return services.report_open(actor=who, form_code=period.form.code, period_key=period.key, unit_code=code)


def csv_file(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


__all__ = ["FESTIVAL_FORM"]
