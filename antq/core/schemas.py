from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from antq.accounts.actor import Actor


class HealthOut(Schema):
    status: str
    database: str


class GrantOut(Schema):
    unit_code: str
    unit_name: str
    role: str


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    roles: list[GrantOut]

    @classmethod
    def of(cls, actor: Actor) -> MeOut:
        return cls(
            id=actor.user.pk,
            username=actor.user.username,
            full_name=actor.user.full_name,
            roles=[GrantOut(unit_code=g.unit_code, unit_name=g.unit_name, role=g.role) for g in actor.grants],
        )


class AuditFilter(Schema):
    action: str = ""
    actor_name: str = ""
    unit_code: str = ""
    target: str = ""


class AuditEntryOut(Schema):
    id: int
    at: dt.datetime
    actor_label: str
    action: str
    target_type: str
    target_id: str
    target_label: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class JobOut(Schema):
    id: str
    label: str
    state: str
    progress: int
    message: str
    file_name: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    file_url: str | None
