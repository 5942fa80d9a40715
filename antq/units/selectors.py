"""Reading units. Every function takes the actor and returns only what the actor may see;
missing and forbidden raise the same NotFound."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import Forbidden, NotFound
from antq.core.text import normalise_search
from antq.core.tree import PATH_SEPARATOR
from antq.units import permissions
from antq.units.models import Unit, UnitQuerySet
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


# --- Pages: what a page's template needs, with the actor's permissions answered here ------------


def unit_detail_page(*, actor: Actor, code: str, history: bool, page: str | None) -> dict[str, Any]:
    unit = unit_get(actor=actor, code=code)
    children = Paginator(unit_children(actor=actor, unit=unit, include_historical=history), 100).get_page(page)
    return {
        "unit": unit,
        "ancestors": unit_ancestors(unit=unit),
        "children": children,
        "counts": unit_subtree_counts(unit=unit) if unit.level <= 1 else {},
        "predecessors": unit.predecessors.order_by("code")[:200] if unit.is_current else [],
        "successors": unit.successors.order_by("code") if not unit.is_current else [],
        "role": actor.role_at(unit),
        "can_add": permissions.can_create_child(actor, unit),
        "can_edit": permissions.can_edit_unit(actor, unit) and unit.is_current,
        "can_move": permissions.can_move_or_close(actor, unit),
    }


def _refused(unit: Unit) -> Forbidden:
    return Forbidden(_("Your role at %(unit)s does not allow this change.") % {"unit": unit.name})


def unit_for_adding(*, actor: Actor, code: str) -> Unit:
    """The unit a new village or organisation would go under, when the actor may add there."""
    unit = unit_get(actor=actor, code=code)
    if not permissions.can_create_child(actor, unit):
        raise _refused(unit)
    return unit


def unit_for_editing(*, actor: Actor, code: str) -> tuple[Unit, bool]:
    """The unit to edit and whether its official fields (name, position) are editable."""
    unit = unit_get(actor=actor, code=code)
    if not (permissions.can_edit_unit(actor, unit) and unit.is_current):
        raise _refused(unit)
    official = permissions.is_local_or_organisation(unit) or permissions.can_edit_official_fields(actor, unit)
    return unit, official


def unit_for_moving(*, actor: Actor, code: str) -> Unit:
    """A village or organisation the actor may move or close."""
    unit = unit_get(actor=actor, code=code)
    if not permissions.can_move_or_close(actor, unit):
        raise _refused(unit)
    return unit


def units_named(*, actor: Actor, text: str, kinds: Iterable[str] | None = None) -> list[Unit]:
    """The current units in the actor's area whose code is `text`, or else whose name or short
    name is `text` ignoring case and diacritics ("van thuy", "Thôn Văn Thủy"): what an officer
    typed in a unit box without picking from the list. Usually one; several when names repeat."""
    text = text.strip()
    if not text:
        return []
    units = units_visible_to(actor).select_related("parent")
    kinds = [k for k in (kinds or []) if k]
    if kinds:
        units = units.filter(kind__in=kinds)
    by_code = units.filter(code=text).first()
    if by_code is not None:
        return [by_code]
    folded = normalise_search(text)
    candidates = units.filter(
        pk__in=Unit.objects.filter(search_text__contains=folded, closed_on__isnull=True).values("pk")
    )
    return [u for u in candidates.order_by("level", "path")[:50] if folded in _names_of(u)]


# What a unit's name may be typed without: "Thôn Văn Thủy" is also "Văn Thủy".
NAME_PREFIXES = ("thon ", "to dan pho ", "xa ", "phuong ", "dac khu ", "tinh ", "thanh pho ", "ban ", "ap ", "khu pho ")


def _names_of(unit: Unit) -> set[str]:
    name = normalise_search(unit.name)
    names = {unit.search_short, name}
    names.update(name.removeprefix(prefix) for prefix in NAME_PREFIXES if name.startswith(prefix))
    return names
