"""Who may see and enter a festival site's results: the site's own scope (antq.festivals) — its
officers enter them once the site is held, everyone who sees the site reads them."""

from __future__ import annotations

from django.db.models import QuerySet

from antq.core.actor import Actor
from antq.festivals.models import FestivalSite, SiteState
from antq.festivals.permissions import can_write_site, sites_visible_to


def sites_with_results_visible_to(actor: Actor) -> QuerySet[FestivalSite]:
    return sites_visible_to(actor)


def can_enter_results(actor: Actor, site: FestivalSite) -> bool:
    """An officer of the site's unit, for a site that was not cancelled."""
    return can_write_site(actor, site.unit) and site.state != SiteState.CANCELLED
