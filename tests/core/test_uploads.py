"""Files kept between an import's dry run and its confirmation are their uploader's only."""

from __future__ import annotations

import pytest

from antq.core.uploads import kept_file_drop, kept_file_read, kept_file_save

pytestmark = pytest.mark.django_db


def test_a_kept_file_is_read_back_by_its_owner_only_and_dropped(actor) -> None:  # type: ignore[no-untyped-def]
    owner, other = actor("camlam.officer"), actor("camlam.leader")
    token = kept_file_save(actor=owner, kind="sites", data=b"xlsx")
    assert kept_file_read(actor=owner, kind="sites", token=token) == b"xlsx"
    assert kept_file_read(actor=other, kind="sites", token=token) is None
    assert kept_file_read(actor=owner, kind="reporting", token=token) is None
    kept_file_drop(actor=owner, kind="sites", token=token)
    assert kept_file_read(actor=owner, kind="sites", token=token) is None


@pytest.mark.parametrize("token", ["../../secret_key", "a" * 31, "", "ABCDEF" + "0" * 26])
def test_a_token_that_is_not_one_of_ours_reads_nothing(actor, token: str) -> None:  # type: ignore[no-untyped-def]
    assert kept_file_read(actor=actor("camlam.officer"), kind="sites", token=token) is None
