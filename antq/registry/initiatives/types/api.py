"""Initiative types over the JSON API (/api/registry/types)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status

from antq.core.api import actor_of
from antq.registry.initiatives.types import selectors, services
from antq.registry.initiatives.types.models import InitiativeType
from antq.registry.initiatives.types.schemas import TypeCreateIn, TypeOut, TypeUpdateIn

router = Router(tags=["movement registry"])


@router.get("", response=list[TypeOut], summary="Initiative types (the catalogue)")
def type_list(request: HttpRequest) -> QuerySet[InitiativeType]:
    return selectors.type_list(actor=actor_of(request))


@router.post("", response={201: TypeOut}, summary="Add an initiative type (administrators at the Ministry)")
def type_create(request: HttpRequest, payload: TypeCreateIn) -> Status[InitiativeType]:
    kind = services.type_create(actor=actor_of(request), code=payload.code, data=payload.to_input())
    return Status(201, kind)


@router.put("/{code}", response=TypeOut, summary="Change, retire or bring back a type (send the version)")
def type_update(request: HttpRequest, code: str, payload: TypeUpdateIn) -> InitiativeType:
    return services.type_update(actor=actor_of(request), code=code, version=payload.version, data=payload.to_input())
