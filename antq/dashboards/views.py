"""The dashboard page and the home page: page selectors build what the templates need."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from antq.core.http import Request
from antq.dashboards.selectors import dashboard_page_context, home_areas


def dashboard_page(request: Request) -> HttpResponse:
    """Nation, province or commune: headline figures, completeness, the units one level down
    (table and chart, click to drill down), earlier years. Every figure links to what is behind it."""
    context = dashboard_page_context(
        actor=request.actor,
        unit_code=request.GET.get("unit"),
        form_code=request.GET.get("form") or "",
        period_key=request.GET.get("period") or "",
        indicator=request.GET.get("indicator") or "",
    )
    return render(request, "dashboards/show.html", context)


def home(request: Request) -> HttpResponse:
    """Where an officer lands: their areas and what is under them."""
    return render(request, "dashboards/home.html", {"areas": home_areas(actor=request.actor)})
