"""Reading emulation pledges: filtered listings, one pledge, and what the pledge form offers for a
unit (the units below it that can sign, the festival sites of its area). Every function takes the
actor; missing and forbidden look the same."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import Forbidden, NotFound
from antq.core.text import normalise_search
from antq.core.tree import subtree_q
from antq.festivals.models import FestivalSite, SiteState
from antq.festivals.permissions import sites_visible_to
from antq.registry.permissions import RECORD_KINDS, can_record_somewhere, can_write_records
from antq.registry.pledges.models import EmulationPledge
from antq.registry.pledges.permissions import pledges_visible_to
from antq.registry.records import record_home
from antq.units.models import COMMUNE_KINDS, LOCAL_KINDS, ORGANISATION_KINDS, PROVINCE_KINDS, Unit
from antq.units.selectors import units_named

PAGE_SIZE = 50
SITE_CHOICES_LIMIT = 300


@dataclass(frozen=True)
class PledgeFilter:
    year: int | None = None
    unit_code: str = ""  # the unit and everything below it
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    festival_site_id: int | None = None
    query: str = ""  # title (as typed) or the name of the unit or of a signing unit (diacritics ignored)


def pledge_list(*, actor: Actor, filters: PledgeFilter | None = None) -> QuerySet[EmulationPledge]:
    """Pledges in the actor's area, latest signed first."""
    filters = filters or PledgeFilter()
    pledges = pledges_visible_to(actor)
    if filters.year:
        pledges = pledges.filter(
            signed_on__gte=dt.date(filters.year, 1, 1), signed_on__lte=dt.date(filters.year, 12, 31)
        )
    if filters.unit_code:
        unit = Unit.objects.filter(code=filters.unit_code.strip()).only("path").first()
        pledges = pledges.filter(subtree_q(unit.path, "unit__path")) if unit else pledges.none()
    if filters.date_from:
        pledges = pledges.filter(signed_on__gte=filters.date_from)
    if filters.date_to:
        pledges = pledges.filter(signed_on__lte=filters.date_to)
    if filters.festival_site_id:
        pledges = pledges.filter(festival_site_id=filters.festival_site_id)
    folded = normalise_search(filters.query or "")
    if folded:
        units = Unit.objects.filter(search_text__contains=folded).values("pk")
        matching = EmulationPledge.objects.filter(
            Q(unit__in=units) | Q(party_units__in=units) | Q(title__icontains=filters.query.strip())
        ).values("pk")
        pledges = pledges.filter(pk__in=matching)
    return pledges.select_related("unit", "province", "commune", "festival_site").order_by("-signed_on", "-pk")


def with_party_units(pledges: QuerySet[EmulationPledge]) -> QuerySet[EmulationPledge]:
    return pledges.prefetch_related(Prefetch("party_units", queryset=Unit.objects.order_by("kind", "name")))


def pledge_get(*, actor: Actor, pledge_id: int) -> EmulationPledge:
    pledge = (
        with_party_units(pledges_visible_to(actor))
        .select_related("unit", "province", "commune", "festival_site", "created_by")
        .filter(pk=pledge_id)
        .first()
    )
    if pledge is None:
        raise NotFound(_("Emulation pledge %(id)s does not exist or is outside your area.") % {"id": pledge_id})
    return pledge


def _seen_unit(actor: Actor, unit_code: str) -> Unit | None:
    code = (unit_code or "").strip()
    unit = Unit.objects.select_related("province", "commune").filter(code=code).first() if code else None
    if unit is None and code:  # typed by name: the unit it names when it names one
        named = units_named(actor=actor, text=code, kinds=RECORD_KINDS)
        unit = Unit.objects.select_related("province", "commune").get(pk=named[0].pk) if len(named) == 1 else None
    return unit if unit is not None and actor.covers(unit) else None


def pledge_unit(*, actor: Actor, unit_code: str) -> Unit:
    """A unit the actor sees, for the pledge form's choices."""
    unit = _seen_unit(actor, unit_code)
    if unit is None:
        raise NotFound(_("Unit %(code)s does not exist or is outside your area.") % {"code": unit_code})
    return unit


