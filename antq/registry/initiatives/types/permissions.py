"""Who may see and keep the initiative types: everyone signed in reads the catalogue; the
administrators at the nation keep it, like the indicator catalogue."""

from __future__ import annotations

from django.db.models import QuerySet

from antq.core.actor import Actor
from antq.registry.initiatives.types.models import InitiativeType
from antq.reporting.catalogue.permissions import can_manage_catalogue


def types_visible_to(actor: Actor) -> QuerySet[InitiativeType]:
    return InitiativeType.objects.all()


def can_manage_types(actor: Actor) -> bool:
    return can_manage_catalogue(actor)
