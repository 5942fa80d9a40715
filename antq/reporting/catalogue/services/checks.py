"""What every catalogue service shares: the shape of each field (`Spec`), checked on the values as
they will be stored, the codes reserved for pages, snapshots for the audit log, and the cache
generation every change bumps."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import Forbidden
from antq.core.writes import lock_for_write
from antq.reporting.catalogue import permissions
from antq.reporting.catalogue.models import (
    Aggregation,
    IndicatorGroup,
    IndicatorOption,
    Measure,
    PeriodType,
    ReportingLevel,
)
from antq.reporting.prefill import prefill_choices
from antq.reporting.rollups.tokens import bump_generation

M = TypeVar("M", bound=models.Model)

CODE_SHAPE = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")
YEARS = (2000, 2100)
DAYS = (0, 365)
# Words that are path segments beside codes: /catalogue/indicators/new/ and the like, and
# /reports/sites/<id>/ beside a form's /reports/<form>/<period>/ (a season's key is a number).
RESERVED_CODES = frozenset({"new", "sites"})


@dataclass(frozen=True)
class Spec:
    """The shape of one input field. `low`/`high` bound integers, `limit` the length of text."""

    kind: str  # slug | text | choice | int | bool
    limit: int = 0
    low: int = 0
    high: int = 0
    choices: Any = None  # a TextChoices class, or a function returning (value, label) pairs
    required: bool = True
    nullable: bool = False
    example: str = ""


INDICATOR_SPECS: dict[str, Spec] = {
    "code": Spec("slug", limit=64, example="gift_packages"),
    "name": Spec("text", limit=200),
    "name_en": Spec("text", limit=200),
    "group": Spec("choice", choices=IndicatorGroup),
    "measure": Spec("choice", choices=Measure),
    "aggregation": Spec("choice", choices=Aggregation),
    "decimals": Spec("int", low=0, high=3),
    "per_site": Spec("bool"),
    "source": Spec("choice", choices=prefill_choices, required=False),
    "headline": Spec("bool"),
    "description": Spec("text", limit=2000, required=False),
    "active_from": Spec("int", low=YEARS[0], high=YEARS[1]),
    "active_until": Spec("int", low=YEARS[0], high=YEARS[1], required=False, nullable=True),
    "position": Spec("int", low=0, high=1_000_000),
}
OPTION_SPECS: dict[str, Spec] = {
    "code": Spec("slug", limit=32, example="firearms"),
    "name": Spec("text", limit=200),
    "name_en": Spec("text", limit=200),
    "measure": Spec("choice", choices=Measure),
    "position": Spec("int", low=0, high=10_000),
}
FORM_SPECS: dict[str, Spec] = {
    "code": Spec("slug", limit=64, example="ket-qua-ngay-hoi"),
    "name": Spec("text", limit=300),
    "name_en": Spec("text", limit=300, required=False),
    "basis": Spec("text", limit=500, required=False),
    "period_type": Spec("choice", choices=PeriodType),
    "reporting_level": Spec("choice", choices=ReportingLevel),
    "cutoff_days_before_end": Spec("int", low=DAYS[0], high=DAYS[1]),
    "commune_deadline_days": Spec("int", low=DAYS[0], high=DAYS[1]),
    "province_deadline_days": Spec("int", low=DAYS[0], high=DAYS[1]),
    "grace_days": Spec("int", low=DAYS[0], high=DAYS[1]),
    "is_active": Spec("bool"),
}


def require_manager(actor: Actor) -> None:
    if not permissions.can_manage_catalogue(actor):
        raise Forbidden(refusal())


def refusal() -> str:
    return _("Only administrators at the Ministry change the indicators and report forms.")


def lock_for_editing(visible: QuerySet[M], key: Any, *, actor: Actor, version: int | None) -> M:
    """The catalogue row with this key (a pk or lookups), locked, once the actor may change the
    catalogue and holds its latest version (404, then 403, then 409)."""
    return lock_for_write(
        visible, key, version=version, allowed=lambda _row: permissions.can_manage_catalogue(actor), refusal=refusal()
    )


def catalogue_changed() -> None:
    """Cached dashboards carry names, lines and their order: drop them all once committed.
    Catalogue changes are rare, so one global bump is cheaper than working out what they touch."""
    transaction.on_commit(lambda: bump_generation(0, "", everything=True))


def label(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(capfirst(field.verbose_name))


def check_fields(
    model: type[models.Model],
    specs: Mapping[str, Spec],
    data: Any,
    errors: dict[str, str],
    prefix: str = "",
    *,
    skip: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Check the shape of every field of the input dataclass `data` as it will be stored (None:
    the service's default, for the fields in `skip`); returns the clean values (text stripped)
    and adds field -> message, naming what would be right, to `errors`."""
    clean: dict[str, Any] = {}
    for item in dataclasses.fields(data):
        name, value = item.name, getattr(data, item.name)
        spec = specs[name]
        key = f"{prefix}{name}"
        if value is None and name in skip:
            continue
        if value is None and spec.kind in ("slug", "text", "choice"):
            value = ""
        message = _field_error(spec, label(model, name), value)
        if message:
            errors[key] = message
            continue
        clean[name] = value.strip() if isinstance(value, str) else value
    return clean


