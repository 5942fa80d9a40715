"""Writing units: officers add villages/residential groups and organisations, edit them, move
them and close them; leaders set key-area flags; administrators edit official units.

Every function validates, writes and audits in one transaction: on any error nothing changes.
Changes lock the unit through `lock_for_write` (missing or outside the actor's area 404, role
403, stale version 409). Moving or closing a unit re-keys every record kept at it and below
(`rekey_placed`) and sends `tree_changed`, on which accounts forget memoised grants (they hold
unit paths).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor, Role
from antq.core.audit import audit_record
from antq.core.errors import Forbidden, ValidationFailed
from antq.core.placement import rekey_placed
from antq.core.text import normalise_search
from antq.core.tree import PATH_SEPARATOR
from antq.core.writes import lock_for_write
from antq.units import permissions
from antq.units.models import COMMUNE_KINDS, CREATABLE_UNDER, KEY_AREA_FLAGS, PROVINCE_KINDS, Unit, UnitKind
from antq.units.signals import tree_changed

OFFICIAL_CODE = re.compile(r"^(\d{2}|\d{5}|L\d+|VN)$")
CODE_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,31}$")
LATITUDE_RANGE = (6.0, 24.0)
LONGITUDE_RANGE = (102.0, 118.5)
AUDITED_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "parent_id",
    "latitude",
    "longitude",
    *KEY_AREA_FLAGS,
    "closed_on",
    "successor_id",
)


def unit_snapshot(unit: Unit) -> dict[str, Any]:
    return {field: getattr(unit, field) for field in AUDITED_FIELDS}


def unit_fill_derived(unit: Unit) -> None:
    """Set path, level, province, commune and the search columns from the parent."""
    parent = unit.parent
    if parent is None:
        unit.path = f"{unit.code}{PATH_SEPARATOR}"
        unit.level = 0
        unit.province = None
        unit.commune = None
    else:
        unit.path = f"{parent.path}{unit.code}{PATH_SEPARATOR}"
        unit.level = parent.level + 1
        if unit.kind in PROVINCE_KINDS:
            unit.province, unit.commune = unit, None
        elif unit.kind in COMMUNE_KINDS:
            unit.province, unit.commune = parent.province, unit
        else:
            unit.province, unit.commune = parent.province, parent.commune
    unit.search_text = normalise_search(f"{unit.name} {unit.short_name} {unit.code}")[:255]
    unit.search_short = normalise_search(unit.short_name or unit.name)[:200]


def _check_coordinates(errors: dict[str, str], latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        errors["latitude"] = _("Give both latitude and longitude, or neither.")
        return
    if latitude is not None and not LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]:
        errors["latitude"] = _("Latitude must lie within Vietnam, between 6 and 24 degrees north.")
    if longitude is not None and not LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]:
        errors["longitude"] = _("Longitude must lie within Vietnam, between 102 and 118.5 degrees east.")


def _check_name(errors: dict[str, str], *, name: str, parent: Unit, exclude_pk: int | None = None) -> None:
    if not name.strip():
        errors["name"] = _("Enter the unit's name, e.g. “Thôn Đông”.")
        return
    if len(name) > 200:
        errors["name"] = _("The name must be at most 200 characters.")
        return
    siblings = Unit.objects.filter(parent=parent, search_short=normalise_search(name), closed_on__isnull=True)
    if exclude_pk is not None:
        siblings = siblings.exclude(pk=exclude_pk)
    if siblings.exists():
        errors["name"] = _("%(parent)s already has a unit named “%(name)s”.") % {
            "parent": parent.name,
            "name": name,
        }


def _check_kind_under(errors: dict[str, str], *, kind: str, parent: Unit) -> None:
    allowed_parents = CREATABLE_UNDER.get(kind)
    if allowed_parents is None:
        errors["kind"] = _(
            "Choose village, residential group, agency, enterprise, school or industrial zone; "
            "provinces and communes come from the official list."
        )
    elif parent.kind not in allowed_parents:
        if kind in (UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP):
            errors["parent"] = _("A village or residential group must sit under a commune, ward or special zone.")
        else:
            errors["parent"] = _("An organisation must sit under a province or a commune.")


def _next_code(parent: Unit) -> str:
    prefix = f"{parent.code}-"
    existing = Unit.objects.filter(parent=parent, code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(code[len(prefix) :]) for code in existing if code[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _visible_parent(actor: Actor, parent_code: str, field: str = "parent") -> Unit:
    parent = permissions.units_visible_to(actor).filter(code=parent_code).select_related("province", "commune").first()
    if parent is None:
        raise ValidationFailed(
            errors={field: _("Unit %(code)s does not exist or is outside your area.") % {"code": parent_code}}
        )
    return parent


@dataclass(frozen=True)
class UnitEdit:
    """What an edit of a unit may change. Built from the unit (`UnitEdit.of`) and the user's
    changes, so the service sees the whole intended state and finds what changed itself."""

    name: str
    short_name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    is_border: bool = False
    is_ethnic_minority: bool = False
    is_religious: bool = False
    is_industrial_zone: bool = False
    is_university: bool = False

    @classmethod
    def of(cls, unit: Unit) -> UnitEdit:
        return cls(**{f.name: getattr(unit, f.name) for f in fields(cls)})

    def with_changes(self, **changes: Any) -> UnitEdit:
        return replace(self, **changes)


OFFICIAL_FIELDS = ("name", "short_name", "latitude", "longitude")


def unit_create(
    *,
    actor: Actor,
    parent_code: str,
    kind: str,
    name: str,
    short_name: str = "",
    code: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    flags: dict[str, bool] | None = None,
) -> Unit:
    """Add a village/residential group under a commune, or an organisation under a commune or
    province. Needs officer or above at the parent. Coordinates default to the parent's."""
    parent = _visible_parent(actor, parent_code)
    if not actor.has_role(parent, Role.OFFICER):
        raise Forbidden(_("Your role at %(unit)s does not allow adding units.") % {"unit": parent.name})
    errors: dict[str, str] = {}
    if not parent.is_current:
        errors["parent"] = _("%(unit)s is closed; choose a current unit as parent.") % {"unit": parent.name}
    else:
        _check_kind_under(errors, kind=kind, parent=parent)
    name = name.strip()
    _check_name(errors, name=name, parent=parent)
    code = code.strip()
    if code:
        if not CODE_SHAPE.match(code):
            errors["code"] = _("Use 1-32 letters, digits, dots or hyphens, starting with a letter or digit.")
        elif OFFICIAL_CODE.match(code):
            errors["code"] = _("Codes of 2 or 5 digits are reserved for official units; leave the code empty.")
        elif Unit.objects.filter(code=code).exists():
            errors["code"] = _("Code %(code)s is already in use.") % {"code": code}
    _check_coordinates(errors, latitude, longitude)
    flags = flags or {}
    unknown_flags = set(flags) - set(KEY_AREA_FLAGS)
    if unknown_flags:
        errors["flags"] = _("Unknown key-area flags: %(flags)s.") % {"flags": ", ".join(sorted(unknown_flags))}
    if errors:
        raise ValidationFailed(errors=errors)

    for attempt in range(5):
        try:
            with transaction.atomic():
                unit = Unit(
                    code=code or _next_code(parent),
                    name=name,
                    short_name=short_name.strip(),
                    kind=kind,
                    parent=parent,
                    latitude=latitude if latitude is not None else parent.latitude,
                    longitude=longitude if longitude is not None else parent.longitude,
                    **flags,
                )
                unit_fill_derived(unit)
                unit.save()
                audit_record(actor, "unit.create", target=unit, after=unit_snapshot(unit))
                return unit
        except IntegrityError:
            # Two officers took the same generated code at once; the loser draws the next one.
            if code or attempt == 4:
                raise ValidationFailed(
                    errors={"code": _("Code %(code)s is already in use.") % {"code": code or "?"}}
                ) from None
    raise AssertionError("unreachable")


