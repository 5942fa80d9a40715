"""Who may record in the movement registry: the rules the three sub-domains share.

Initiatives, exemplars and emulation pledges are visible to whoever's scope covers their unit
(each sub-domain's `*_visible_to`); officers there (or above) record and change them. Initiative
types and the publishing of exemplars have rules of their own, in their sub-domains."""

from __future__ import annotations

from antq.core.actor import Actor, Role
from antq.units.models import COMMUNE_KINDS, LOCAL_KINDS, ORGANISATION_KINDS, PROVINCE_KINDS, Unit

# Units that run initiatives, hold exemplars and sign pledges: provinces (their own agencies),
# communes, villages and residential groups, organisations.
RECORD_KINDS = PROVINCE_KINDS | COMMUNE_KINDS | LOCAL_KINDS | ORGANISATION_KINDS


def can_write_records(actor: Actor, unit: Unit) -> bool:
    """Record, change and delete the registry's records kept at `unit`."""
    return actor.has_role(unit, Role.OFFICER)


def can_record_somewhere(actor: Actor) -> bool:
    """Whether the actor may record anything at all (an officer somewhere): the "new" pages."""
    return bool(actor.paths_with(Role.OFFICER))
