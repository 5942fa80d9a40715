"""Who may see initiatives: whoever's scope covers their unit. Officers there (or above) record
and change them (`antq.registry.permissions.can_write_records`)."""

from __future__ import annotations

from django.db.models import QuerySet

from antq.core.actor import Actor
from antq.registry.initiatives.models import Initiative


def initiatives_visible_to(actor: Actor) -> QuerySet[Initiative]:
    return Initiative.objects.filter(actor.scope_q("unit__path"))
