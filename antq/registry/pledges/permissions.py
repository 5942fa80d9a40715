"""Who may see emulation pledges: whoever's scope covers their unit. Officers there (or above)
record and change them (`antq.registry.permissions.can_write_records`)."""

from __future__ import annotations

from django.db.models import QuerySet

from antq.core.actor import Actor
from antq.registry.pledges.models import EmulationPledge


def pledges_visible_to(actor: Actor) -> QuerySet[EmulationPledge]:
    return EmulationPledge.objects.filter(actor.scope_q("unit__path"))
