"""Reading a festival site's results (the site must be in the actor's area)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from antq.core.actor import Actor
from antq.core.writes import missing
from antq.festivals.models import FestivalSite
from antq.reporting.catalogue.selectors import site_lines
from antq.reporting.results import permissions
from antq.reporting.results.models import SiteResult
from antq.reporting.values import field_name


def site_get(*, actor: Actor, site_id: int) -> FestivalSite:
    site = permissions.sites_with_results_visible_to(actor).select_related("unit", "plan").filter(pk=site_id).first()
    if site is None:
        raise missing(FestivalSite, site_id)
    return site


def site_result_values(*, actor: Actor, site_id: int) -> tuple[FestivalSite, dict[str, Decimal]]:
    """The site and its figures by field ("participants", "items_surrendered.firearms")."""
    site = site_get(actor=actor, site_id=site_id)
    rows = SiteResult.objects.filter(site=site).values_list("indicator__code", "option", "value")
    return site, {field_name((code, option)): value for code, option, value in rows}


def site_results_page(*, actor: Actor, site_id: int) -> dict[str, Any]:
    """A site's results page: one box per figure entered per site, with what is stored."""
    site, stored = site_result_values(actor=actor, site_id=site_id)
    return {
        "site": site,
        "lines": site_lines(site.year),
        "stored": stored,
        "can_enter": permissions.can_enter_results(actor, site),
    }
