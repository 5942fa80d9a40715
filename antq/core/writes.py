"""The write kernel every service uses: lock the row, check scope, role and version, in that order,
so the same situation gets the same answer in every app.

    with transaction.atomic():
        site = lock_for_write(
            sites_visible_to(actor), site_id, version=version,
            allowed=lambda s: can_write_site(actor, s.unit),
            refusal=lambda s: _("Your role at %(unit)s does not allow changing its sites.") % {"unit": s.unit},
        )
        ...
        bump_version(site, "venue", "date")

1. scope — the row is looked up among what the actor may see; missing and outside the actor's
   area are the same 404 (`NotFound`), so ids cannot be probed;
2. role — seen but not the actor's to change: 403 (`Forbidden`) with the caller's reason;
3. version — someone saved since the actor loaded it: 409 (`Conflict`), one message everywhere.

It refuses to run outside a transaction: the row lock would end before the write.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.errors import Conflict, Forbidden, NotFound

M = TypeVar("M", bound=models.Model)


def stale(obj: models.Model) -> Conflict:
    """The one answer to an edit made on an old version of `obj`."""
    return Conflict(
        _("Someone else changed this %(what)s after you opened it. Reload it to see their change, then try again.")
        % {"what": obj._meta.verbose_name}
    )


def missing(model: type[models.Model], key: Any) -> NotFound:
    """The one answer to an id that does not exist or lies outside the actor's area."""
    shown = ", ".join(str(v) for v in key.values()) if isinstance(key, Mapping) else str(key)
    what = str(model._meta.verbose_name)
    return NotFound(
        _("%(what)s %(key)s does not exist or is outside your area.")
        % {"what": what[:1].upper() + what[1:], "key": shown}
    )


def lock_for_write(
    visible: QuerySet[M],
    key: Any,
    *,
    version: int | None,
    allowed: Callable[[M], bool] | None = None,
    refusal: str | Callable[[M], str] = "",
    related: Sequence[str] = (),
) -> M:
    """The row of `visible` (the actor's `*_visible_to` queryset) with primary key `key` (or the
    lookups of a mapping, e.g. {"code": "camera"}), locked until the transaction ends, once the
    actor may change it (`allowed`) and, unless `version` is None, holds its latest version."""
    if not transaction.get_connection(visible.db).in_atomic_block:
        raise RuntimeError("lock_for_write needs a transaction: call it inside transaction.atomic()")
    lookups = dict(key) if isinstance(key, Mapping) else {"pk": key}
    query = visible.select_for_update(of=("self",)).filter(**lookups)
    if related:
        query = query.select_related(*related)
    obj = query.first()
    if obj is None:
        raise missing(visible.model, key)
    if allowed is not None and not allowed(obj):
        message = refusal(obj) if callable(refusal) else refusal
        raise Forbidden(message or _("Your role does not allow this change."))
    if version is not None and getattr(obj, "version", None) != version:
        raise stale(obj)
    return obj


def bump_version(obj: models.Model, *fields: str) -> None:
    """Write `fields` of `obj` and move its version on, in one UPDATE (never a read-modify-write of
    the version); `updated_at` follows when the model has one."""
    values: dict[str, Any] = {name: getattr(obj, name) for name in fields}
    names = {f.name for f in obj._meta.concrete_fields}
    if "updated_at" in names:
        values["updated_at"] = timezone.now()
        obj.updated_at = values["updated_at"]  # type: ignore[attr-defined]
    type(obj)._base_manager.filter(pk=obj.pk).update(version=F("version") + 1, **values)
    obj.version += 1  # type: ignore[attr-defined]
