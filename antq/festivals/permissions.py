"""Who may see and change festival sites: anyone whose scope covers the organising unit sees it;
officers there change it. Pilot tiers are designated from above: a Ministry pilot by an officer
at the nation, a province pilot by an officer at the site's province."""

from __future__ import annotations

from django.db.models import QuerySet

from antq.core.actor import Actor, Role
from antq.core.tree import PATH_SEPARATOR
from antq.festivals.models import FestivalSite, PilotTier
from antq.units.models import COMMUNE_KINDS, LOCAL_KINDS, ORGANISATION_KINDS, Unit

ORGANISER_KINDS = COMMUNE_KINDS | LOCAL_KINDS | ORGANISATION_KINDS


def sites_visible_to(actor: Actor) -> QuerySet[FestivalSite]:
    return FestivalSite.objects.filter(actor.scope_q("unit__path"))


def can_write_site(actor: Actor, unit: Unit) -> bool:
    return actor.has_role(unit, Role.OFFICER)


def can_register_sites(actor: Actor) -> bool:
    """Registering sites is officers' work: an officer's role somewhere."""
    return bool(actor.paths_with(Role.OFFICER))


def can_set_pilot_tier(actor: Actor, unit: Unit, tier: str) -> bool:
    if tier == PilotTier.MINISTRY:
        return any(
            g.path.count(PATH_SEPARATOR) == 1 and g.role in (Role.OFFICER, Role.LEADER, Role.ADMINISTRATOR)
            for g in actor.grants
        )
    if tier == PilotTier.PROVINCE:
        province_path = PATH_SEPARATOR.join(unit.path.split(PATH_SEPARATOR)[:2]) + PATH_SEPARATOR
        return any(
            province_path.startswith(g.path) and g.role in (Role.OFFICER, Role.LEADER, Role.ADMINISTRATOR)
            for g in actor.grants
        )
    return True