def pledge_party_choices(*, actor: Actor, unit: Unit) -> list[Unit]:
    """The units that can sign a pledge of `unit`: a commune's villages, residential groups and
    organisations; a province's communes and its own organisations. Current units only."""
    if not actor.covers(unit):
        return []
    current = Unit.objects.filter(closed_on__isnull=True)
    if unit.kind in COMMUNE_KINDS:
        below = current.filter(commune=unit, kind__in=LOCAL_KINDS | ORGANISATION_KINDS)
    elif unit.kind in PROVINCE_KINDS:
        below = current.filter(parent=unit, kind__in=COMMUNE_KINDS | ORGANISATION_KINDS)
    else:
        below = current.filter(parent=unit, kind__in=LOCAL_KINDS | ORGANISATION_KINDS)
    return list(below.order_by("kind", "name", "code"))


def pledge_site_choices(*, actor: Actor, unit: Unit) -> list[FestivalSite]:
    """Festival sites a pledge of `unit` may have been signed at: not cancelled, in the actor's
    area and in the pledge's commune (for a province's own pledge: the province's own sites and its
    pilots), latest first."""
    sites = sites_visible_to(actor).exclude(state=SiteState.CANCELLED)
    if unit.commune_id is not None:
        sites = sites.filter(commune_id=unit.commune_id)
    elif unit.province_id is not None:
        sites = sites.filter(province_id=unit.province_id).filter(Q(commune__isnull=True) | ~Q(pilot_tier=""))
    else:
        return []
    return list(sites.select_related("unit").order_by("-starts_at", "-pk")[:SITE_CHOICES_LIMIT])


@dataclass(frozen=True)
class PledgeChoices:
    """What the pledge form offers for the unit entered: the unit (None when unknown or outside
    the actor's area), the units that can sign, the festival sites it may have been signed at."""

    unit: Unit | None
    party_units: list[Unit] = field(default_factory=list)
    sites: list[FestivalSite] = field(default_factory=list)

    def as_form_choices(self) -> dict[str, Any]:
        return {"party_units": self.party_units, "sites": self.sites}


def pledge_form_choices(*, actor: Actor, unit_code: str, keep_site: FestivalSite | None = None) -> PledgeChoices:
    """The form's choices for `unit_code`; `keep_site` (the edited pledge's site) stays offered."""
    unit = _seen_unit(actor, unit_code)
    if unit is None:
        return PledgeChoices(unit=None, sites=[keep_site] if keep_site else [])
    sites = pledge_site_choices(actor=actor, unit=unit)
    if keep_site is not None and all(s.pk != keep_site.pk for s in sites):
        sites.append(keep_site)
    return PledgeChoices(unit=unit, party_units=pledge_party_choices(actor=actor, unit=unit), sites=sites)


# --- Pages --------------------------------------------------------------------------------------


def pledge_list_page(*, actor: Actor, filters: PledgeFilter, page: str | None) -> dict[str, Any]:
    pledges = with_party_units(pledge_list(actor=actor, filters=filters))
    return {"page": Paginator(pledges, PAGE_SIZE).get_page(page), "can_record": can_record_somewhere(actor)}


def pledge_for_adding(*, actor: Actor) -> str:
    """The unit a new pledge starts at (see `record_home`); Forbidden unless the actor records
    somewhere (an officer)."""
    if not can_record_somewhere(actor):
        raise Forbidden(_("Your roles only allow viewing emulation pledges; an officer records them."))
    return record_home(actor)


def pledge_detail_page(*, actor: Actor, pledge_id: int) -> dict[str, Any]:
    pledge = pledge_get(actor=actor, pledge_id=pledge_id)
    return {"pledge": pledge, "can_write": can_write_records(actor, pledge.unit)}


def pledge_for_editing(*, actor: Actor, pledge_id: int) -> EmulationPledge:
    """The pledge to edit or delete: NotFound outside the actor's area, Forbidden below an officer."""
    pledge = pledge_get(actor=actor, pledge_id=pledge_id)
    if not can_write_records(actor, pledge.unit):
        raise Forbidden(_("Your role does not allow changing this emulation pledge."))
    return pledge
