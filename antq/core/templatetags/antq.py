from __future__ import annotations

from django import template

from antq.core.actor import Role

register = template.Library()
_ROLES = dict(Role.choices)


@register.filter
def role_label(value: str) -> str:
    return str(_ROLES.get(value, value))


@register.filter
def figure(value: object) -> str:
    """Vietnamese number format for a reported figure (12.780.000; 2,5)."""
    from antq.core.text import format_figure

    if value in (None, ""):
        return ""
    try:
        return format_figure(value)  # type: ignore[arg-type]
    except Exception:
        return str(value)


@register.filter
def money(value: object) -> str:
    from antq.core.text import format_money_short

    if value in (None, ""):
        return ""
    return format_money_short(value)  # type: ignore[arg-type]


@register.filter
def get(mapping: object, key: str) -> object:
    return mapping.get(key) if isinstance(mapping, dict) else None
