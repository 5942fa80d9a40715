"""The grants of an account, for `antq.core.actor.Actor.of`: registered when the accounts app
starts (`AccountsConfig.ready`). One query per request; closed units grant nothing."""

from __future__ import annotations

from antq.accounts.models import RoleAssignment, User
from antq.core.actor import Grant


def load_grants(user: User) -> tuple[Grant, ...]:
    rows = (
        RoleAssignment.objects.filter(user=user, unit__closed_on__isnull=True)
        .select_related("unit")
        .order_by("unit__path")
    )
    return tuple(
        Grant(
            unit_id=r.unit_id,
            unit_code=r.unit.code,
            unit_name=r.unit.name,
            path=r.unit.path,
            level=r.unit.level,
            role=r.role,
        )
        for r in rows
    )
