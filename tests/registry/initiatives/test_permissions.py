"""Permission-matrix rows and targets for initiatives (harness: tests/permissions.py); the types' rows
are in tests/registry/initiatives/types/test_permissions.py."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from tests.permissions import (
    API_ALL_OK,
    API_CREATE,
    API_DELETE,
    API_WRITE,
    LOGIN,
    UNAUTH,
    WRITE_HTML,
    Row,
    api_row,
    by_role,
    html,
    matrix,
)

if TYPE_CHECKING:
    from antq.core.actor import Actor
    from tests.permissions import Target

ALL_OK = by_role(LOGIN, 200, 200, 200, 200)
WRITE_POST = by_role(LOGIN, 403, 302, 302, 302)


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _photo_upload() -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("anh.png", _png(), "image/png")


def build_targets(target: Target, relation: str, system: Actor) -> None:
    """An initiative in the relation's unit (the province's own for "ancestor") with one photo."""
    from django.core.files.base import ContentFile

    from antq.registry.models import Initiative, InitiativePhoto, InitiativeStatusChange, InitiativeType
    from antq.units.models import Unit

    unit = Unit.objects.get(code=target.unit)
    started = dt.date(2024, 1, 10)
    initiative = Initiative(
        type=InitiativeType.objects.get(code="camera"),
        name=f"Mô hình kiểm thử {relation}",
        unit=unit,
        started_on=started,
        status_since=started,
        counts={"cameras": 3},
    )
    initiative.place_at(unit)
    initiative.save()
    InitiativeStatusChange.objects.create(initiative=initiative, status="active", on=started)
    photo = InitiativePhoto(initiative=initiative, caption="Ảnh", width=4, height=4)
    photo.image.save("matrix.png", ContentFile(_png()), save=True)
    target.extra.update(initiative=initiative.pk, initiative_version=initiative.version, photo=photo.pk)


def _i(t: Target) -> int:
    return int(t.extra["initiative"])


def _payload(t: Target) -> dict[str, object]:
    return {
        "version": t.extra["initiative_version"],
        "type": "camera",
        "unit": t.unit,
        "name": "Mô hình đổi tên",
        "started_on": "2024-01-10",
        "counts": {"cameras": 4},
    }


TODAY = dt.date.today().isoformat()

ROWS: list[Row] = [
    html("registry:initiative_list", "GET", lambda t: "/registry/", ALL_OK, elsewhere=None),
    html("registry:initiative_counts", "GET", lambda t: f"/registry/counts/?unit={t.unit}", ALL_OK),
    html("registry:initiative_create", "GET", lambda t: "/registry/new/", WRITE_HTML, elsewhere=None),
    html("registry:initiative_sources", "GET", lambda t: "/registry/sources/?source_q=camera", ALL_OK, elsewhere=None),
    html("registry:initiative_detail", "GET", lambda t: f"/registry/{_i(t)}/", ALL_OK),
    html("registry:initiative_edit", "GET", lambda t: f"/registry/{_i(t)}/edit/", WRITE_HTML),
    html(
        "registry:initiative_status",
        "POST",
        lambda t: f"/registry/{_i(t)}/status/",
        WRITE_POST,
        data=lambda t: {"version": t.extra["initiative_version"], "status": "weak", "on": TODAY},
    ),
    html(
        "registry:initiative_evaluate",
        "POST",
        lambda t: f"/registry/{_i(t)}/evaluate/",
        WRITE_POST,
        data=lambda t: {"version": t.extra["initiative_version"], "year": 2025, "rating": "effective"},
    ),
    html(
        "registry:initiative_photo_add",
        "POST",
        lambda t: f"/registry/{_i(t)}/photos/",
        WRITE_POST,
        data=lambda t: {"photo": _photo_upload(), "caption": "Ảnh mới"},
        multipart=True,
    ),
    html("registry:initiative_photo", "GET", lambda t: f"/registry/{_i(t)}/photos/{t.extra['photo']}/", ALL_OK),
    html(
        "registry:initiative_photo_delete",
        "POST",
        lambda t: f"/registry/{_i(t)}/photos/{t.extra['photo']}/delete/",
        WRITE_POST,
    ),
    html(
        "registry:initiative_delete",
        "POST",
        lambda t: f"/registry/{_i(t)}/delete/",
        WRITE_POST,
        data=lambda t: {"version": t.extra["initiative_version"]},
    ),
    # --- API ---
    api_row("GET", "/api/registry/initiatives", lambda t: "/api/registry/initiatives", API_ALL_OK, elsewhere=None),
    api_row(
        "POST",
        "/api/registry/initiatives",
        lambda t: "/api/registry/initiatives",
        API_CREATE,
        elsewhere=422,
        data=lambda t: {"type": "camera", "unit": t.unit, "name": "Mô hình mới", "started_on": "2025-03-01"},
    ),
    api_row(
        "GET",
        "/api/registry/initiatives/sources",
        lambda t: "/api/registry/initiatives/sources?q=camera",
        API_ALL_OK,
        elsewhere=None,
    ),
    api_row(
        "GET", "/api/registry/initiatives/{initiative_id}", lambda t: f"/api/registry/initiatives/{_i(t)}", API_ALL_OK
    ),
    api_row(
        "PUT",
        "/api/registry/initiatives/{initiative_id}",
        lambda t: f"/api/registry/initiatives/{_i(t)}",
        API_WRITE,
        data=_payload,
    ),
    api_row(
        "DELETE",
        "/api/registry/initiatives/{initiative_id}",
        lambda t: f"/api/registry/initiatives/{_i(t)}?version={t.extra['initiative_version']}",
        API_DELETE,
    ),
    api_row(
        "POST",
        "/api/registry/initiatives/{initiative_id}/status",
        lambda t: f"/api/registry/initiatives/{_i(t)}/status",
        API_WRITE,
        data=lambda t: {"version": t.extra["initiative_version"], "status": "weak", "on": TODAY},
    ),
    api_row(
        "POST",
        "/api/registry/initiatives/{initiative_id}/evaluations",
        lambda t: f"/api/registry/initiatives/{_i(t)}/evaluations",
        API_WRITE,
        data=lambda t: {"version": t.extra["initiative_version"], "year": 2025, "rating": "exemplary"},
    ),
    api_row(
        "POST",
        "/api/registry/initiatives/{initiative_id}/photos",
        lambda t: f"/api/registry/initiatives/{_i(t)}/photos",
        by_role(UNAUTH, 403, 201, 201, 201),
        data=lambda t: {"photo": _photo_upload(), "caption": "Ảnh"},
        multipart=True,
    ),
    api_row(
        "GET",
        "/api/registry/initiatives/{initiative_id}/photos/{photo_id}",
        lambda t: f"/api/registry/initiatives/{_i(t)}/photos/{t.extra['photo']}",
        API_ALL_OK,
    ),
    api_row(
        "DELETE",
        "/api/registry/initiatives/{initiative_id}/photos/{photo_id}",
        lambda t: f"/api/registry/initiatives/{_i(t)}/photos/{t.extra['photo']}",
        API_DELETE,
    ),
    api_row("GET", "/api/registry/counts", lambda t: f"/api/registry/counts?unit={t.unit}", API_ALL_OK),
]


MATRIX_TARGETS = [build_targets]

test_matrix = matrix(ROWS)
