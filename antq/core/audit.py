"""Writing the audit log. Call `audit_record` inside the service's transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from antq.core.models import AuditEntry

if TYPE_CHECKING:
    from antq.accounts.models import User


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    return value


def audit_record(
    *,
    actor: User | None,
    action: str,
    target_type: str,
    target_id: str | int,
    target_label: str,
    scope_path: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=actor.username if actor is not None else "system",
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        target_label=target_label[:255],
        scope_path=scope_path,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
    )
