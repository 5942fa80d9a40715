from __future__ import annotations

from django import template

from antq.accounts.models import Role
from antq.units.models import UnitKind

register = template.Library()
_KINDS = dict(UnitKind.choices)
_ROLES = dict(Role.choices)


@register.filter
def kind_label(value: str) -> str:
    return str(_KINDS.get(value, value))


@register.filter
def role_label(value: str) -> str:
    return str(_ROLES.get(value, value))
