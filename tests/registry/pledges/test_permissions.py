"""Permission-matrix rows and targets for emulation pledges (harness: tests/permissions.py).

Target (in `target.extra`): a pledge of the relation's unit (`pledge_id`), inserted directly (the
services are exercised by the other tests of this folder). Writing is for officers covering the
unit; outside the actors' commune everything is 404, and creating under a unit outside it is a 422
naming the `unit` field, as for festival sites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.permissions import (
    ALL_OK,
    API_ALL_OK,
    API_CREATE,
    API_DELETE,
    API_WRITE,
    WRITE_HTML,
    WRITE_POST,
    api_row,
    html,
    matrix,
)

if TYPE_CHECKING:
    from antq.core.actor import Actor
    from tests.permissions import Row, Target

PLEDGES = "/api/registry/pledges"


def _pledge_payload(t: Target) -> dict[str, object]:
    from django.utils import timezone

    return {
        "unit": t.unit,
        "signed_on": timezone.localdate().isoformat(),
        "title": "Giao ước thi đua kiểm thử",
        "content": "Không có tội phạm, tệ nạn xã hội.",
    }


ROWS: list[Row] = [
    # --- HTML ---
    html("registry:pledge_list", "GET", lambda t: "/registry/pledges/?q=kiem", ALL_OK, elsewhere=None),
    html("registry:pledge_create", "GET", lambda t: "/registry/pledges/new/", WRITE_HTML, elsewhere=None),
    html("registry:pledge_choices", "GET", lambda t: f"/registry/pledges/choices/?unit={t.unit}", ALL_OK),
    html("registry:pledge_detail", "GET", lambda t: f"/registry/pledges/{t.extra['pledge_id']}/", ALL_OK),
    html("registry:pledge_edit", "GET", lambda t: f"/registry/pledges/{t.extra['pledge_id']}/edit/", WRITE_HTML),
    html(
        "registry:pledge_delete",
        "POST",
        lambda t: f"/registry/pledges/{t.extra['pledge_id']}/delete/",
        WRITE_POST,
        data=lambda t: {"version": t.extra["pledge_version"]},
    ),
    # --- API ---
    api_row("GET", PLEDGES, lambda t: f"{PLEDGES}?year=2026", API_ALL_OK, elsewhere=None),
    api_row("POST", PLEDGES, lambda t: PLEDGES, API_CREATE, elsewhere=422, data=_pledge_payload),
    api_row("GET", f"{PLEDGES}/choices", lambda t: f"{PLEDGES}/choices?unit={t.unit}", API_ALL_OK),
    api_row("GET", f"{PLEDGES}/{{pledge_id}}", lambda t: f"{PLEDGES}/{t.extra['pledge_id']}", API_ALL_OK),
    api_row(
        "PUT",
        f"{PLEDGES}/{{pledge_id}}",
        lambda t: f"{PLEDGES}/{t.extra['pledge_id']}",
        API_WRITE,
        data=lambda t: {**_pledge_payload(t), "version": t.extra["pledge_version"]},
    ),
    api_row(
        "DELETE",
        f"{PLEDGES}/{{pledge_id}}",
        lambda t: f"{PLEDGES}/{t.extra['pledge_id']}?version={t.extra['pledge_version']}",
        API_DELETE,
    ),
]


def pledge_targets(target: Target, relation: str, system: Actor) -> None:
    """Adds a pledge of the relation's unit to `target.extra`, as a plain insert."""
    from django.utils import timezone

    from antq.registry.models import EmulationPledge
    from antq.units.models import Unit

    unit = Unit.objects.get(code=target.unit)
    pledge = EmulationPledge(
        unit=unit, signed_on=timezone.localdate(), title="Giao ước kiểm thử", content="Nội dung kiểm thử."
    )
    pledge.place_at(unit)
    pledge.save()
    target.extra.update(pledge_id=pledge.pk, pledge_version=pledge.version)


MATRIX_TARGETS = [pledge_targets]

test_matrix = matrix(ROWS)
