"""Reading festival sites: one site, filtered listings (for the list, calendar, map and exports),
the calendar grid, the plans sites are registered under, and what each page shows. Every
function takes the actor; missing and outside the actor's area look the same (404)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import Forbidden, ValidationFailed
from antq.core.text import normalise_search
from antq.core.tree import subtree_q
from antq.core.writes import missing
from antq.festivals import permissions
from antq.festivals.models import SITE_TRANSITIONS, FestivalSite, SiteProgrammeItem, SiteState
from antq.festivals.permissions import sites_visible_to
from antq.plans.models import IN_FORCE_STATES, Plan, PlanQuerySet
from antq.plans.permissions import plans_visible_to
from antq.units.models import COMMUNE_KINDS, LOCAL_KINDS, ORGANISATION_KINDS, Unit


@dataclass(frozen=True)
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
        raise missing(FestivalSite, site_id)
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
        # The organiser, its commune or its province ("ha tinh" finds every site in Hà Tĩnh), or
        # the site's own name or venue as typed.
        units = Unit.objects.filter(search_text__contains=folded).values("pk")
        typed = filters.query.strip()
        sites = sites.filter(
            Q(unit__in=units)
            | Q(commune__in=units)
            | Q(province__in=units)
            | Q(name__icontains=typed)
            | Q(venue__icontains=typed)
        )
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
    scoped = replace(filters, date_from=first, date_to=last)
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


def plan_for_sites(*, actor: Actor, plan_id: int) -> Plan:
    """A plan the actor sees, which sites are registered under (the services check it is in force)."""
    plan = plans_visible_to(actor).select_related("issuer").filter(pk=plan_id).first()
    if plan is None:
        raise missing(Plan, plan_id)
    return plan


def plans_for_sites(*, actor: Actor) -> PlanQuerySet:
    """Plans in force the actor sees, most specific first: those sites may be registered under."""
    plans = plans_visible_to(actor).filter(state__in=IN_FORCE_STATES).select_related("issuer")
    return plans.order_by("-year", "-issuer__level", "issuer__path")


def default_plan_id(*, actor: Actor) -> int | None:
    """The most specific plan in force covering the actor's first unit."""
    grant = actor.home_grant
    if grant is None:
        return None
    ancestors = [grant.path[: i + 1] for i, ch in enumerate(grant.path) if ch == "/"]
    plan = plans_for_sites(actor=actor).filter(issuer__path__in=ancestors).first()
    return plan.pk if plan else None


def organisers_in(commune: Unit) -> list[Unit]:
    """A commune and the villages and organisations below it: the units that hold its sites."""
    below = Unit.objects.filter(commune=commune, kind__in=LOCAL_KINDS | ORGANISATION_KINDS, closed_on__isnull=True)
    return [commune, *below.order_by("kind", "name")]


# --- Pages: what a page's template needs, with the actor's permissions answered here ------------


def _registering(actor: Actor) -> list[tuple[int, str]]:
    """The plans an officer may register sites under (a viewer is refused a form at once)."""
    if not permissions.can_register_sites(actor):
        raise Forbidden(_("Your roles only allow viewing sites; an officer registers them."))
    return [(p.pk, f"{p.reference} · {p.issuer.name} ({p.year})") for p in plans_for_sites(actor=actor)[:300]]


def site_create_page(*, actor: Actor, plan_id: int | None, unit_code: str) -> dict[str, Any]:
    choices = _registering(actor)
    if not choices:
        raise ValidationFailed(_("No plan in force covers your area yet; sites are registered under a plan."))
    initial: dict[str, Any] = {"plan": plan_id or default_plan_id(actor=actor), "start_time": "07:30"}
    if unit_code:
        initial["unit"] = unit_code
    return {"choices": choices, "initial": initial}


def site_import_page(*, actor: Actor, plan_id: int | None) -> dict[str, Any]:
    return {"choices": _registering(actor), "initial": {"plan": plan_id or default_plan_id(actor=actor)}}


def site_bulk_page(*, actor: Actor, plan_id: int | None, commune_code: str) -> dict[str, Any]:
    """The table form of a commune the actor registers sites for (the one asked, else the first
    of the actor's communes): one line per unit holding sites there."""
    choices = _registering(actor)
    commune = Unit.objects.filter(code=commune_code, kind__in=COMMUNE_KINDS, closed_on__isnull=True).first()
    if commune is None or not permissions.can_write_site(actor, commune):
        own = Unit.objects.filter(code__in=[g.unit_code for g in actor.grants], kind__in=COMMUNE_KINDS)
        commune = next((u for u in own if permissions.can_write_site(actor, u)), None)
    return {
        "choices": choices,
        "plan_id": plan_id or default_plan_id(actor=actor),
        "commune": commune,
        "units": organisers_in(commune) if commune else [],
    }


def site_template_units(*, actor: Actor, plan_id: int | None, commune_code: str) -> tuple[Plan, list[Unit]]:
    """The plan of an import template (the one asked, else the actor's default) and the units to
    prefill it with (a commune's in the actor's area)."""
    plan_id = plan_id or default_plan_id(actor=actor)
    if plan_id is None:
        raise ValidationFailed(errors={"plan": _("Choose a plan.")})
    plan = plan_for_sites(actor=actor, plan_id=plan_id)
    commune = Unit.objects.filter(code=commune_code, kind__in=COMMUNE_KINDS).first()
    return plan, organisers_in(commune) if commune is not None and actor.covers(commune) else []


def site_detail_page(*, actor: Actor, site_id: int, writing: bool = False) -> dict[str, Any]:
    """The site, its programme by part and the states it may move to. `writing`: the page comes
    back after a change of state, which needs the right to change the site."""
    site = site_for_editing(actor=actor, site_id=site_id) if writing else site_get(actor=actor, site_id=site_id)
    transitions = [SiteState(s) for s in SiteState.values if s in SITE_TRANSITIONS[site.state] and s != "reported"]
    return {
        "site": site,
        "can_write": permissions.can_write_site(actor, site.unit),
        "transitions": transitions,
        "programme": [(p.part, p.get_item_display()) for p in site.programme.all()],
        "site_day_come": timezone.localtime(site.starts_at).date() <= timezone.localdate(),
    }


def site_for_editing(*, actor: Actor, site_id: int) -> FestivalSite:
    site = site_get(actor=actor, site_id=site_id)
    if not permissions.can_write_site(actor, site.unit):
        raise Forbidden(_("Your role does not allow changing this site."))
    return site
