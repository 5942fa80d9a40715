from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from antq.core.api import actor_of
from antq.dashboards.selectors import dashboard_data
from antq.reporting import selectors as rs
from antq.reporting.catalogue import FESTIVAL_FORM
from antq.reporting.periods import current_key
from antq.reporting.schemas import DashboardOut

router = Router(tags=["dashboards"])


@router.get("", response=DashboardOut, summary="Totals, completeness, units one level down and earlier years")
def dashboard(request: HttpRequest, unit: str = "", form: str = FESTIVAL_FORM, period: str = "") -> dict[str, Any]:
    """Live: a figure saved anywhere below `unit` is in these totals as soon as its request ends."""
    actor = actor_of(request)
    place = rs.unit_for(actor, unit)
    report_form = rs.form_get(form)
    key = period or current_key(report_form.period_type, timezone.localdate())
    return dashboard_data(actor=actor, form=report_form, period=rs.period_for(report_form, key), unit=place)
