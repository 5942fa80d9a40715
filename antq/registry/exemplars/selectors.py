"""Reading exemplars: filtered listings and one exemplar for an actor (missing and forbidden look the
same), and `public_exemplars` for the public portal — the only reader without an actor, which
returns published exemplars only."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import Forbidden, NotFound
from antq.core.text import normalise_search
from antq.core.tree import subtree_q
from antq.registry.exemplars.models import Exemplar
from antq.registry.exemplars.permissions import can_publish_exemplar, exemplars_visible_to
from antq.registry.initiatives.permissions import initiatives_visible_to
from antq.registry.permissions import can_record_somewhere, can_write_records
from antq.registry.records import record_home
from antq.units.models import Unit

PAGE_SIZE = 50
INITIATIVE_CHOICES_LIMIT = 500


@dataclass(frozen=True)
class ExemplarFilter:
    year: int | None = None
    kind: str = ""
    category: str = ""
    unit_code: str = ""  # the unit and everything below it
    published: bool | None = None  # None = either
    query: str = ""  # name, position, summary or unit name; diacritics ignored


def _filtered(exemplars: QuerySet[Exemplar], filters: ExemplarFilter) -> QuerySet[Exemplar]:
    if filters.year:
        exemplars = exemplars.filter(year=filters.year)
    if filters.kind:
        exemplars = exemplars.filter(kind=filters.kind)
    if filters.category:
        exemplars = exemplars.filter(category=filters.category)
    if filters.unit_code:
        unit = Unit.objects.filter(code=filters.unit_code.strip()).only("path").first()
        exemplars = exemplars.filter(subtree_q(unit.path, "unit__path")) if unit else exemplars.none()
    if filters.published is not None:
        exemplars = exemplars.filter(published_at__isnull=not filters.published)
    folded = normalise_search(filters.query or "")
    if folded:
        exemplars = exemplars.filter(Q(search_text__contains=folded) | Q(unit__search_text__contains=folded))
    return exemplars


def exemplar_list(*, actor: Actor, filters: ExemplarFilter | None = None) -> QuerySet[Exemplar]:
    """Exemplars in the actor's area, newest year first."""
    exemplars = _filtered(exemplars_visible_to(actor), filters or ExemplarFilter())
    return exemplars.select_related("unit", "province", "commune", "initiative", "published_by").order_by(
        "-year", "name", "pk"
    )


def exemplar_get(*, actor: Actor, exemplar_id: int) -> Exemplar:
    exemplar = (
        exemplars_visible_to(actor)
        .select_related("unit", "province", "commune", "initiative", "published_by", "created_by")
        .filter(pk=exemplar_id)
        .first()
    )
    if exemplar is None:
        raise NotFound(_("Exemplar %(id)s does not exist or is outside your area.") % {"id": exemplar_id})
    return exemplar


def public_exemplars(*, filters: ExemplarFilter | None = None) -> QuerySet[Exemplar]:
    """Published exemplars for the public portal (no actor: the portal is public), most recently
    published first. The `published` filter is ignored: only published ones are ever returned."""
    filters = replace(filters or ExemplarFilter(), published=None)
    exemplars = _filtered(Exemplar.objects.filter(published_at__isnull=False), filters)
    return exemplars.select_related("unit", "province", "commune").order_by("-published_at", "pk")


def exemplar_initiative_choices(*, actor: Actor, selected: int | None = None) -> list[tuple[int, str]]:
    """Initiatives an exemplar may cite, for a select box: the actor's visible ones (at most a few
    hundred, by commune and name), plus the one already cited."""
    rows = list(
        initiatives_visible_to(actor)
        .order_by("commune__name", "name", "pk")
        .values_list("pk", "name", "unit__name")[:INITIATIVE_CHOICES_LIMIT]
    )
    if selected is not None and all(pk != selected for pk, _name, _unit in rows):
        rows += list(initiatives_visible_to(actor).filter(pk=selected).values_list("pk", "name", "unit__name"))
    return [(pk, f"{name} · {unit}") for pk, name, unit in rows]


# --- Pages --------------------------------------------------------------------------------------


def exemplar_list_page(*, actor: Actor, filters: ExemplarFilter, page: str | None) -> dict[str, Any]:
    exemplars = exemplar_list(actor=actor, filters=filters)
    return {"page": Paginator(exemplars, PAGE_SIZE).get_page(page), "can_record": can_record_somewhere(actor)}


def exemplar_for_adding(*, actor: Actor) -> str:
    """The unit a new exemplar starts at (the actor's widest grant below the nation, which holds no
    records; empty for the nation); Forbidden unless the actor records somewhere (an officer)."""
    if not can_record_somewhere(actor):
        raise Forbidden(_("Your roles only allow viewing exemplars; an officer records them."))
    return record_home(actor)


def exemplar_detail_page(*, actor: Actor, exemplar_id: int) -> dict[str, Any]:
    exemplar = exemplar_get(actor=actor, exemplar_id=exemplar_id)
    return {
        "exemplar": exemplar,
        "can_write": can_write_records(actor, exemplar.unit),
        "can_publish": can_publish_exemplar(actor, exemplar.unit),
    }


def exemplar_for_editing(*, actor: Actor, exemplar_id: int) -> Exemplar:
    """The exemplar to edit or delete: NotFound outside the actor's area, Forbidden below an officer."""
    exemplar = exemplar_get(actor=actor, exemplar_id=exemplar_id)
    if not can_write_records(actor, exemplar.unit):
        raise Forbidden(_("Your role does not allow changing this exemplar."))
    return exemplar


def exemplar_for_publishing(*, actor: Actor, exemplar_id: int) -> dict[str, Any]:
    """The exemplar's page, for a leader's publishing: NotFound outside the actor's area, Forbidden
    below a leader."""
    context = exemplar_detail_page(actor=actor, exemplar_id=exemplar_id)
    if not context["can_publish"]:
        raise Forbidden(_("Only a leader covering the exemplar's unit publishes it or takes it off the portal."))
    return context
