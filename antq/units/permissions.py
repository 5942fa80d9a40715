"""Who may see and change units. A role at a unit covers its subtree (antq.core.actor)."""

from __future__ import annotations

from django.db.models import Q

from antq.core.actor import Actor, Role
from antq.units.models import CREATABLE_UNDER, LOCAL_KINDS, ORGANISATION_KINDS, Unit, UnitQuerySet

# Kinds under which officers may add anything (communes, provinces).
PARENT_KINDS = frozenset().union(*CREATABLE_UNDER.values())


def units_visible_to(actor: Actor, *, include_historical: bool = True) -> UnitQuerySet:
    """Current units in the actor's subtrees, and (unless excluded) closed units whose successor
    is in them. Without history the filter is a plain path range the path index answers."""
    current = actor.scope_q("path")
    if not include_historical:
        return Unit.objects.filter(current, closed_on__isnull=True)
    historical = Q(closed_on__isnull=False) & actor.scope_q("successor__path")
    return Unit.objects.filter(current | historical)


def can_create_child(actor: Actor, parent: Unit) -> bool:
    """Officer at a current commune (villages, organisations) or province (organisations)."""
    return parent.kind in PARENT_KINDS and parent.is_current and actor.has_role(parent, Role.OFFICER)


def is_local_or_organisation(unit: Unit) -> bool:
    return unit.kind in LOCAL_KINDS or unit.kind in ORGANISATION_KINDS


def can_edit_unit(actor: Actor, unit: Unit) -> bool:
    """Villages and organisations: officers. Official units (names, flags): administrators;
    key-area flags of official units: leaders."""
    if is_local_or_organisation(unit):
        return actor.has_role(unit, Role.OFFICER)
    return actor.has_role(unit, Role.LEADER)


def can_edit_official_fields(actor: Actor, unit: Unit) -> bool:
    return actor.has_role(unit, Role.ADMINISTRATOR)


def can_move_or_close(actor: Actor, unit: Unit) -> bool:
    return is_local_or_organisation(unit) and unit.is_current and actor.has_role(unit, Role.OFFICER)
