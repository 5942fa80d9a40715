"""Exemplar services: viewers refused, other areas 404 for every write, stale versions, the
initiative an exemplar cites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.registry.exemplars import selectors, services
from antq.registry.exemplars.services import ExemplarInput
from antq.registry.models import Initiative, InitiativeType
from antq.units.models import Unit
from tests.registry.exemplars.factories import make

pytestmark = pytest.mark.django_db


def test_viewers_are_refused_and_other_areas_see_nothing(actor: Callable[[str], Actor]) -> None:
    with pytest.raises(Forbidden):
        make(actor("camlam.viewer"))
    exemplar = make(actor("camlam.officer"))
    with pytest.raises(NotFound):
        services.exemplar_update(
            actor=actor("thanhsen.officer"),
            exemplar_id=exemplar.pk,
            version=1,
            data=ExemplarInput("", "", "", "", 1, "", ""),
        )
    with pytest.raises(Forbidden):
        services.exemplar_delete(actor=actor("camlam.viewer"), exemplar_id=exemplar.pk, version=1)
    with pytest.raises(NotFound):
        selectors.exemplar_get(actor=actor("thanhsen.leader"), exemplar_id=exemplar.pk)


def test_service_conflict_on_publish_with_a_stale_version(actor: Callable[[str], Actor]) -> None:
    exemplar = make(actor("camlam.officer"))
    services.exemplar_publish(actor=actor("camlam.leader"), exemplar_id=exemplar.pk, version=1)
    with pytest.raises(Conflict):
        services.exemplar_unpublish(actor=actor("camlam.leader"), exemplar_id=exemplar.pk, version=1)


def test_an_initiative_must_be_of_the_exemplars_commune(actor: Callable[[str], Actor]) -> None:
    kind = InitiativeType.objects.first() or InitiativeType.objects.create(code="camera", name="Camera")

    def initiative(commune: str) -> Initiative:
        unit = Unit.objects.get(code=commune)
        return Initiative.objects.create(
            type=kind,
            name=f"Camera an ninh {unit.name}",
            unit=unit,
            province=unit.province,
            commune=unit,
            started_on=dt.date(2025, 1, 1),
            status_since=dt.date(2025, 1, 1),
        )

    own, sibling = initiative("22453"), initiative("22366")
    province_officer = actor("khanhhoa.officer")
    with pytest.raises(ValidationFailed) as refused:
        make(province_officer, initiative=sibling.pk)
    assert set(refused.value.errors) == {"initiative"}
    with pytest.raises(ValidationFailed) as unseen:
        make(actor("camlam.officer"), initiative=sibling.pk)
    assert "initiative" in unseen.value.errors
    assert make(province_officer, initiative=own.pk).initiative_id == own.pk


def test_every_write_answers_404_outside_the_actors_area(actor: Callable[[str], Actor]) -> None:
    exemplar = make(actor("camlam.officer"))
    services.exemplar_publish(actor=actor("camlam.leader"), exemplar_id=exemplar.pk, version=exemplar.version)
    outsider = actor("thanhsen.leader")
    with pytest.raises(NotFound):
        services.exemplar_delete(actor=outsider, exemplar_id=exemplar.pk, version=2)
    with pytest.raises(NotFound):
        services.exemplar_unpublish(actor=outsider, exemplar_id=exemplar.pk, version=2)
    with pytest.raises(NotFound):
        services.exemplar_publish(actor=outsider, exemplar_id=exemplar.pk, version=2)
    # Inside the area an officer may not take it off the portal (403), even with a stale version.
    with pytest.raises(Forbidden):
        services.exemplar_unpublish(actor=actor("camlam.officer"), exemplar_id=exemplar.pk, version=1)
