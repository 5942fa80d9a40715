"""Keeping the initiative types: scope (404) → role (403) → version (409), a count in use kept, the
reporting indicator's option in step, the audit entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.models import AuditEntry
from antq.registry.initiatives import services as initiative_services
from antq.registry.initiatives.types import services
from antq.registry.initiatives.types.models import InitiativeType
from antq.registry.initiatives.types.services import InitiativeTypeInput, MeasureInput
from antq.reporting.models import IndicatorOption
from tests.registry.initiatives.factories import camera_input

pytestmark = pytest.mark.django_db


def camera_as_it_is(**changes: Any) -> InitiativeTypeInput:
    kind = InitiativeType.objects.get(code="camera")
    data = InitiativeTypeInput(
        name=kind.name,
        name_en=kind.name_en,
        description=kind.description,
        measures=tuple(MeasureInput(**m) for m in kind.measures),
        is_active=kind.is_active,
    )
    return replace(data, **changes)


def test_an_update_is_checked_for_scope_then_role_then_version(actor: Callable[[str], Actor]) -> None:
    ministry, commune_admin = actor("bo.administrator"), actor("camlam.administrator")
    with pytest.raises(NotFound):
        services.type_update(actor=commune_admin, code="no_such_type", version=1, data=camera_as_it_is())
    with pytest.raises(Forbidden):
        services.type_update(actor=commune_admin, code="camera", version=0, data=camera_as_it_is())
    with pytest.raises(Conflict):
        services.type_update(actor=ministry, code="camera", version=0, data=camera_as_it_is())
    kind = InitiativeType.objects.get(code="camera")
    renamed = services.type_update(
        actor=ministry, code="camera", version=kind.version, data=camera_as_it_is(name="Camera giám sát ANTT")
    )
    assert renamed.version == kind.version + 1
    assert IndicatorOption.objects.get(indicator__code="initiatives_by_type", code="camera").name == renamed.name
    entry = AuditEntry.objects.get(action="initiative_type.update", target_id=str(kind.pk))
    assert entry.target_type == "initiative_type" and entry.scope_path == "VN/"
    assert entry.before is not None and entry.before["name"] == kind.name


def test_a_count_recorded_by_initiatives_is_not_removed(actor: Callable[[str], Actor]) -> None:
    initiative_services.initiative_create(actor=actor("camlam.officer"), data=camera_input())
    kind = InitiativeType.objects.get(code="camera")
    kept = tuple(MeasureInput(**m) for m in kind.measures if m["code"] != "cameras")
    with pytest.raises(ValidationFailed) as excinfo:
        services.type_update(
            actor=actor("bo.administrator"), code="camera", version=kind.version, data=camera_as_it_is(measures=kept)
        )
    assert "cameras" in excinfo.value.errors["measures"]
    with pytest.raises(Forbidden):
        services.type_create(actor=actor("khanhhoa.administrator"), code="fire_watch", data=camera_as_it_is())
