"""Exemplars over the JSON API (/api/registry/exemplars)."""

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from antq.core.api import actor_of
from antq.core.schemas import VersionIn
from antq.registry.exemplars import selectors, services
from antq.registry.exemplars.models import Exemplar
from antq.registry.exemplars.schemas import ExemplarFilterIn, ExemplarIn, ExemplarOut, ExemplarUpdateIn

router = Router(tags=["exemplars"])


@router.get("", response=list[ExemplarOut], summary="Exemplars in your area")
@paginate
def exemplar_list(request: HttpRequest, filters: Query[ExemplarFilterIn]) -> object:
    return selectors.exemplar_list(actor=actor_of(request), filters=filters.to_filter())


@router.post("", response={201: ExemplarOut}, summary="Record an exemplar (unpublished)")
def exemplar_create(request: HttpRequest, payload: ExemplarIn) -> Status[Exemplar]:
    actor = actor_of(request)
    exemplar = services.exemplar_create(actor=actor, data=payload.to_input())
    return Status(201, selectors.exemplar_get(actor=actor, exemplar_id=exemplar.pk))


@router.get("/{exemplar_id}", response=ExemplarOut, summary="One exemplar")
def exemplar_detail(request: HttpRequest, exemplar_id: int) -> Exemplar:
    return selectors.exemplar_get(actor=actor_of(request), exemplar_id=exemplar_id)


@router.put(
    "/{exemplar_id}",
    response=ExemplarOut,
    summary="Replace an exemplar's details (send the version you loaded); a published one leaves the portal",
)
def exemplar_update(request: HttpRequest, exemplar_id: int, payload: ExemplarUpdateIn) -> Exemplar:
    actor = actor_of(request)
    services.exemplar_update(actor=actor, exemplar_id=exemplar_id, version=payload.version, data=payload.to_input())
    return selectors.exemplar_get(actor=actor, exemplar_id=exemplar_id)


@router.delete("/{exemplar_id}", response={204: None}, summary="Delete an exemplar")
def exemplar_delete(request: HttpRequest, exemplar_id: int, version: int) -> Status[None]:
    services.exemplar_delete(actor=actor_of(request), exemplar_id=exemplar_id, version=version)
    return Status(204, None)


@router.post("/{exemplar_id}/publish", response=ExemplarOut, summary="Publish to the public portal (leaders)")
def exemplar_publish(request: HttpRequest, exemplar_id: int, payload: VersionIn) -> Exemplar:
    actor = actor_of(request)
    services.exemplar_publish(actor=actor, exemplar_id=exemplar_id, version=payload.version)
    return selectors.exemplar_get(actor=actor, exemplar_id=exemplar_id)


@router.post("/{exemplar_id}/unpublish", response=ExemplarOut, summary="Take off the public portal (leaders)")
def exemplar_unpublish(request: HttpRequest, exemplar_id: int, payload: VersionIn) -> Exemplar:
    actor = actor_of(request)
    services.exemplar_unpublish(actor=actor, exemplar_id=exemplar_id, version=payload.version)
    return selectors.exemplar_get(actor=actor, exemplar_id=exemplar_id)
