"""Reading initiatives: one initiative with its history, evaluations, photos and replicas;
filtered listings; the counts for a unit's area by type, status and replication, per unit one
level down (straight from the facts: one GROUP BY on the denormalised province/commune); and the
nationwide lookup of initiatives to replicate from.

Every function takes the actor; missing and outside the actor's scope look the same. The one
deliberate exception is `replication_sources`: replicating another area's good practice is what
the movement asks for, so an officer may find any working initiative in the country by name and
see its name, type, unit and start — nothing else of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import NotFound
from antq.core.text import normalise_search
from antq.core.tree import subtree_q
from antq.registry.models import Initiative, InitiativePhoto, InitiativeStatus, InitiativeType
from antq.registry.permissions import initiatives_visible_to
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit, UnitKind


@dataclass
class InitiativeFilter:
    unit_code: str = ""  # the unit and everything below it
    type_code: str = ""
    status: str = ""
    replicated: bool | None = None
    started_year: int | None = None
    query: str = ""


def type_list(*, include_retired: bool = True) -> QuerySet[InitiativeType]:
    """The catalogue of types: read by everyone signed in."""
    types = InitiativeType.objects.all()
    return types if include_retired else types.filter(is_active=True)


def type_get(*, code: str) -> InitiativeType:
    kind = InitiativeType.objects.filter(code=code).first()
    if kind is None:
        raise NotFound(_("Initiative type %(code)s does not exist.") % {"code": code})
    return kind


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


def replication_sources(*, query: str = "", type_code: str = "", limit: int = 20) -> list[dict[str, object]]:
    """Working initiatives anywhere in the country matching `query` (name or unit, without
    diacritics), for the "replicated from" picker: name, type, unit and start only."""
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


# --- Counts -------------------------------------------------------------------------------------


@dataclass
class Counts:
    """Initiatives of one area: by status, working well by type, replicated ones working well."""

    active: int = 0
    weak: int = 0
    dissolved: int = 0
    replicated: int = 0
    members: int = 0
    households: int = 0
    by_type: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.active + self.weak + self.dissolved

    def add(self, row: dict[str, object]) -> None:
        n = int(row["n"])  # type: ignore[call-overload]
        status = row["status"]
        if status == InitiativeStatus.ACTIVE:
            self.active += n
            self.replicated += int(row["replicated"])  # type: ignore[call-overload]
            code = str(row["type__code"])
            self.by_type[code] = self.by_type.get(code, 0) + n
            self.members += int(row["members"] or 0)  # type: ignore[call-overload]
            self.households += int(row["households"] or 0)  # type: ignore[call-overload]
        elif status == InitiativeStatus.WEAK:
            self.weak += n
        else:
            self.dissolved += n


@dataclass
class AreaCounts:
    unit: Unit
    total: Counts
    children: list[tuple[Unit, Counts]]
    types: list[InitiativeType]

    @property
    def by_type(self) -> list[tuple[InitiativeType, int]]:
        """Every type with its number of initiatives working well (zero included)."""
        return [(kind, self.total.by_type.get(kind.code, 0)) for kind in self.types]


def _child_key(unit: Unit) -> str:
    """The fact column that names the unit one level below `unit`."""
    if unit.kind == UnitKind.NATION:
        return "province_id"
    if unit.kind in PROVINCE_KINDS:
        return "commune_id"
    return "unit_id"


def _area_initiatives(unit: Unit) -> QuerySet[Initiative]:
    """Initiatives in `unit`'s area, through the denormalised province/commune keys where they apply."""
    if unit.kind == UnitKind.NATION:
        return Initiative.objects.all()
    if unit.kind in PROVINCE_KINDS:
        return Initiative.objects.filter(province=unit)
    if unit.kind in COMMUNE_KINDS:
        return Initiative.objects.filter(commune=unit)
    return Initiative.objects.filter(subtree_q(unit.path, "unit__path"))


def area_totals(*, actor: Actor, unit: Unit) -> Counts:
    """Today's counts for `unit`'s whole area in one grouped query (the dashboards' movement card)."""
    if not actor.covers(unit):
        raise NotFound()
    total = Counts()
    rows = (
        _area_initiatives(unit)
        .values("status", "type__code")
        .annotate(
            n=Count("id"),
            replicated=Count("id", filter=Q(replicated_from__isnull=False)),
            members=Sum("members"),
            households=Sum("households"),
        )
    )
    for row in rows:
        total.add(row)
    return total


def counts_for(*, actor: Actor, unit: Unit) -> AreaCounts:
    """Today's counts for `unit`'s area and for each unit one level down (the caller checked the
    actor covers `unit`). For a province, its own initiatives outside any commune are listed under
    the province itself; below a commune, initiatives count under their village or organisation."""
    if not actor.covers(unit):
        raise NotFound()
    facts = _area_initiatives(unit)
    key = _child_key(unit)
    rows = facts.values(key, "status", "type__code").annotate(
        n=Count("id"),
        replicated=Count("id", filter=Q(replicated_from__isnull=False)),
        members=Sum("members"),
        households=Sum("households"),
    )
    total = Counts()
    per_child: dict[int | None, Counts] = {}
    for row in rows:
        total.add(row)
        per_child.setdefault(row[key], Counts()).add(row)
    named = [k for k in per_child if k is not None and k != unit.pk]
    if unit.kind == UnitKind.NATION or unit.kind in PROVINCE_KINDS:
        # Every unit one level down is listed, with or without initiatives (a gap is news too).
        child_units = Unit.objects.filter(Q(parent=unit, closed_on__isnull=True) | Q(pk__in=named))
    else:
        child_units = Unit.objects.filter(pk__in=named)
    children = [(u, per_child.get(u.pk, Counts())) for u in child_units.order_by("code")]
    own = per_child.get(None if unit.kind in PROVINCE_KINDS else unit.pk)
    if own is not None:  # the unit's own initiatives (a province's agencies, a commune itself)
        children.insert(0, (unit, own))
    return AreaCounts(unit=unit, total=total, children=children, types=list(type_list()))
