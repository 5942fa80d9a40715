from typing import Any

from django.http import FileResponse, HttpRequest
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from antq.core.api import actor_of
from antq.registry import selectors, services
from antq.registry.models import Initiative
from antq.registry.schemas import (
    AreaCountsOut,
    EvaluationIn,
    EvaluationOut,
    InitiativeDetailOut,
    InitiativeFilterIn,
    InitiativeIn,
    InitiativeOut,
    InitiativeUpdateIn,
    PhotoOut,
    SourceOut,
    StatusIn,
    TypeCreateIn,
    TypeOut,
    TypeUpdateIn,
    type_out,
)
from antq.registry.selectors import Counts, InitiativeFilter
from antq.reporting.reports.selectors import unit_for

router = Router(tags=["movement registry"])


def _filters(f: InitiativeFilterIn) -> InitiativeFilter:
    return InitiativeFilter(
        unit_code=f.unit,
        type_code=f.type,
        status=f.status,
        replicated=f.replicated,
        started_year=f.started_year,
        query=f.q,
    )


def _detail(request: HttpRequest, initiative_id: int) -> Initiative:
    return selectors.initiative_get(actor=actor_of(request), initiative_id=initiative_id)


@router.get("/types", response=list[TypeOut], summary="Initiative types (the catalogue)")
def type_list(request: HttpRequest) -> list[TypeOut]:
    actor_of(request)
    return [type_out(kind) for kind in selectors.type_list()]


@router.post("/types", response={201: TypeOut}, summary="Add an initiative type (administrators at the Ministry)")
def type_create(request: HttpRequest, payload: TypeCreateIn) -> Status[TypeOut]:
    kind = services.type_create(actor=actor_of(request), data=payload.dict())
    return Status(201, type_out(kind))


@router.put("/types/{code}", response=TypeOut, summary="Change, retire or bring back a type (send the version)")
def type_update(request: HttpRequest, code: str, payload: TypeUpdateIn) -> TypeOut:
    data = payload.dict()
    version = data.pop("version")
    return type_out(services.type_update(actor=actor_of(request), code=code, version=version, data=data))


@router.get("/initiatives", response=list[InitiativeOut], summary="Initiatives in your area")
@paginate
def initiative_list(request: HttpRequest, filters: Query[InitiativeFilterIn]) -> object:
    return selectors.initiative_list(actor=actor_of(request), filters=_filters(filters))


@router.post("/initiatives", response={201: InitiativeDetailOut}, summary="Register an initiative")
def initiative_create(request: HttpRequest, payload: InitiativeIn) -> Status[Initiative]:
    initiative = services.initiative_create(actor=actor_of(request), data=payload.to_input())
    return Status(201, _detail(request, initiative.pk))


@router.get(
    "/initiatives/sources",
    response=list[SourceOut],
    summary="Working initiatives anywhere, to pick the one a new initiative replicates",
)
def initiative_sources(request: HttpRequest, q: str = "", type: str = "") -> list[dict[str, object]]:
    actor_of(request)
    return selectors.replication_sources(query=q, type_code=type)


@router.get("/initiatives/{initiative_id}", response=InitiativeDetailOut, summary="One initiative with its history")
def initiative_detail(request: HttpRequest, initiative_id: int) -> Initiative:
    return _detail(request, initiative_id)


@router.put("/initiatives/{initiative_id}", response=InitiativeDetailOut, summary="Replace an initiative's details")
def initiative_update(request: HttpRequest, initiative_id: int, payload: InitiativeUpdateIn) -> Initiative:
    services.initiative_update(
        actor=actor_of(request), initiative_id=initiative_id, version=payload.version, data=payload.to_input()
    )
    return _detail(request, initiative_id)


@router.delete("/initiatives/{initiative_id}", response={204: None}, summary="Delete an entry made by mistake")
def initiative_delete(request: HttpRequest, initiative_id: int, version: int) -> Status[None]:
    services.initiative_delete(actor=actor_of(request), initiative_id=initiative_id, version=version)
    return Status(204, None)


@router.post(
    "/initiatives/{initiative_id}/status",
    response=InitiativeDetailOut,
    summary="Record that it became working well, weak or dissolved on a date",
)
def initiative_status(request: HttpRequest, initiative_id: int, payload: StatusIn) -> Initiative:
    services.initiative_set_status(
        actor=actor_of(request),
        initiative_id=initiative_id,
        version=payload.version,
        status=payload.status,
        on=payload.on,
        note=payload.note,
    )
    return _detail(request, initiative_id)


@router.post("/initiatives/{initiative_id}/evaluations", response=EvaluationOut, summary="Record a year's evaluation")
def initiative_evaluate(request: HttpRequest, initiative_id: int, payload: EvaluationIn) -> EvaluationOut:
    evaluation = services.initiative_evaluate(
        actor=actor_of(request),
        initiative_id=initiative_id,
        version=payload.version,
        year=payload.year,
        rating=payload.rating,
        note=payload.note,
    )
    return EvaluationOut(year=evaluation.year, rating=evaluation.rating, note=evaluation.note)


@router.post(
    "/initiatives/{initiative_id}/photos",
    response={201: PhotoOut},
    summary="Add a photo (JPEG, PNG or WebP, at most 10 MB)",
)
def photo_add(
    request: HttpRequest, initiative_id: int, photo: File[UploadedFile], caption: Form[str] = ""
) -> Status[PhotoOut]:
    added = services.photo_add(actor=actor_of(request), initiative_id=initiative_id, upload=photo, caption=caption)
    return Status(
        201,
        PhotoOut(
            id=added.pk,
            caption=added.caption,
            width=added.width,
            height=added.height,
            url=f"/api/registry/initiatives/{initiative_id}/photos/{added.pk}",
        ),
    )


@router.get("/initiatives/{initiative_id}/photos/{photo_id}", summary="One photo (the file)")
def photo_file(request: HttpRequest, initiative_id: int, photo_id: int) -> FileResponse:
    photo = selectors.photo_get(actor=actor_of(request), initiative_id=initiative_id, photo_id=photo_id)
    return FileResponse(photo.image.open("rb"), filename=photo.image.name.rsplit("/", 1)[-1])


@router.delete("/initiatives/{initiative_id}/photos/{photo_id}", response={204: None}, summary="Remove a photo")
def photo_delete(request: HttpRequest, initiative_id: int, photo_id: int) -> Status[None]:
    services.photo_delete(actor=actor_of(request), initiative_id=initiative_id, photo_id=photo_id)
    return Status(204, None)


def _counts(counts: Counts) -> dict[str, Any]:
    return {
        "active": counts.active,
        "weak": counts.weak,
        "dissolved": counts.dissolved,
        "replicated": counts.replicated,
        "members": counts.members,
        "households": counts.households,
        "by_type": counts.by_type,
    }


@router.get(
    "/counts",
    response=AreaCountsOut,
    summary="Initiatives of an area today by status, type and replication, per unit one level down",
)
def counts(request: HttpRequest, unit: str = "") -> dict[str, Any]:
    actor = actor_of(request)
    area = selectors.counts_for(actor=actor, unit=unit_for(actor, unit))
    return {
        "unit": {"code": area.unit.code, "name": area.unit.name},
        "total": _counts(area.total),
        "children": [{"unit": {"code": u.code, "name": u.name}, **_counts(c)} for u, c in area.children],
    }


__all__ = ["router"]
