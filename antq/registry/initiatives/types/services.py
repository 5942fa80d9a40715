"""Keeping the catalogue of initiative types: administrators at the Ministry add, rename, change
the counts recorded, retire and bring back types. The reporting indicator "initiatives by type"
keeps one option per type, in step (`option_ensure`), in the same transaction."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import Forbidden, ValidationFailed
from antq.core.writes import lock_for_write
from antq.registry.initiatives.models import Initiative
from antq.registry.initiatives.types import permissions
from antq.registry.initiatives.types.models import InitiativeType
from antq.reporting.catalogue.services import option_ensure

CODE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
BY_TYPE_INDICATOR = "initiatives_by_type"


@dataclass(frozen=True)
class MeasureInput:
    """One count a type's initiatives record (e.g. cameras), as entered."""

    code: str
    name: str
    name_en: str = ""


@dataclass(frozen=True)
class InitiativeTypeInput:
    """A type's fields as entered (its code is its key, given apart)."""

    name: str
    name_en: str = ""
    description: str = ""
    measures: tuple[MeasureInput, ...] = ()
    is_active: bool = True


def _refusal() -> str:
    return _("Only administrators at the Ministry change the initiative types.")


def _clean_measures(rows: Sequence[MeasureInput], errors: dict[str, str]) -> list[dict[str, str]]:
    measures: list[dict[str, str]] = []
    seen: set[str] = set()
    for index, row in enumerate(rows):
        code, name, name_en = row.code.strip(), row.name.strip(), row.name_en.strip()
        if not CODE.match(code):
            errors[f"measures.{index}.code"] = _(
                "Count %(n)s: the code is 2–32 lower-case letters, digits or “_”, starting with a letter, e.g. cameras."
            ) % {"n": index + 1}
        elif code in seen:
            errors[f"measures.{index}.code"] = _("Count %(n)s: code %(code)s is used twice.") % {
                "n": index + 1,
                "code": code,
            }
        if not name or len(name) > 100:
            errors[f"measures.{index}.name"] = _("Count %(n)s: enter its Vietnamese name (at most 100 characters).") % {
                "n": index + 1
            }
        seen.add(code)
        measures.append({"code": code, "name": name, "name_en": name_en[:100]})
    return measures


def _values(data: InitiativeTypeInput, errors: dict[str, str]) -> dict[str, Any]:
    name = data.name.strip()
    if not name or len(name) > 200:
        errors["name"] = _("Enter the Vietnamese name (at most 200 characters), e.g. “Camera bảo đảm ANTT”.")
    return {
        "name": name,
        "name_en": data.name_en.strip()[:200],
        "description": data.description.strip(),
        "measures": _clean_measures(data.measures, errors),
        "is_active": data.is_active,
    }


def _option_follows(actor: Actor, kind: InitiativeType) -> None:
    """The reporting indicator "initiatives by type" has one option per type."""
    option_ensure(actor=actor, indicator_code=BY_TYPE_INDICATOR, code=kind.code, name=kind.name, name_en=kind.name_en)


@transaction.atomic
def type_create(*, actor: Actor, code: str, data: InitiativeTypeInput) -> InitiativeType:
    """Add a type at the end of the catalogue. Administrators at the Ministry."""
    if not permissions.can_manage_types(actor):
        raise Forbidden(_refusal())
    errors: dict[str, str] = {}
    code = code.strip()
    if not CODE.match(code):
        errors["code"] = _("The code is 2–32 lower-case letters, digits or “_”, starting with a letter, e.g. camera.")
    elif InitiativeType.objects.filter(code=code).exists():
        errors["code"] = _("Code %(code)s is already used by another type.") % {"code": code}
    values = _values(data, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    last = InitiativeType.objects.order_by("-position").values_list("position", flat=True).first() or 0
    kind = InitiativeType.objects.create(code=code, position=last + 10, **values)
    _option_follows(actor, kind)
    audit_record(actor, "initiative_type.create", target=kind, after={"code": code, **values})
    return kind


@transaction.atomic
def type_update(*, actor: Actor, code: str, version: int, data: InitiativeTypeInput) -> InitiativeType:
    """Rename, describe, change the counts recorded, retire (is_active false) or bring back a type.
    A count already recorded by initiatives is not removed (their figures would be lost)."""
    kind = lock_for_write(
        permissions.types_visible_to(actor),
        {"code": code},
        version=version,
        allowed=lambda _kind: permissions.can_manage_types(actor),
        refusal=_refusal(),
    )
    errors: dict[str, str] = {}
    values = _values(data, errors)
    kept = {m["code"] for m in values["measures"]}
    for measure in (m["code"] for m in kind.measures if m["code"] not in kept):
        if Initiative.objects.filter(type=kind, counts__has_key=measure).exists():
            errors["measures"] = _(
                "Count %(code)s is recorded by initiatives of this type; it cannot be removed (rename it instead)."
            ) % {"code": measure}
    if errors:
        raise ValidationFailed(errors=errors)
    before = {"name": kind.name, "name_en": kind.name_en, "measures": kind.measures, "is_active": kind.is_active}
    for name, value in values.items():
        setattr(kind, name, value)
    kind.version += 1
    kind.save()
    _option_follows(actor, kind)
    audit_record(
        actor,
        "initiative_type.update",
        target=kind,
        before=before,
        after={name: getattr(kind, name) for name in before},
    )
    return kind
