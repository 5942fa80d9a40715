"""Reading exemplars: filtered listings and one exemplar for an actor (missing and forbidden look the
same), and `public_exemplars` for the public portal — the only reader without an actor, which
returns published exemplars only."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import NotFound
from antq.core.text import normalise_search
from antq.core.tree import subtree_q
from antq.registry.models import Exemplar
from antq.registry.permissions import exemplars_visible_to, initiatives_visible_to
from antq.units.models import Unit


@dataclass
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


INITIATIVE_CHOICES_LIMIT = 500


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
