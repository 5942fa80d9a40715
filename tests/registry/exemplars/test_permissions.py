"""Permission-matrix rows and targets for exemplars and emulation pledges (harness: tests/permissions.py).

Targets (in `target.extra`): an unpublished exemplar (`exemplar_id`), a published one
(`published_id`) and a pledge (`pledge_id`) of the relation's unit, inserted directly (three rows:
the services are exercised by tests/test_exemplars.py and tests/test_pledges.py). Writing is for
officers covering the unit; publishing for leaders; outside the actors' commune everything is 404,
and creating under a unit outside it is a 422 naming the `unit` field, as for festival sites."""

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
PLEDGES = "/api/registry/pledges"


def _today() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


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


def _pledge_payload(t: Target) -> dict[str, object]:
    return {
        "unit": t.unit,
        "signed_on": _today(),
        "title": "Giao ước thi đua kiểm thử",
        "content": "Không có tội phạm, tệ nạn xã hội.",
    }


ROWS: list[Row] = [
    # --- exemplars (HTML) ---
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
    # --- emulation pledges (HTML) ---
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
    # --- exemplars (API) ---
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
    # --- emulation pledges (API) ---
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


def build_targets(target: Target, relation: str, system: Actor) -> None:
    """Adds this app's targets for `relation` to `target.extra`: two exemplars (one published) and
    a pledge of the relation's unit, as plain inserts."""
    from django.utils import timezone

    from antq.registry.models import EmulationPledge, Exemplar
    from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

    unit = Unit.objects.get(code=target.unit)
    place = {
        "unit": unit,
        "province": unit if unit.kind in PROVINCE_KINDS else unit.province,
        "commune": unit if unit.kind in COMMUNE_KINDS else unit.commune,
    }
    story = {"year": 2026, "summary": "Gương người tốt việc tốt", "story": "Câu chuyện kiểm thử.", **place}
    draft, published = Exemplar.objects.bulk_create(
        [
            Exemplar(kind="individual", category="good_deed", name="Ông Kiểm Thử", search_text="ong kiem thu", **story),
            Exemplar(
                kind="collective",
                category="advanced",
                name="Tổ Kiểm Thử",
                search_text="to kiem thu",
                published_at=timezone.now(),
                published_by=system.user,
                **story,
            ),
        ]
    )
    pledge = EmulationPledge.objects.create(
        signed_on=timezone.localdate(), title="Giao ước kiểm thử", content="Nội dung kiểm thử.", **place
    )
    target.extra.update(
        exemplar_id=draft.pk,
        exemplar_version=draft.version,
        published_id=published.pk,
        published_version=published.version,
        pledge_id=pledge.pk,
        pledge_version=pledge.version,
    )


MATRIX_TARGETS = [build_targets]

test_matrix = matrix(ROWS)
