"""Reading festival sites: one site, filtered listings (for the list, calendar, map and exports),
and the calendar grid. Every function takes the actor; missing and forbidden look the same."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import NotFound
from antq.core.text import normalise_search
from antq.core.tree import subtree_q
from antq.festivals.models import FestivalSite, SiteProgrammeItem
from antq.festivals.permissions import sites_visible_to
from antq.units.models import Unit


@dataclass
class SiteFilter:
    year: int | None = None
    plan_id: int | None = None
    unit_code: str = ""  # the unit and everything below it
    pilot_tier: str | None = None  # "" = wide rollout only; None = any
    state: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    query: str = ""


def site_get(*, actor: Actor, site_id: int) -> FestivalSite:
    site = (
        sites_visible_to(actor)
        .select_related("unit", "unit__commune", "unit__province", "plan", "plan__issuer", "province", "commune")
        .prefetch_related("programme")
        .filter(pk=site_id)
        .first()
    )
    if site is None:
        raise NotFound(_("Festival site %(id)s does not exist or is outside your area.") % {"id": site_id})
    return site


def _local_day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def site_list(*, actor: Actor, filters: SiteFilter | None = None) -> QuerySet[FestivalSite]:
    filters = filters or SiteFilter()
    sites = sites_visible_to(actor)
    if filters.year:
        sites = sites.filter(year=filters.year)
    if filters.plan_id:
        sites = sites.filter(plan_id=filters.plan_id)
    if filters.unit_code:
        unit = Unit.objects.filter(code=filters.unit_code).only("path").first()
        sites = sites.filter(subtree_q(unit.path, "unit__path")) if unit else sites.none()
    if filters.pilot_tier is not None:
        sites = sites.filter(pilot_tier=filters.pilot_tier)
    if filters.state:
        sites = sites.filter(state=filters.state)
    if filters.date_from:
        sites = sites.filter(starts_at__gte=_local_day_start(filters.date_from))
    if filters.date_to:
        sites = sites.filter(starts_at__lt=_local_day_start(filters.date_to + dt.timedelta(days=1)))
    folded = normalise_search(filters.query)
    if folded:
        units = Unit.objects.filter(search_text__contains=folded).values("pk")
        sites = sites.filter(unit__in=units) | sites.filter(name__icontains=filters.query.strip())
    return sites.select_related("unit", "province", "commune", "plan").order_by("starts_at", "pk")


def with_programme(sites: QuerySet[FestivalSite]) -> QuerySet[FestivalSite]:
    return sites.prefetch_related(Prefetch("programme", queryset=SiteProgrammeItem.objects.order_by("item")))


@dataclass
class CalendarDay:
    day: dt.date
    in_month: bool
    sites: list[FestivalSite] = field(default_factory=list)
    more: int = 0


@dataclass
class CalendarView:
    mode: str  # "month" or "week"
    anchor: dt.date
    weeks: list[list[CalendarDay]]
    previous: dt.date
    next: dt.date
    total: int


CALENDAR_DAY_LIMIT = 6


def site_calendar(*, actor: Actor, filters: SiteFilter, mode: str, anchor: dt.date) -> CalendarView:
    """Sites of a month (weeks Monday-first, as Vietnamese calendars) or of one week. A day shows
    at most a few sites in the month view and says how many more there are."""
    if mode == "week":
        first = anchor - dt.timedelta(days=anchor.weekday())
        last = first + dt.timedelta(days=6)
        previous, following = first - dt.timedelta(days=7), first + dt.timedelta(days=7)
    else:
        mode = "month"
        anchor = anchor.replace(day=1)
        month_days = calendar.monthrange(anchor.year, anchor.month)[1]
        first = anchor - dt.timedelta(days=anchor.weekday())
        end_of_month = anchor.replace(day=month_days)
        last = end_of_month + dt.timedelta(days=6 - end_of_month.weekday())
        previous = (anchor - dt.timedelta(days=1)).replace(day=1)
        following = end_of_month + dt.timedelta(days=1)
    scoped = SiteFilter(**{**filters.__dict__, "date_from": first, "date_to": last})
    days: dict[dt.date, CalendarDay] = {}
    cursor = first
    while cursor <= last:
        days[cursor] = CalendarDay(day=cursor, in_month=mode == "week" or cursor.month == anchor.month)
        cursor += dt.timedelta(days=1)
    limit = CALENDAR_DAY_LIMIT if mode == "month" else 200
    total = 0
    for site in site_list(actor=actor, filters=scoped).iterator(chunk_size=1000):
        total += 1
        day = days.get(timezone.localtime(site.starts_at).date())
        if day is None:
            continue
        if len(day.sites) < limit:
            day.sites.append(site)
        else:
            day.more += 1
    ordered = list(days.values())
    weeks = [ordered[i : i + 7] for i in range(0, len(ordered), 7)]
    return CalendarView(mode=mode, anchor=anchor, weeks=weeks, previous=previous, next=following, total=total)


def site_features(*, actor: Actor, filters: SiteFilter, limit: int = 20000) -> dict[str, Any]:
    """GeoJSON FeatureCollection of the sites with coordinates, for the map."""
    rows = (
        site_list(actor=actor, filters=filters)
        .exclude(latitude__isnull=True)
        .values_list("pk", "name", "state", "pilot_tier", "starts_at", "latitude", "longitude", "unit__name")[:limit]
    )
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "id": pk,
                "name": name,
                "state": state,
                "pilot_tier": tier,
                "date": timezone.localtime(starts).strftime("%d/%m/%Y %H:%M"),
                "unit": unit_name,
            },
        }
        for pk, name, state, tier, starts, lat, lon, unit_name in rows
    ]
    return {"type": "FeatureCollection", "features": features}
