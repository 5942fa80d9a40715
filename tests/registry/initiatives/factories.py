"""What the initiatives' tests build on: an initiative as entered, a real photo, the demo's camera
initiative in Phường Nha Trang, and the province's roll-up of a half-year movement figure."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.utils import timezone
from PIL import Image

from antq.registry.initiatives.models import Initiative
from antq.registry.initiatives.services import InitiativeInput
from antq.reporting.catalogue.seed import MOVEMENT_FORM
from antq.reporting.models import ReportForm
from antq.reporting.rollups import selectors as report_selectors
from antq.units.models import Unit


def half_year_key(day: dt.date) -> str:
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def province_total(indicator: str, option: str = "", code: str = "56") -> Decimal:
    form = ReportForm.objects.get(code=MOVEMENT_FORM)
    return report_selectors.rollup_total(
        form=form,
        period_key=half_year_key(timezone.localdate()),
        unit=Unit.objects.get(code=code),
        indicator=indicator,
        option=option,
    )


def nha_trang_camera() -> Initiative:
    origin = Initiative.objects.filter(unit__code="22366", type__code="camera").first()
    assert origin is not None, "the demo has a camera initiative in Phường Nha Trang"
    return origin


def png(size: tuple[int, int] = (8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def camera_input(**changes: Any) -> InitiativeInput:
    """A camera initiative of Thôn Tân Hải (22453-0001), started three days ago."""
    data = InitiativeInput(
        type_code="camera",
        unit_code="22453-0001",
        name="Camera an ninh thôn Tân Hải",
        started_on=timezone.localdate() - dt.timedelta(days=3),
        members=6,
        households=120,
        counts={"cameras": 16},
    )
    return replace(data, **changes)
