"""The write kernel (antq.core.writes): scope, then role, then version — the same answer for the
same situation in every app."""

from __future__ import annotations

import pytest
from django.db import transaction

from antq.core.errors import Conflict, Forbidden, NotFound
from antq.core.writes import bump_version, lock_for_write
from antq.units import permissions
from antq.units.models import Unit

pytestmark = pytest.mark.django_db


def _lock(actor, code: str, version: int | None) -> Unit:  # type: ignore[no-untyped-def]
    with transaction.atomic():
        return lock_for_write(
            permissions.units_visible_to(actor),
            {"code": code},
            version=version,
            allowed=lambda u: permissions.can_edit_unit(actor, u),
            refusal="not yours",
        )


def test_outside_the_area_is_404_whatever_the_role_and_version(actor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound) as outside:
        _lock(actor("camlam.viewer"), "18073-0001", version=999)
    with pytest.raises(NotFound) as missing:
        _lock(actor("camlam.viewer"), "00000-9999", version=999)
    assert outside.value.status == missing.value.status == 404
    assert "18073-0001" in outside.value.message and "00000-9999" in missing.value.message


def test_inside_the_area_the_role_comes_before_the_version(actor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Forbidden) as refused:
        _lock(actor("camlam.viewer"), "22453-0001", version=999)
    assert refused.value.message == "not yours"


def test_a_stale_version_is_409_with_the_shared_message(actor) -> None:  # type: ignore[no-untyped-def]
    village = Unit.objects.get(code="22453-0001")
    with pytest.raises(Conflict) as stale:
        _lock(actor("camlam.officer"), "22453-0001", version=village.version + 1)
    assert str(Unit._meta.verbose_name) in stale.value.message  # "… this đơn vị …": the record's own name
    assert _lock(actor("camlam.officer"), "22453-0001", version=village.version).pk == village.pk
    assert _lock(actor("camlam.officer"), "22453-0001", version=None).pk == village.pk


def test_locking_outside_a_transaction_is_a_programming_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs inside a transaction, so the connection is made to say it is not in one."""

    class Autocommit:
        in_atomic_block = False

    monkeypatch.setattr(transaction, "get_connection", lambda using=None: Autocommit())
    with pytest.raises(RuntimeError, match="transaction"):
        lock_for_write(Unit.objects.all(), {"code": "22453"}, version=None)


def test_bump_version_writes_the_fields_and_moves_the_version_in_one_update() -> None:
    village = Unit.objects.get(code="22453-0001")
    before = village.version
    village.short_name = "TH"
    bump_version(village, "short_name")
    stored = Unit.objects.get(pk=village.pk)
    assert (stored.short_name, stored.version, village.version) == ("TH", before + 1, before + 1)
