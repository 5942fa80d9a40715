"""Emulation pledges over the JSON API (/api/registry/pledges)."""

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from antq.core.api import actor_of
from antq.registry.pledges import selectors, services
from antq.registry.pledges.models import EmulationPledge
from antq.registry.pledges.schemas import (
    PledgeChoicesOut,
    PledgeFilterIn,
    PledgeIn,
    PledgeOut,
    PledgeUpdateIn,
)

router = Router(tags=["emulation pledges"])


@router.get("", response=list[PledgeOut], summary="Emulation pledges in your area")
@paginate
def pledge_list(request: HttpRequest, filters: Query[PledgeFilterIn]) -> object:
    return selectors.with_party_units(selectors.pledge_list(actor=actor_of(request), filters=filters.to_filter()))


@router.post("", response={201: PledgeOut}, summary="Record an emulation pledge")
def pledge_create(request: HttpRequest, payload: PledgeIn) -> Status[EmulationPledge]:
    actor = actor_of(request)
    pledge = services.pledge_create(actor=actor, data=payload.to_input())
    return Status(201, selectors.pledge_get(actor=actor, pledge_id=pledge.pk))


@router.get(
    "/choices",
    response=PledgeChoicesOut,
    summary="What a pledge of a unit may name: its signing units below and the festival sites of its area",
)
def pledge_choices(request: HttpRequest, unit: str) -> dict[str, object]:
    actor = actor_of(request)
    found = selectors.pledge_unit(actor=actor, unit_code=unit)
    return {
        "unit": found,
        "party_units": selectors.pledge_party_choices(actor=actor, unit=found),
        "festival_sites": selectors.pledge_site_choices(actor=actor, unit=found),
    }


@router.get("/{pledge_id}", response=PledgeOut, summary="One emulation pledge")
def pledge_detail(request: HttpRequest, pledge_id: int) -> EmulationPledge:
    return selectors.pledge_get(actor=actor_of(request), pledge_id=pledge_id)


@router.put("/{pledge_id}", response=PledgeOut, summary="Replace a pledge's details (send the version you loaded)")
def pledge_update(request: HttpRequest, pledge_id: int, payload: PledgeUpdateIn) -> EmulationPledge:
    actor = actor_of(request)
    services.pledge_update(actor=actor, pledge_id=pledge_id, version=payload.version, data=payload.to_input())
    return selectors.pledge_get(actor=actor, pledge_id=pledge_id)


@router.delete("/{pledge_id}", response={204: None}, summary="Delete an emulation pledge")
def pledge_delete(request: HttpRequest, pledge_id: int, version: int) -> Status[None]:
    services.pledge_delete(actor=actor_of(request), pledge_id=pledge_id, version=version)
    return Status(204, None)
