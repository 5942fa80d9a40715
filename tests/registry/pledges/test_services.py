"""Pledge services: every write answers 404 outside the actor's area, then 403 below an officer,
then 409 for a stale version."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound
from antq.registry.pledges import services
from antq.registry.pledges.models import EmulationPledge
from antq.registry.pledges.services import PledgeInput
from tests.registry.pledges.factories import TODAY

pytestmark = pytest.mark.django_db


def test_every_write_answers_404_outside_then_403_then_409(actor: Callable[[str], Actor]) -> None:
    data = PledgeInput(unit_code="22453", signed_on=TODAY, title="Giao ước kiểm thử", content="Nội dung.")
    pledge = services.pledge_create(actor=actor("camlam.officer"), data=data)
    outsider = actor("thanhsen.officer")
    with pytest.raises(NotFound):
        services.pledge_update(actor=outsider, pledge_id=pledge.pk, version=pledge.version, data=data)
    with pytest.raises(NotFound):
        services.pledge_delete(actor=outsider, pledge_id=pledge.pk, version=pledge.version)
    with pytest.raises(Forbidden):
        services.pledge_update(actor=actor("camlam.viewer"), pledge_id=pledge.pk, version=0, data=data)
    with pytest.raises(Conflict):
        services.pledge_delete(actor=actor("camlam.officer"), pledge_id=pledge.pk, version=0)
    assert EmulationPledge.objects.filter(pk=pledge.pk, version=1).exists()