def _locked(actor: Actor, code: str, version: int, *, allowed: Any, refusal: str) -> Unit:
    return lock_for_write(
        permissions.units_visible_to(actor),
        {"code": code},
        version=version,
        allowed=allowed,
        refusal=refusal,
        related=("parent",),
    )


@transaction.atomic
def unit_update(*, actor: Actor, code: str, version: int, data: UnitEdit) -> Unit:
    """Change name, short name, coordinates or key-area flags. Local units: officers. Key-area
    flags of official units: leaders. Names and coordinates of official units: administrators."""
    unit = _locked(
        actor,
        code,
        version,
        allowed=lambda u: permissions.can_edit_unit(actor, u),
        refusal=_("Your role does not allow editing this unit."),
    )
    changes = {name: value for name, value in vars(data).items() if getattr(unit, name) != value}
    errors: dict[str, str] = {}
    official = [name for name in OFFICIAL_FIELDS if name in changes]
    if (
        official
        and not permissions.is_local_or_organisation(unit)
        and not permissions.can_edit_official_fields(actor, unit)
    ):
        for name in official:
            errors[name] = _("Only administrators may change an official unit's name or position.")
    if unit.closed_on is not None:
        errors["unit"] = _("A closed unit is kept as history and cannot be edited.")
    if "name" in changes:
        changes["name"] = str(changes["name"]).strip()
        if unit.parent is not None:
            _check_name(errors, name=changes["name"], parent=unit.parent, exclude_pk=unit.pk)
    if "latitude" in changes or "longitude" in changes:
        _check_coordinates(errors, data.latitude, data.longitude)
    if errors:
        raise ValidationFailed(errors=errors)
    before = unit_snapshot(unit)
    for name, value in changes.items():
        setattr(unit, name, value)
    unit_fill_derived(unit)
    unit.version += 1
    unit.save()
    audit_record(actor, "unit.update", target=unit, before=before, after=unit_snapshot(unit))
    return unit


