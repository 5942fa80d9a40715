"""Who may see exemplars and put them on the public portal.

Exemplars are visible to whoever's scope covers their unit; officers there record and change them
(`antq.registry.permissions.can_write_records`). An exemplar is published by a leader (or
administrator) whose scope covers its unit: publishing puts a person's name and story in front of
the public, so it is a leader's call, not the author's."""

from __future__ import annotations

from django.db.models import QuerySet

from antq.core.actor import Actor, Role
from antq.registry.exemplars.models import Exemplar
from antq.units.models import Unit


def exemplars_visible_to(actor: Actor) -> QuerySet[Exemplar]:
    return Exemplar.objects.filter(actor.scope_q("unit__path"))


def can_publish_exemplar(actor: Actor, unit: Unit) -> bool:
    return actor.has_role(unit, Role.LEADER)
