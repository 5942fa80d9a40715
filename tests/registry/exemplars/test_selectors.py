"""Reading exemplars: the public portal's reader returns published exemplars only."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from antq.core.actor import Actor
from antq.registry.exemplars import selectors, services
from tests.registry.exemplars.factories import make

pytestmark = pytest.mark.django_db


def test_public_exemplars_are_published_ones_only_and_filter_like_the_list(actor: Callable[[str], Actor]) -> None:
    officer, leader = actor("camlam.officer"), actor("camlam.leader")
    hidden = make(officer, name="Bà Lý Thị Hạnh")
    shown = make(officer, name="Tổ tự quản thôn Đông Cam", kind="collective", category="advanced")
    services.exemplar_publish(actor=leader, exemplar_id=shown.pk, version=shown.version)
    public = selectors.public_exemplars(filters=selectors.ExemplarFilter(unit_code="22453", published=False))
    assert shown in public and hidden not in public
    assert list(selectors.public_exemplars(filters=selectors.ExemplarFilter(query="to tu quan thon dong cam"))) == [
        shown
    ]
