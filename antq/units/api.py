from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from antq.core.api import actor_of
from antq.core.pagination import SearchPagination
from antq.units import selectors, services
from antq.units.models import KEY_AREA_FLAGS, Unit
from antq.units.schemas import UnitCloseIn, UnitCreateIn, UnitFilter, UnitMoveIn, UnitOut, UnitSearchOut, UnitUpdateIn
from antq.units.services import UnitEdit

router = Router(tags=["units"])

# What UnitOut reads: the unit's own fields and the code and name of its parent, province and
# successor. Listings load only these (a page of 100 units would otherwise build every column of
# four units per row, timestamps converted, for nothing).
_LISTED = (
    *(name for name in UnitOut.model_fields if name not in ("parent", "province", "successor")),
    "parent_id",
    "province_id",
    "successor_id",
    *(f"{rel}__{f}" for rel in ("parent", "province", "successor") for f in ("code", "name")),
)


def _listed(units: QuerySet[Unit]) -> QuerySet[Unit]:
    return units.select_related("parent", "province", "successor").only(*_LISTED)


@router.get("", response=list[UnitSearchOut], summary="Search units in your area")
@paginate(SearchPagination)
def unit_list(request: HttpRequest, filters: Query[UnitFilter]) -> object:
    units = selectors.unit_search(
        actor=actor_of(request),
        query=filters.q,
        province_code=filters.province,
        kinds=filters.kind,
        parent_code=filters.parent,
        include_historical=filters.include_historical,
    )
    return _listed(units)


@router.post("", response={201: UnitOut}, summary="Add a village, residential group or organisation")
def unit_create(request: HttpRequest, payload: UnitCreateIn) -> Status[Unit]:
    data = payload.dict()
    flags = {flag: data.pop(flag) for flag in KEY_AREA_FLAGS}
    unit = services.unit_create(actor=actor_of(request), parent_code=data.pop("parent"), flags=flags, **data)
    return Status(201, unit)


@router.get("/{code}", response=UnitOut, summary="One unit")
def unit_detail(request: HttpRequest, code: str) -> Unit:
    return selectors.unit_get(actor=actor_of(request), code=code)


@router.get("/{code}/children", response=list[UnitOut], summary="Units directly below")
@paginate
def unit_children(request: HttpRequest, code: str, include_historical: bool = False) -> object:
    actor = actor_of(request)
    unit = selectors.unit_get(actor=actor, code=code)
    return _listed(selectors.unit_children(actor=actor, unit=unit, include_historical=include_historical))


@router.patch("/{code}", response=UnitOut, summary="Edit a unit (send the version you loaded)")
def unit_update(request: HttpRequest, code: str, payload: UnitUpdateIn) -> Unit:
    actor = actor_of(request)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    # null clears coordinates; for every other field it means "leave as is".
    changes = {k: v for k, v in changes.items() if v is not None or k in ("latitude", "longitude")}
    data = UnitEdit.of(selectors.unit_get(actor=actor, code=code)).with_changes(**changes)
    return services.unit_update(actor=actor, code=code, version=version, data=data)


@router.post("/{code}/move", response=UnitOut, summary="Move a village or organisation under another unit")
def unit_move(request: HttpRequest, code: str, payload: UnitMoveIn) -> Unit:
    return services.unit_move(
        actor=actor_of(request), code=code, new_parent_code=payload.new_parent, version=payload.version
    )


@router.post("/{code}/close", response=UnitOut, summary="Close a village or organisation into a successor")
def unit_close(request: HttpRequest, code: str, payload: UnitCloseIn) -> Unit:
    return services.unit_close(
        actor=actor_of(request),
        code=code,
        successor_code=payload.successor,
        version=payload.version,
        closed_on=payload.closed_on,
    )
