"""Reading the catalogue of initiative types: everyone signed in reads it."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import Forbidden, NotFound
from antq.registry.initiatives.types.models import InitiativeType
from antq.registry.initiatives.types.permissions import can_manage_types, types_visible_to


def type_list(*, actor: Actor, include_retired: bool = True) -> QuerySet[InitiativeType]:
    """The catalogue of types: read by everyone signed in."""
    types = types_visible_to(actor)
    return types if include_retired else types.filter(is_active=True)


def type_get(*, actor: Actor, code: str) -> InitiativeType:
    kind = types_visible_to(actor).filter(code=code).first()
    if kind is None:
        raise NotFound(_("Initiative type %(code)s does not exist.") % {"code": code})
    return kind


def type_list_page(*, actor: Actor) -> dict[str, Any]:
    return {"types": type_list(actor=actor), "can_manage": can_manage_types(actor)}


def _refused() -> Forbidden:
    return Forbidden(_("Only administrators at the Ministry change the types."))


def type_for_adding(*, actor: Actor) -> None:
    """Raises Forbidden unless the actor keeps the catalogue."""
    if not can_manage_types(actor):
        raise _refused()


def type_for_editing(*, actor: Actor, code: str) -> InitiativeType:
    """The type to edit: NotFound for an unknown code, Forbidden unless the actor keeps the catalogue."""
    kind = type_get(actor=actor, code=code)
    if not can_manage_types(actor):
        raise _refused()
    return kind
