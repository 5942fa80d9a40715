from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from antq.core.actor import Actor
from antq.core.errors import DomainError, NotFound, ValidationFailed
from antq.core.http import Request, render_domain_error
from antq.dashboards.selectors import dashboard, home_areas, movement_today
from antq.reporting.catalogue.seed import FESTIVAL_FORM
from antq.reporting.catalogue.selectors import form_get, form_list
from antq.reporting.reports.periods import current_key, period_label, previous_keys
from antq.reporting.reports.selectors import period_for, unit_for
from antq.units.models import PROVINCE_KINDS


@login_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """Nation, province or commune: headline figures, completeness, the units one level down
    (table and chart, click to drill down), earlier years. Every figure links to what is behind it."""
    actor = Actor.of(request.user)  # type: ignore[arg-type]
    try:
        unit = unit_for(actor, request.GET.get("unit"))
        form = form_get(request.GET.get("form") or FESTIVAL_FORM)
        key = request.GET.get("period") or current_key(form.period_type, timezone.localdate())
        try:
            period = period_for(form, key)
        except ValidationFailed as exc:
            raise NotFound() from exc
    except DomainError as exc:
        return render_domain_error(request, exc)
    data = dashboard(actor=actor, form=form, period=period, unit=unit)
    selected = request.GET.get("indicator") or next((f.line.field for f in data.headline), "")
    chart = {
        "indicator": selected,
        "label": next((f.line.label for f in data.figures if f.line.field == selected), ""),
        "units": [c.unit.name for c in data.children],
        "codes": [c.unit.code for c in data.children],
        "values": [float(c.values.get(selected, 0)) for c in data.children],
        # For the map: each unit's centre and the share of its reports approved (its own for a commune).
        "points": [[c.unit.latitude, c.unit.longitude] if c.unit.latitude is not None else None for c in data.children],
        "approved": [
            (c.completeness.percent_approved if c.completeness else (100 if c.state == "approved" else 0))
            for c in data.children
        ],
        "years": list(data.series.keys()),
        "series": [
            {"label": f.line.label, "values": [float(data.series[k].get(f.line.field, 0)) for k in data.series]}
            for f in data.headline
            if f.line.field in next(iter(data.series.values()), {})
        ][:4],
    }
    ancestors = []
    if unit.level >= 1:
        ancestors.append(unit.province if unit.kind not in PROVINCE_KINDS else None)
    return render(
        request,
        "dashboards/show.html",
        {
            "d": data,
            "unit": unit,
            "form": form,
            "period": period,
            "forms": form_list(),
            "selected": selected,
            "chart": chart,
            "map_tiles": settings.ANTQ_MAP_TILES,
            "periods": [(k, period_label(form.period_type, k)) for k in previous_keys(form.period_type, key, 5)[::-1]],
            "ancestors": [a for a in ancestors if a is not None and actor.covers(a)],
            "children_sorted": sorted(data.children, key=lambda c: -c.values.get(selected, 0)),
            "movement": movement_today(actor=actor, unit=unit, year=period.year),
        },
    )


def home(request: Request) -> HttpResponse:
    """Where an officer lands: their areas and what is under them."""
    return render(request, "dashboards/home.html", {"areas": home_areas(actor=request.actor)})
