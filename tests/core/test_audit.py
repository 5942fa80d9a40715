"""audit_record reads the entry's type, id, label and scope off the target."""

from __future__ import annotations

import pytest

from antq.core.audit import audit_record
from antq.festivals.models import FestivalSite
from antq.units.models import Unit

pytestmark = pytest.mark.django_db


def test_a_unit_is_known_by_its_code_in_its_own_subtree(actor) -> None:  # type: ignore[no-untyped-def]
    village = Unit.objects.get(code="22453-0001")
    entry = audit_record(actor("camlam.officer"), "unit.update", target=village, before={"name": "A"}, after={})
    assert (entry.target_type, entry.target_id, entry.target_label) == ("unit", "22453-0001", village.name)
    assert entry.scope_path == village.path and entry.actor_label == "camlam.officer"


def test_a_placed_record_is_scoped_to_its_unit_and_named_by_its_class(actor) -> None:  # type: ignore[no-untyped-def]
    site = FestivalSite.objects.select_related("unit").order_by("pk").first()
    assert site is not None
    entry = audit_record(actor("bo.administrator"), "site.update", target=site)
    assert (entry.target_type, entry.target_id) == ("festival_site", str(site.pk))
    assert entry.scope_path == site.unit.path and entry.target_label == str(site)[:255]


def test_an_account_is_an_account_and_the_system_may_act(user) -> None:  # type: ignore[no-untyped-def]
    account = user("camlam.viewer")
    entry = audit_record(None, "account.update", target=account, label="Khác")
    assert (entry.target_type, entry.target_label, entry.actor_label) == ("account", "Khác", "system")
    assert entry.scope_path == account.home_unit.path
