"""Reading units. Every function takes the actor and returns only what the actor may see;
missing and forbidden raise the same NotFound."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from antq.accounts.actor import Actor
from antq.core.errors import NotFound
from antq.core.text import normalise_search
from antq.units.models import PATH_SEPARATOR, Unit, UnitQuerySet
from antq.units.permissions import units_visible_to

SEARCH_LIMIT_MAX = 100


def unit_get(*, actor: Actor, code: str) -> Unit:
    unit = (
        units_visible_to(actor).select_related("parent", "province", "commune", "successor").filter(code=code).first()
    )
    if unit is None:
        raise NotFound(_("Unit %(code)s does not exist or is outside your area.") % {"code": code})
    return unit


def unit_search(
    *,
    actor: Actor,
    query: str = "",
    province_code: str | None = None,
    kinds: Iterable[str] | None = None,
    parent_code: str | None = None,
    include_historical: bool = False,
) -> UnitQuerySet:
    """Units matching `query` ignoring diacritics, case and đ/d, best matches first:
    exact short name, then names starting with the query, then the rest; higher levels first."""
    units = units_visible_to(actor, include_historical=include_historical).select_related("parent", "province")
    if province_code:
        units = units.filter(province__code=province_code)
    kinds = [k for k in (kinds or []) if k]
    if kinds:
        units = units.filter(kind__in=kinds)
    if parent_code:
        units = units.filter(parent__code=parent_code)
    folded = normalise_search(query)
    if folded:
        # Matching in a subquery lets SQLite scan its narrow covering index and PostgreSQL its
        # trigram index (migration 0002), then fetch only the matching rows.
        matches = Unit.objects.filter(search_text__contains=folded)
        if not include_historical:
            matches = matches.filter(closed_on__isnull=True)
        units = units.filter(pk__in=matches.values("pk")).annotate(
            match_rank=Case(
                When(search_short=folded, then=Value(0)),
                When(search_short__startswith=folded, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        return units.order_by("match_rank", "closed_on", "level", "search_short", "code")
    return units.order_by("closed_on", "level", "path")


def unit_children(*, actor: Actor, unit: Unit, include_historical: bool = False) -> UnitQuerySet:
    children = units_visible_to(actor, include_historical=include_historical).filter(parent=unit)
    return children.order_by("kind", "search_short", "code")


def unit_ancestors(*, unit: Unit) -> list[Unit]:
    """The chain from the nation down to the unit's parent. Ancestor names are shown in
    breadcrumbs even where the actor's scope starts lower; nothing else about them is."""
    codes = [code for code in unit.path.split(PATH_SEPARATOR) if code][:-1]
    by_code = {u.code: u for u in Unit.objects.filter(code__in=codes).only("code", "name", "kind", "path")}
    return [by_code[c] for c in codes if c in by_code]


def unit_subtree_counts(*, unit: Unit) -> dict[str, int]:
    """How many units of each kind lie below `unit` (current ones only)."""
    from django.db.models import Count

    rows = Unit.objects.subtree(unit).current().exclude(pk=unit.pk).values("kind").annotate(n=Count("id")).order_by()
    return {row["kind"]: row["n"] for row in rows}
