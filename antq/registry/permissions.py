"""Who may see and change the movement registry.

Initiatives, exemplars and emulation pledges are visible to whoever's scope covers their unit;
officers there (or above) record and change them. Initiative types are read by everyone signed in
and kept by administrators at the nation, like the indicator catalogue. An exemplar is published
to the public portal by a leader (or administrator) whose scope covers its unit: publishing puts a
person's name and story in front of the public, so it is a leader's call, not the author's."""

from __future__ import annotations

from django.db.models import QuerySet

from antq.core.actor import Actor, Role
from antq.registry.models import EmulationPledge, Exemplar, Initiative
from antq.reporting.catalogue.permissions import can_manage_catalogue
from antq.units.models import COMMUNE_KINDS, LOCAL_KINDS, ORGANISATION_KINDS, PROVINCE_KINDS, Unit

# Units that run initiatives, hold exemplars and sign pledges: provinces (their own agencies),
# communes, villages and residential groups, organisations.
RECORD_KINDS = PROVINCE_KINDS | COMMUNE_KINDS | LOCAL_KINDS | ORGANISATION_KINDS


def initiatives_visible_to(actor: Actor) -> QuerySet[Initiative]:
    return Initiative.objects.filter(actor.scope_q("unit__path"))


def exemplars_visible_to(actor: Actor) -> QuerySet[Exemplar]:
    return Exemplar.objects.filter(actor.scope_q("unit__path"))


def pledges_visible_to(actor: Actor) -> QuerySet[EmulationPledge]:
    return EmulationPledge.objects.filter(actor.scope_q("unit__path"))


def can_write_records(actor: Actor, unit: Unit) -> bool:
    return actor.has_role(unit, Role.OFFICER)


def can_publish_exemplar(actor: Actor, unit: Unit) -> bool:
    return actor.has_role(unit, Role.LEADER)


def can_manage_types(actor: Actor) -> bool:
    return can_manage_catalogue(actor)
