from django.http import HttpRequest, HttpResponse
from ninja import Router

from antq.core.api import actor_of
from antq.dashboards.selectors import dashboard_json
from antq.reporting.catalogue.seed import FESTIVAL_FORM
from antq.reporting.reports.schemas import DashboardOut

router = Router(tags=["dashboards"])


@router.get("", response=DashboardOut, summary="Totals, completeness, units one level down and earlier years")
def dashboard(request: HttpRequest, unit: str = "", form: str = FESTIVAL_FORM, period: str = "") -> HttpResponse:
    """Live: a figure saved anywhere below `unit` is in these totals as soon as its request ends.
    The body is cached ready to send (see dashboards.selectors.dashboard_json)."""
    actor = actor_of(request)
    body = dashboard_json(actor=actor, form_code=form, period_key=period, unit_code=unit)
    return HttpResponse(body, content_type="application/json")
