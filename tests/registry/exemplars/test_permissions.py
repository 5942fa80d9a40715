"""Permission-matrix rows and targets for exemplars (harness: tests/permissions.py).

Targets (in `target.extra`): an unpublished exemplar (`exemplar_id`) and a published one
(`published_id`) of the relation's unit, inserted directly (the services are exercised by the
other tests of this folder). Writing is for officers covering the unit; publishing for leaders;
outside the actors' commune everything is 404, and creating under a unit outside it is a 422
naming the `unit` field, as for festival sites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.permissions import (
    ALL_OK,
    API_ALL_OK,
    API_CREATE,
    API_DELETE,
    API_WRITE,
    LOGIN,
    UNAUTH,
    WRITE_HTML,
    WRITE_POST,
    api_row,
    by_role,
    html,
    matrix,
)

if TYPE_CHECKING:
    from antq.core.actor import Actor
    from tests.permissions import Row, Target

PUBLISH_POST = by_role(LOGIN, 403, 403, 302, 302)
API_PUBLISH = by_role(UNAUTH, 403, 403, 200, 200)
EXEMPLARS = "/api/registry/exemplars"


def _exemplar_payload(t: Target) -> dict[str, object]:
    from django.utils import timezone

    return {
        "unit": t.unit,
        "kind": "individual",
        "category": "good_deed",
        "name": "Ông Nguyễn Văn Mới",
        "year": timezone.localdate().year,
        "summary": "Trả lại tài sản bị đánh rơi.",
        "story": "Nhặt được ví tiền và trả lại người đánh rơi.",
    }


ROWS: list[Row] = [
    # --- HTML ---
    html("registry:exemplar_list", "GET", lambda t: "/registry/exemplars/?q=kiem", ALL_OK, elsewhere=None),
    html("registry:exemplar_create", "GET", lambda t: "/registry/exemplars/new/", WRITE_HTML, elsewhere=None),
    html("registry:exemplar_detail", "GET", lambda t: f"/registry/exemplars/{t.extra['exemplar_id']}/", ALL_OK),
    html("registry:exemplar_edit", "GET", lambda t: f"/registry/exemplars/{t.extra['exemplar_id']}/edit/", WRITE_HTML),
    html(
        "registry:exemplar_delete",
        "POST",
        lambda t: f"/registry/exemplars/{t.extra['exemplar_id']}/delete/",
        WRITE_POST,
        data=lambda t: {"version": t.extra["exemplar_version"]},
    ),
    html(
        "registry:exemplar_publish",
        "POST",
        lambda t: f"/registry/exemplars/{t.extra['exemplar_id']}/publish/",
        PUBLISH_POST,
        data=lambda t: {"version": t.extra["exemplar_version"]},
    ),
    html(
        "registry:exemplar_unpublish",
        "POST",
        lambda t: f"/registry/exemplars/{t.extra['published_id']}/unpublish/",
        PUBLISH_POST,
        data=lambda t: {"version": t.extra["published_version"]},
    ),
    # --- API ---
    api_row("GET", EXEMPLARS, lambda t: f"{EXEMPLARS}?year=2026", API_ALL_OK, elsewhere=None),
    api_row("POST", EXEMPLARS, lambda t: EXEMPLARS, API_CREATE, elsewhere=422, data=_exemplar_payload),
    api_row(
        "GET",
        f"{EXEMPLARS}/{{exemplar_id}}",
        lambda t: f"{EXEMPLARS}/{t.extra['exemplar_id']}",
        API_ALL_OK,
    ),
    api_row(
        "PUT",
        f"{EXEMPLARS}/{{exemplar_id}}",
        lambda t: f"{EXEMPLARS}/{t.extra['exemplar_id']}",
        API_WRITE,
        data=lambda t: {**_exemplar_payload(t), "version": t.extra["exemplar_version"]},
    ),
    api_row(
        "DELETE",
        f"{EXEMPLARS}/{{exemplar_id}}",
        lambda t: f"{EXEMPLARS}/{t.extra['exemplar_id']}?version={t.extra['exemplar_version']}",
        API_DELETE,
    ),
    api_row(
        "POST",
        f"{EXEMPLARS}/{{exemplar_id}}/publish",
        lambda t: f"{EXEMPLARS}/{t.extra['exemplar_id']}/publish",
        API_PUBLISH,
        data=lambda t: {"version": t.extra["exemplar_version"]},
    ),
    api_row(
        "POST",
        f"{EXEMPLARS}/{{exemplar_id}}/unpublish",
        lambda t: f"{EXEMPLARS}/{t.extra['published_id']}/unpublish",
        API_PUBLISH,
        data=lambda t: {"version": t.extra["published_version"]},
    ),
]


def exemplar_targets(target: Target, relation: str, system: Actor) -> None:
    """Adds two exemplars of the relation's unit to `target.extra`, one published, as plain inserts."""
    from django.utils import timezone

    from antq.registry.models import Exemplar
    from antq.units.models import Unit

    unit = Unit.objects.get(code=target.unit)
    story = {"unit": unit, "year": 2026, "summary": "Gương người tốt việc tốt", "story": "Câu chuyện kiểm thử."}
    draft = Exemplar(kind="individual", category="good_deed", name="Ông Kiểm Thử", search_text="ong kiem thu", **story)
    published = Exemplar(
        kind="collective",
        category="advanced",
        name="Tổ Kiểm Thử",
        search_text="to kiem thu",
        published_at=timezone.now(),
        published_by=system.user,
        **story,
    )
    for exemplar in (draft, published):
        exemplar.place_at(unit)
    Exemplar.objects.bulk_create([draft, published])
    target.extra.update(
        exemplar_id=draft.pk,
        exemplar_version=draft.version,
        published_id=published.pk,
        published_version=published.version,
    )


MATRIX_TARGETS = [exemplar_targets]

test_matrix = matrix(ROWS)
