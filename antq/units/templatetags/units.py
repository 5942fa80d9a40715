from __future__ import annotations

from django import template

from antq.units.models import UnitKind

register = template.Library()
_KINDS = dict(UnitKind.choices)


@register.filter
def kind_label(value: str) -> str:
    """The name of a unit kind in the UI language ("ward" -> "Phường")."""
    return str(_KINDS.get(value, value))
