"""Writing the audit log. Call `audit_record` inside the service's transaction, after the write.

    audit_record(actor, "site.cancel", target=site, before=before, after=after)

The entry's type, id, label and scope are read off the target, so no service spells them out:

- type: the model's `audit_type` if it has one, else its class name in snake case
  (`FestivalSite` -> "festival_site");
- id: `audit_id` if the model has one (units are known by their code), else the primary key;
- label: `audit_label` if the model has one, else `str(target)`;
- scope: `audit_scope` if the model has one, else the path of the unit the record is kept at
  (the model's `placed_by` lookup, or its own `path` for a unit), else the nation ("VN/"). Leaders
  browse the entries whose scope lies in their subtree.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.db import models

from antq.core.actor import Actor
from antq.core.models import AuditEntry, Placed

NATION_SCOPE = "VN/"


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    return value


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _follow(obj: Any, lookup: str) -> Any:
    for part in lookup.split("__"):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def audit_scope(target: models.Model) -> str:
    scope = getattr(target, "audit_scope", None)
    if scope is not None:
        return str(scope)
    unit = _follow(target, target.placed_by) if isinstance(target, Placed) else getattr(target, "unit", None)
    if unit is None and isinstance(getattr(target, "path", None), str):
        return str(target.path)  # type: ignore[attr-defined]
    return str(unit.path) if unit is not None else NATION_SCOPE


def audit_record(
    actor: Actor | None,
    action: str,
    *,
    target: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    label: str | None = None,
) -> AuditEntry:
    """One entry for one change of `target` by `actor` (None: the system). `label` overrides the
    target's label where the change concerns a part of it (e.g. "Mô hình X · 2025")."""
    user = actor.user if actor is not None else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=user.username if user is not None else "system",
        action=action,
        target_type=getattr(target, "audit_type", None) or _snake(type(target).__name__),
        target_id=str(getattr(target, "audit_id", None) or target.pk),
        target_label=(label if label is not None else str(getattr(target, "audit_label", None) or target))[:255],
        scope_path=audit_scope(target),
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
    )