def _field_error(spec: Spec, field: str, value: Any) -> str:
    if spec.kind in ("slug", "text", "choice"):
        if not isinstance(value, str):
            return _("%(field)s: enter text.") % {"field": field}
        value = value.strip()
    if spec.kind == "slug" and (not CODE_SHAPE.match(value) or len(value) > spec.limit):
        return _(
            "%(field)s: use lowercase letters without accents, digits, “_” or “-” "
            "(at most %(n)s characters), e.g. %(example)s."
        ) % {"field": field, "n": spec.limit, "example": spec.example}
    if spec.kind == "text":
        if spec.required and not value:
            return _("%(field)s: enter it (at most %(n)s characters).") % {"field": field, "n": spec.limit}
        if len(value) > spec.limit:
            return _("%(field)s: at most %(n)s characters.") % {"field": field, "n": spec.limit}
    if spec.kind == "choice":
        choices = spec.choices.choices if isinstance(spec.choices, type) else spec.choices()  # type: ignore[attr-defined]
        if value not in {v for v, _lbl in choices}:
            allowed = ", ".join(f"{v} ({lbl})" if v else f"“” ({lbl})" for v, lbl in choices)
            return _("%(field)s: choose one of %(values)s.") % {"field": field, "values": allowed}
    if spec.kind == "int" and not (value is None and spec.nullable):
        if not isinstance(value, int) or isinstance(value, bool) or not spec.low <= value <= spec.high:
            return _("%(field)s: enter a whole number from %(a)s to %(b)s.") % {
                "field": field,
                "a": spec.low,
                "b": spec.high,
            }
    if spec.kind == "bool" and not isinstance(value, bool):
        return _("%(field)s: choose yes or no.") % {"field": field}
    return ""


def reserved(code: str) -> str:
    """The message for a code that is a path segment of a page, or ""."""
    if code in RESERVED_CODES:
        return _("Code: %(code)s is reserved for other pages; choose another code.") % {"code": code}
    return ""


def taken() -> dict[str, str]:
    """A concurrent create took the code between the check and the write."""
    return {"code": _("Code: this code was just taken; choose another.")}


def options_snapshot(indicator: Any) -> dict[str, Any]:
    return {
        "options": [
            {"code": o.code, "name": o.name, "name_en": o.name_en, "measure": o.measure, "position": o.position}
            for o in IndicatorOption.objects.filter(indicator=indicator).order_by("position", "code")
        ]
    }


def changed_only(before: dict[str, Any], after: dict[str, Any], changed: Mapping[str, Any]) -> tuple[dict, dict]:
    return {k: before[k] for k in changed}, {k: after[k] for k in changed}
