"""Reading initiatives: one initiative with its history, evaluations, photos and replicas;
filtered listings; the pages built on them; and the nationwide lookup of initiatives to replicate
from. The counts of an area are in `counts.py`.

Every function takes the actor; missing and outside the actor's scope look the same. The one
deliberate exception is `replication_sources`: replicating another area's good practice is what
the movement asks for, so an officer may find any working initiative in the country by name and
see its name, type, unit and start — nothing else of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import Forbidden, NotFound
from antq.core.text import normalise_search
from antq.core.tree import subtree_q
from antq.registry.initiatives.models import Initiative, InitiativePhoto, InitiativeStatus
from antq.registry.initiatives.permissions import initiatives_visible_to
from antq.registry.permissions import can_record_somewhere, can_write_records
from antq.units.models import Unit

PAGE_SIZE = 50


@dataclass(frozen=True)
class InitiativeFilter:
    unit_code: str = ""  # the unit and everything below it
    type_code: str = ""
    status: str = ""
    replicated: bool | None = None
    started_year: int | None = None
    query: str = ""


def initiative_get(*, actor: Actor, initiative_id: int) -> Initiative:
    initiative = (
        initiatives_visible_to(actor)
        .select_related("type", "unit", "province", "commune", "replicated_from", "replicated_from__unit")
        .prefetch_related("history", "evaluations", "photos")
        .filter(pk=initiative_id)
        .first()
    )
    if initiative is None:
        raise NotFound(_("Initiative %(id)s does not exist or is outside your area.") % {"id": initiative_id})
    return initiative


def replicas_visible(*, actor: Actor, initiative: Initiative) -> QuerySet[Initiative]:
    """The initiatives replicated from this one that the actor may see."""
    return initiatives_visible_to(actor).filter(replicated_from=initiative).select_related("unit", "type")


def photo_get(*, actor: Actor, initiative_id: int, photo_id: int) -> InitiativePhoto:
    initiative = initiative_get(actor=actor, initiative_id=initiative_id)
    photo = InitiativePhoto.objects.filter(pk=photo_id, initiative=initiative).first()
    if photo is None:
        raise NotFound(_("Photo %(id)s does not exist.") % {"id": photo_id})
    return photo


def initiative_list(*, actor: Actor, filters: InitiativeFilter | None = None) -> QuerySet[Initiative]:
    filters = filters or InitiativeFilter()
    initiatives = initiatives_visible_to(actor)
    if filters.unit_code:
        unit = Unit.objects.filter(code=filters.unit_code).only("path").first()
        initiatives = initiatives.filter(subtree_q(unit.path, "unit__path")) if unit else initiatives.none()
    if filters.type_code:
        initiatives = initiatives.filter(type__code=filters.type_code)
    if filters.status:
        initiatives = initiatives.filter(status=filters.status)
    if filters.replicated is not None:
        initiatives = initiatives.filter(replicated_from__isnull=not filters.replicated)
    if filters.started_year:
        initiatives = initiatives.filter(started_on__year=filters.started_year)
    initiatives = _matching(initiatives, filters.query)
    return initiatives.select_related("type", "unit", "province", "commune", "replicated_from").order_by(
        "-started_on", "-pk"
    )


def _matching(initiatives: QuerySet[Initiative], query: str) -> QuerySet[Initiative]:
    """Every word of `query`, without diacritics, in the initiative's name or description or in the
    name of its unit or province: "camera nha trang" finds "Camera an ninh khu phố Phường Nha Trang"."""
    for word in normalise_search(query).split()[:8]:
        initiatives = initiatives.filter(
            Q(search_text__contains=word)
            | Q(unit__search_text__contains=word)
            | Q(province__search_text__contains=word)
        )
    return initiatives


def replication_sources(
    *, actor: Actor, query: str = "", type_code: str = "", limit: int = 20
) -> list[dict[str, object]]:
    """Working initiatives anywhere in the country matching `query` (name or unit, without
    diacritics), for the "replicated from" picker: name, type, unit and start only. Any signed-in
    `actor` may look, whatever their area (the exception this module's docstring explains)."""
    initiatives = Initiative.objects.filter(status=InitiativeStatus.ACTIVE)
    if type_code:
        initiatives = initiatives.filter(type__code=type_code)
    initiatives = _matching(initiatives, query)
    rows = initiatives.select_related("type", "unit", "province").order_by("-started_on", "-pk")[:limit]
    return [
        {
            "id": i.pk,
            "name": i.name,
            "type": i.type.name,
            "unit": i.unit.name,
            "unit_code": i.unit.code,
            "province": i.province.name if i.province else "",
            "started_on": i.started_on,
        }
        for i in rows
    ]


# --- Pages --------------------------------------------------------------------------------------


def initiative_list_page(*, actor: Actor, filters: InitiativeFilter, page: str | None) -> dict[str, Any]:
    initiatives = initiative_list(actor=actor, filters=filters)
    return {"page": Paginator(initiatives, PAGE_SIZE).get_page(page)}


def initiative_for_adding(*, actor: Actor) -> None:
    """Raises Forbidden unless the actor may record initiatives somewhere (an officer)."""
    if not can_record_somewhere(actor):
        raise Forbidden(_("Your roles only allow viewing initiatives."))


def initiative_detail_page(*, actor: Actor, initiative_id: int) -> dict[str, Any]:
    """An initiative with what its page shows: whether the actor may change it, whether its origin
    is the actor's to open, its visible replicas, its counts named by its type."""
    initiative = initiative_get(actor=actor, initiative_id=initiative_id)
    origin = initiative.replicated_from
    measures = {m["code"]: m["name"] for m in initiative.type.measures}
    return {
        "initiative": initiative,
        "can_write": can_write_records(actor, initiative.unit),
        "origin_visible": origin is not None and actor.covers(origin.unit),
        "replicas": replicas_visible(actor=actor, initiative=initiative),
        "counts": [(measures.get(code, code), value) for code, value in (initiative.counts or {}).items()],
    }


def initiative_for_editing(*, actor: Actor, initiative_id: int) -> Initiative:
    """The initiative to edit: NotFound outside the actor's area, Forbidden below an officer."""
    initiative = initiative_get(actor=actor, initiative_id=initiative_id)
    if not can_write_records(actor, initiative.unit):
        raise Forbidden(_("Your role does not allow changing this initiative."))
    return initiative