@transaction.atomic
def unit_move(*, actor: Actor, code: str, new_parent_code: str, version: int) -> Unit:
    """Re-parent a village or organisation (e.g. villages regrouped in 2026). Officer at both the
    unit and the new parent. Paths below the unit, and every record kept at the unit or below,
    are re-keyed in the same transaction."""
    unit = _locked(
        actor,
        code,
        version,
        allowed=lambda u: permissions.can_move_or_close(actor, u),
        refusal=_("Only current villages and organisations can be moved, by an officer of their area."),
    )
    new_parent = _visible_parent(actor, new_parent_code, field="new_parent")
    errors: dict[str, str] = {}
    if new_parent.path.startswith(unit.path):
        errors["new_parent"] = _("%(unit)s cannot move under itself or a unit below it.") % {"unit": unit.name}
    elif not new_parent.is_current:
        errors["new_parent"] = _("%(unit)s is closed; choose a current unit as parent.") % {"unit": new_parent.name}
    elif not permissions.can_create_child(actor, new_parent):
        errors["new_parent"] = _("Your role at %(unit)s does not allow adding units.") % {"unit": new_parent.name}
    else:
        _check_kind_under(errors, kind=unit.kind, parent=new_parent)
        _check_name(errors, name=unit.name, parent=new_parent, exclude_pk=unit.pk)
    if errors:
        raise ValidationFailed(errors=errors)
    before = unit_snapshot(unit)
    old_path = unit.path
    unit.parent = new_parent
    unit_fill_derived(unit)
    unit.version += 1
    unit.save()
    descendants = list(Unit.objects.subtree(Unit(path=old_path)).exclude(pk=unit.pk).order_by("level"))
    by_path = {old_path: unit}
    for child in descendants:
        parent_path = child.path[: child.path.rstrip(PATH_SEPARATOR).rfind(PATH_SEPARATOR) + 1]
        by_path[child.path] = child
        child.parent = by_path[parent_path]
        unit_fill_derived(child)
    Unit.objects.bulk_update(descendants, ["path", "level", "province", "commune"])
    rekey_placed([unit, *descendants])
    audit_record(
        actor,
        "unit.move",
        target=unit,
        before={**before, "path": old_path},
        after={**unit_snapshot(unit), "path": unit.path},
    )
    tree_changed.send(sender=Unit, units=[unit, *descendants])
    return unit


@transaction.atomic
def unit_close(*, actor: Actor, code: str, successor_code: str, version: int, closed_on: dt.date | None = None) -> Unit:
    """Close a village or organisation (merged, dissolved). Its records roll up to the successor
    from then on: they are re-keyed to the successor's province and commune. The unit stays as
    history."""
    unit = _locked(
        actor,
        code,
        version,
        allowed=lambda u: permissions.can_move_or_close(actor, u),
        refusal=_("Only current villages and organisations can be closed, by an officer of their area."),
    )
    successor = _visible_parent(actor, successor_code, field="successor")
    errors: dict[str, str] = {}
    if successor.pk == unit.pk or successor.path.startswith(unit.path):
        errors["successor"] = _("The successor must be another unit, not the closed one or a unit below it.")
    elif not successor.is_current:
        errors["successor"] = _("%(unit)s is closed; choose a current unit as successor.") % {"unit": successor.name}
    elif not actor.has_role(successor, Role.OFFICER):
        errors["successor"] = _("Your role at %(unit)s does not allow this.") % {"unit": successor.name}
    if Unit.objects.filter(parent=unit, closed_on__isnull=True).exists():
        errors["unit"] = _("Move or close the units under %(unit)s first.") % {"unit": unit.name}
    closed_on = closed_on or timezone.localdate()
    if closed_on > timezone.localdate():
        errors["closed_on"] = _("The closing date cannot be in the future.")
    if errors:
        raise ValidationFailed(errors=errors)
    before = unit_snapshot(unit)
    unit.closed_on = closed_on
    unit.successor = successor
    unit.province_id = successor.province_id
    unit.commune_id = successor.commune_id
    unit.version += 1
    unit.save()
    unit.successors.add(successor)
    rekey_placed([unit])
    audit_record(actor, "unit.close", target=unit, before=before, after=unit_snapshot(unit))
    tree_changed.send(sender=Unit, units=[unit])
    return unit
