from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from antq.accounts.models import User
from antq.core.actor import Actor
from antq.core.schemas import InputSchema
from antq.units.schemas import UnitRef


class RoleOut(Schema):
    id: int
    unit: UnitRef
    role: str


class AccountOut(Schema):
    id: int
    username: str
    full_name: str
    position: str
    email: str
    phone: str
    is_active: bool
    home_unit: UnitRef | None
    version: int

    @staticmethod
    def resolve_home_unit(obj: User) -> UnitRef | None:
        return UnitRef(code=obj.home_unit.code, name=obj.home_unit.name) if obj.home_unit else None


class AccountDetailOut(AccountOut):
    roles: list[RoleOut]

    @staticmethod
    def resolve_roles(obj: User) -> list[RoleOut]:
        return [
            RoleOut(id=r.pk, unit=UnitRef(code=r.unit.code, name=r.unit.name), role=r.role)
            for r in obj.role_assignments.select_related("unit").order_by("unit__path")
        ]


class AccountFilter(InputSchema):
    q: str = ""
    unit: str | None = None


class AccountCreateIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(..., max_length=64)
    password: str = Field(..., max_length=128)
    home_unit: str
    full_name: str = Field("", max_length=150)
    position: str = Field("", max_length=150)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=32)
    role: str | None = None


class AccountUpdateIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    version: int
    full_name: str | None = Field(None, max_length=150)
    position: str | None = Field(None, max_length=150)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=32)
    is_active: bool | None = None


class RoleIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    unit: str
    role: str


class TokenIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., max_length=100)
    days: int = Field(90, ge=1, le=366, description="How many days the token works (1-366); every token expires")


class TokenOut(Schema):
    id: int
    name: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreatedOut(TokenOut):
    secret: str


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


class AuditFilter(InputSchema):
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
