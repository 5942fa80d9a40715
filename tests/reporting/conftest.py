"""What the reporting tests share: the 2026 season with entry kept open around today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest
from django.utils import timezone

from antq.core.actor import Actor
from antq.reporting.catalogue.seed import FESTIVAL_FORM
from antq.reporting.models import ReportForm, ReportPeriod
from antq.reporting.reports import services
from antq.reporting.reports.drafts import period_get_or_create


@pytest.fixture
def period(actor: Callable[[str], Actor]) -> ReportPeriod:
    """The 2026 season, with entry kept open around today (as the Ministry would extend it)."""
    period = period_get_or_create(form=ReportForm.objects.get(code=FESTIVAL_FORM), key="2026")
    closes_on = max(period.closes_on, timezone.localdate() + dt.timedelta(days=30))
    return services.period_update(
        actor=actor("bo.officer"),
        period_id=period.pk,
        version=period.version,
        data=replace(services.PeriodDates.of(period), closes_on=closes_on),
    )
