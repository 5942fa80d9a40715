"""Initiatives over the JSON API (/api/registry/initiatives, /api/registry/counts)."""

from django.http import FileResponse, HttpRequest
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from antq.core.api import actor_of
from antq.registry.initiatives import counts, selectors, services
from antq.registry.initiatives.models import Initiative, InitiativeEvaluation, InitiativePhoto
from antq.registry.initiatives.schemas import (
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
)

router = Router(tags=["movement registry"])


def _detail(request: HttpRequest, initiative_id: int) -> Initiative:
    return selectors.initiative_get(actor=actor_of(request), initiative_id=initiative_id)


@router.get("/initiatives", response=list[InitiativeOut], summary="Initiatives in your area")
@paginate
def initiative_list(request: HttpRequest, filters: Query[InitiativeFilterIn]) -> object:
    return selectors.initiative_list(actor=actor_of(request), filters=filters.to_filter())


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
    return selectors.replication_sources(actor=actor_of(request), query=q, type_code=type)


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
    services.initiative_set_status(actor=actor_of(request), initiative_id=initiative_id, **payload.dict())
    return _detail(request, initiative_id)


@router.post("/initiatives/{initiative_id}/evaluations", response=EvaluationOut, summary="Record a year's evaluation")
def initiative_evaluate(request: HttpRequest, initiative_id: int, payload: EvaluationIn) -> InitiativeEvaluation:
    return services.initiative_evaluate(actor=actor_of(request), initiative_id=initiative_id, **payload.dict())


@router.post(
    "/initiatives/{initiative_id}/photos",
    response={201: PhotoOut},
    summary="Add a photo (JPEG, PNG or WebP, at most 10 MB)",
)
def photo_add(
    request: HttpRequest, initiative_id: int, photo: File[UploadedFile], caption: Form[str] = ""
) -> Status[InitiativePhoto]:
    added = services.photo_add(actor=actor_of(request), initiative_id=initiative_id, photo=photo, caption=caption)
    return Status(201, added)


@router.get("/initiatives/{initiative_id}/photos/{photo_id}", summary="One photo (the file)")
def photo_file(request: HttpRequest, initiative_id: int, photo_id: int) -> FileResponse:
    photo = selectors.photo_get(actor=actor_of(request), initiative_id=initiative_id, photo_id=photo_id)
    return FileResponse(photo.image.open("rb"), filename=photo.image.name.rsplit("/", 1)[-1])


@router.delete("/initiatives/{initiative_id}/photos/{photo_id}", response={204: None}, summary="Remove a photo")
def photo_delete(request: HttpRequest, initiative_id: int, photo_id: int) -> Status[None]:
    services.photo_delete(actor=actor_of(request), initiative_id=initiative_id, photo_id=photo_id)
    return Status(204, None)


@router.get(
    "/counts",
    response=AreaCountsOut,
    summary="Initiatives of an area today by status, type and replication, per unit one level down",
)
def initiative_counts(request: HttpRequest, unit: str = "") -> AreaCountsOut:
    return AreaCountsOut.of(counts.area_counts(actor=actor_of(request), unit_code=unit))
