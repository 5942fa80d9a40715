"""Writing initiatives and their types: register, edit, change status (with its history),
evaluate a year, add and remove photos, delete a mistaken entry; types kept by administrators at
the nation.

Every function validates, writes and audits in one transaction; on any error nothing changes.
Edits carry the `version` the actor loaded; a stale version raises Conflict. Every change that can
move a count (type, unit, start, status, origin) lets the unit's draft reports follow at once
(`antq.reporting.services.records_changed`): the province sees a new initiative in its totals in
the same request.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_entry
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.text import format_date, normalise_search
from antq.registry import permissions
from antq.registry.models import (
    Initiative,
    InitiativeEvaluation,
    InitiativePhoto,
    InitiativeRating,
    InitiativeStatus,
    InitiativeStatusChange,
    InitiativeType,
)
from antq.registry.prefill import INITIATIVE_SOURCES
from antq.reporting.records import records_changed
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

EARLIEST_START = dt.date(1990, 1, 1)
MAX_PEOPLE = 1_000_000
MAX_COUNT = 10_000_000
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_PIXELS = 50_000_000
PHOTOS_PER_INITIATIVE = 20
PHOTO_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
CODE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
INITIATIVE_FIELDS = ("name", "started_on", "members", "households", "counts", "description")


@dataclass
class InitiativeInput:
    """An initiative as entered, before validation."""

    type_code: str
    unit_code: str
    name: str
    started_on: dt.date | None
    members: int | None = None
    households: int | None = None
    counts: Mapping[str, Any] = field(default_factory=dict)
    description: str = ""
    replicated_from: int | None = None


def initiative_snapshot(initiative: Initiative) -> dict[str, Any]:
    snapshot: dict[str, Any] = {name: getattr(initiative, name) for name in INITIATIVE_FIELDS}
    snapshot.update(
        type=initiative.type.code,
        unit=initiative.unit.code,
        status=initiative.status,
        status_since=initiative.status_since,
        replicated_from=initiative.replicated_from_id,
    )
    return snapshot


def placement(unit: Unit) -> tuple[Unit | None, Unit | None]:
    """(province, commune) of a record kept at `unit`, as every fact stores them."""
    province = unit if unit.kind in PROVINCE_KINDS else unit.province
    commune = unit if unit.kind in COMMUNE_KINDS else unit.commune
    return province, commune


def _counts_follow(initiative: Initiative, *days: dt.date, old: tuple[Unit | None, Unit | None] | None = None) -> None:
    today = timezone.localdate()
    for province, commune in {old, (initiative.province, initiative.commune)} - {None}:  # type: ignore[misc]
        records_changed(province=province, commune=commune, days=[*days, today], sources=INITIATIVE_SOURCES)


# --- Types ------------------------------------------------------------------------------------------


def _require_type_manager(actor: Actor) -> None:
    if not permissions.can_manage_types(actor):
        raise Forbidden(_("Only administrators at the Ministry change the initiative types."))


def _clean_measures(rows: Sequence[Mapping[str, Any]], errors: dict[str, str]) -> list[dict[str, str]]:
    measures: list[dict[str, str]] = []
    seen: set[str] = set()
    for index, row in enumerate(rows):
        code = str(row.get("code") or "").strip()
        name = str(row.get("name") or "").strip()
        name_en = str(row.get("name_en") or "").strip()
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


def _type_values(data: Mapping[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    name = str(data.get("name") or "").strip()
    if not name or len(name) > 200:
        errors["name"] = _("Enter the Vietnamese name (at most 200 characters), e.g. “Camera bảo đảm ANTT”.")
    values["name"] = name
    values["name_en"] = str(data.get("name_en") or "").strip()[:200]
    values["description"] = str(data.get("description") or "").strip()
    values["measures"] = _clean_measures(data.get("measures") or [], errors)
    if "is_active" in data:
        values["is_active"] = bool(data["is_active"])
    return values


def _sync_type_option(actor: Actor, kind: InitiativeType) -> None:
    """The reporting indicator "initiatives by type" has one option per type."""
    from antq.reporting.catalogue.services import option_ensure

    option_ensure(
        actor=actor, indicator_code="initiatives_by_type", code=kind.code, name=kind.name, name_en=kind.name_en
    )


@transaction.atomic
def type_create(*, actor: Actor, data: Mapping[str, Any]) -> InitiativeType:
    _require_type_manager(actor)
    errors: dict[str, str] = {}
    code = str(data.get("code") or "").strip()
    if not CODE.match(code):
        errors["code"] = _("The code is 2–32 lower-case letters, digits or “_”, starting with a letter, e.g. camera.")
    elif InitiativeType.objects.filter(code=code).exists():
        errors["code"] = _("Code %(code)s is already used by another type.") % {"code": code}
    values = _type_values(data, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    last = InitiativeType.objects.order_by("-position").values_list("position", flat=True).first() or 0
    kind = InitiativeType.objects.create(code=code, position=last + 10, **values)
    _sync_type_option(actor, kind)
    audit_entry(
        actor=actor.user,
        action="initiative_type.create",
        target_type="initiative_type",
        target_id=kind.pk,
        target_label=kind.name,
        scope_path="VN/",
        after={"code": code, **values},
    )
    return kind


@transaction.atomic
def type_update(*, actor: Actor, code: str, version: int, data: Mapping[str, Any]) -> InitiativeType:
    """Rename, describe, change the counts recorded, retire (is_active false) or bring back a type.
    A count already recorded by initiatives is not removed (their figures would be lost)."""
    _require_type_manager(actor)
    kind = InitiativeType.objects.select_for_update().filter(code=code).first()
    if kind is None:
        raise NotFound(_("Initiative type %(code)s does not exist.") % {"code": code})
    if kind.version != version:
        raise Conflict(_("Someone else changed this type after you opened it. Reload it and try again."))
    errors: dict[str, str] = {}
    values = _type_values({"is_active": kind.is_active, **data}, errors)
    kept = {m["code"] for m in values["measures"]}
    dropped = [m["code"] for m in kind.measures if m["code"] not in kept]
    for measure in dropped:
        if Initiative.objects.filter(type=kind, counts__has_key=measure).exists():
            errors["measures"] = _(
                "Count %(code)s is recorded by initiatives of this type; it cannot be removed (rename it instead)."
            ) % {"code": measure}
    if errors:
        raise ValidationFailed(errors=errors)
    before = {"name": kind.name, "name_en": kind.name_en, "measures": kind.measures, "is_active": kind.is_active}
    for name, value in values.items():
        setattr(kind, name, value)
    kind.version = F("version") + 1
    kind.save()
    kind.refresh_from_db()
    _sync_type_option(actor, kind)
    audit_entry(
        actor=actor.user,
        action="initiative_type.update",
        target_type="initiative_type",
        target_id=kind.pk,
        target_label=kind.name,
        scope_path="VN/",
        before=before,
        after={name: getattr(kind, name) for name in before},
    )
    return kind


# --- Initiatives ------------------------------------------------------------------------------------


def _number(value: Any, field_name: str, upper: int, errors: dict[str, str]) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).replace(".", "").replace(" ", ""))
    except ValueError:
        errors[field_name] = _("Enter a whole number, e.g. 25.")
        return None
    if not 0 <= number <= upper:
        errors[field_name] = _("Enter a whole number between 0 and %(n)s.") % {"n": f"{upper:,}".replace(",", ".")}
        return None
    return number


class _Checker:
    def __init__(self, actor: Actor) -> None:
        self.actor = actor

    def check(self, data: InitiativeInput, existing: Initiative | None = None) -> tuple[dict[str, Any], dict[str, str]]:
        errors: dict[str, str] = {}
        clean: dict[str, Any] = {}
        kind = InitiativeType.objects.filter(code=(data.type_code or "").strip()).first()
        if kind is None:
            errors["type"] = _("Choose the initiative's type from the list (e.g. “Camera bảo đảm ANTT”).")
        elif not kind.is_active and (existing is None or existing.type_id != kind.pk):
            errors["type"] = _("Type “%(type)s” is retired; choose a type in use.") % {"type": kind.name}
        clean["type"] = kind
        code = (data.unit_code or "").strip()
        unit = Unit.objects.select_related("province", "commune").filter(code=code).first() if code else None
        if not code:
            errors["unit"] = _("Enter the code of the unit running the initiative (commune, village, organisation).")
        elif unit is None or not self.actor.covers(unit):
            errors["unit"] = _("Unit %(code)s does not exist or is outside your area.") % {"code": code}
        elif not unit.is_current:
            errors["unit"] = _("%(unit)s was closed; record the initiative under its successor.") % {"unit": unit.name}
        elif unit.kind not in permissions.RECORD_KINDS:
            errors["unit"] = _(
                "Initiatives are run in a province, a commune, a village or residential group, or an organisation; "
                "%(unit)s is none of these."
            ) % {"unit": unit.name}
        elif not permissions.can_write_records(self.actor, unit):
            errors["unit"] = _("Your role at %(unit)s does not allow recording its initiatives.") % {"unit": unit.name}
        clean["unit"] = unit
        name = (data.name or "").strip()
        if not name:
            errors["name"] = _("Enter the initiative's name, e.g. “Camera an ninh thôn Tân Hải”.")
        elif len(name) > 300:
            errors["name"] = _("At most %(n)s characters.") % {"n": 300}
        clean["name"] = name
        today = timezone.localdate()
        if data.started_on is None:
            errors["started_on"] = _("Enter the start date in the form dd/mm/yyyy.")
        elif not EARLIEST_START <= data.started_on <= today:
            errors["started_on"] = _("The start date lies between %(a)s and today.") % {
                "a": format_date(EARLIEST_START)
            }
        elif existing is not None:
            first_change = existing.history.order_by("on", "id")[1:2].first()  # the first change after the start
            if first_change is not None and data.started_on > first_change.on:
                errors["started_on"] = _("The initiative's status changed on %(d)s; it cannot start after that.") % {
                    "d": format_date(first_change.on)
                }
        clean["started_on"] = data.started_on
        clean["members"] = _number(data.members, "members", MAX_PEOPLE, errors)
        clean["households"] = _number(data.households, "households", MAX_PEOPLE, errors)
        counts: dict[str, int] = {}
        allowed = {m["code"]: m for m in (kind.measures if kind else [])}
        for key, raw in (data.counts or {}).items():
            if key not in allowed:
                errors[f"counts.{key}"] = _("Type “%(type)s” does not record “%(code)s”.") % {
                    "type": kind.name if kind else "",
                    "code": key,
                }
                continue
            number = _number(raw, f"counts.{key}", MAX_COUNT, errors)
            if number is not None:
                counts[key] = number
        clean["counts"] = counts
        clean["description"] = (data.description or "").strip()
        clean["replicated_from"] = self._origin(data, existing, errors)
        return clean, errors

    def _origin(self, data: InitiativeInput, existing: Initiative | None, errors: dict[str, str]) -> Initiative | None:
        """The initiative this one replicates: any initiative in the country (replicating another
        area's good practice is the point), never itself or one that descends from it."""
        if not data.replicated_from:
            return None
        origin = Initiative.objects.select_related("unit").filter(pk=data.replicated_from).first()
        if origin is None:
            errors["replicated_from"] = _("Initiative %(id)s does not exist.") % {"id": data.replicated_from}
            return None
        if existing is not None:
            seen: set[int] = set()
            cursor: Initiative | None = origin
            while cursor is not None and cursor.pk not in seen:
                if cursor.pk == existing.pk:
                    errors["replicated_from"] = _(
                        "“%(origin)s” was itself replicated from this initiative (directly or through others); "
                        "an initiative cannot be replicated from its own replicas."
                    ) % {"origin": origin.name}
                    return None
                seen.add(cursor.pk)
                cursor = cursor.replicated_from
        if data.started_on is not None and origin.started_on > data.started_on:
            errors["replicated_from"] = _(
                "“%(origin)s” started on %(d)s, after this initiative; an initiative is replicated from an earlier one."
            ) % {"origin": origin.name, "d": format_date(origin.started_on)}
        return origin


def _search_text(initiative: Initiative) -> str:
    return normalise_search(f"{initiative.name} {initiative.description[:200]}")[:600]


@transaction.atomic
def initiative_create(*, actor: Actor, data: InitiativeInput) -> Initiative:
    clean, errors = _Checker(actor).check(data)
    unit: Unit | None = clean["unit"]
    if unit is not None and actor.covers(unit) and not permissions.can_write_records(actor, unit):
        raise Forbidden(_("Your role at %(unit)s does not allow recording its initiatives.") % {"unit": unit.name})
    if errors:
        raise ValidationFailed(errors=errors)
    assert unit is not None
    province, commune = placement(unit)
    initiative = Initiative(
        type=clean["type"],
        unit=unit,
        province=province,
        commune=commune,
        status=InitiativeStatus.ACTIVE,
        status_since=clean["started_on"],
        replicated_from=clean["replicated_from"],
        created_by=actor.user,
        **{name: clean[name] for name in INITIATIVE_FIELDS},
    )
    initiative.search_text = _search_text(initiative)
    initiative.save()
    InitiativeStatusChange.objects.create(
        initiative=initiative, status=InitiativeStatus.ACTIVE, on=initiative.started_on, by=actor.user
    )
    audit_entry(
        actor=actor.user,
        action="initiative.create",
        target_type="initiative",
        target_id=initiative.pk,
        target_label=initiative.name,
        scope_path=unit.path,
        after=initiative_snapshot(initiative),
    )
    _counts_follow(initiative, initiative.started_on)
    return initiative


def _locked(actor: Actor, initiative_id: int, version: int | None) -> Initiative:
    """The initiative, row-locked, once the actor may change it (and, given a version, has loaded
    the latest one). Missing and outside the actor's scope look the same."""
    initiative = (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("unit", "type", "province", "commune")
        .filter(pk=initiative_id)
        .first()
    )
    if initiative is None or not actor.covers(initiative.unit):
        raise NotFound(_("Initiative %(id)s does not exist or is outside your area.") % {"id": initiative_id})
    if not permissions.can_write_records(actor, initiative.unit):
        raise Forbidden(
            _("Your role at %(unit)s does not allow changing its initiatives.") % {"unit": initiative.unit.name}
        )
    if version is not None and initiative.version != version:
        raise Conflict(
            _(
                "Someone else changed this initiative after you opened it. Reload it to see their change, "
                "then try again."
            )
        )
    return initiative


def _bump(initiative: Initiative, *fields: str) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(
        version=F("version") + 1, updated_at=timezone.now(), **{name: getattr(initiative, name) for name in fields}
    )
    initiative.version += 1


@transaction.atomic
def initiative_update(*, actor: Actor, initiative_id: int, version: int, data: InitiativeInput) -> Initiative:
    """Replace an initiative's details (as in the edit form). Its status changes separately."""
    initiative = _locked(actor, initiative_id, version)
    clean, errors = _Checker(actor).check(data, existing=initiative)
    if errors:
        raise ValidationFailed(errors=errors)
    before = initiative_snapshot(initiative)
    old_place = (initiative.province, initiative.commune)
    old_start = initiative.started_on
    unit: Unit = clean["unit"]
    initiative.province, initiative.commune = placement(unit)
    initiative.unit = unit
    initiative.type = clean["type"]
    initiative.replicated_from = clean["replicated_from"]
    for name in INITIATIVE_FIELDS:
        setattr(initiative, name, clean[name])
    initiative.search_text = _search_text(initiative)
    first = initiative.history.order_by("on", "id").first()
    if first is not None and first.on != initiative.started_on:
        InitiativeStatusChange.objects.filter(pk=first.pk).update(on=initiative.started_on)
    if initiative.status_since < initiative.started_on:
        initiative.status_since = initiative.started_on
    _bump(
        initiative,
        "type",
        "unit",
        "province",
        "commune",
        "replicated_from",
        "search_text",
        "status_since",
        *INITIATIVE_FIELDS,
    )
    audit_entry(
        actor=actor.user,
        action="initiative.update",
        target_type="initiative",
        target_id=initiative.pk,
        target_label=initiative.name,
        scope_path=unit.path,
        before=before,
        after=initiative_snapshot(initiative),
    )
    _counts_follow(initiative, old_start, initiative.started_on, old=old_place)
    return initiative


@transaction.atomic
def initiative_set_status(
    *, actor: Actor, initiative_id: int, version: int, status: str, on: dt.date | None, note: str = ""
) -> Initiative:
    """Record that the initiative became working well, weak or dissolved on a date. The history
    keeps every change; reports count the status at each period's end."""
    initiative = _locked(actor, initiative_id, version)
    errors: dict[str, str] = {}
    if status not in InitiativeStatus.values:
        errors["status"] = _("The status is one of: working well, weak, dissolved.")
    elif status == initiative.status:
        errors["status"] = _("The initiative is already %(status)s.") % {
            "status": InitiativeStatus(status).label.lower()
        }
    last = initiative.history.order_by("-on", "-id").first()
    if on is None:
        errors["on"] = _("Enter the date of the change in the form dd/mm/yyyy.")
    elif on > timezone.localdate():
        errors["on"] = _("The date of the change cannot be in the future.")
    elif last is not None and on < last.on:
        errors["on"] = _("The last change was on %(d)s; a new one cannot be earlier.") % {"d": format_date(last.on)}
    note = (note or "").strip()
    if len(note) > 500:
        errors["note"] = _("At most %(n)s characters.") % {"n": 500}
    if status == InitiativeStatus.DISSOLVED and not note:
        errors["note"] = _("Say why the initiative was dissolved.")
    if errors:
        raise ValidationFailed(errors=errors)
    assert on is not None
    before = {"status": initiative.status, "status_since": initiative.status_since}
    InitiativeStatusChange.objects.create(initiative=initiative, status=status, on=on, note=note, by=actor.user)
    initiative.status, initiative.status_since = status, on
    _bump(initiative, "status", "status_since")
    audit_entry(
        actor=actor.user,
        action=f"initiative.{status}",
        target_type="initiative",
        target_id=initiative.pk,
        target_label=initiative.name,
        scope_path=initiative.unit.path,
        before=before,
        after={"status": status, "status_since": on, "note": note},
    )
    _counts_follow(initiative, on)
    return initiative


@transaction.atomic
def initiative_evaluate(
    *, actor: Actor, initiative_id: int, version: int, year: int | None, rating: str, note: str = ""
) -> InitiativeEvaluation:
    """Record (or replace) the assessment of one year."""
    initiative = _locked(actor, initiative_id, version)
    errors: dict[str, str] = {}
    this_year = timezone.localdate().year
    if year is None or not initiative.started_on.year <= year <= this_year:
        errors["year"] = _("The year lies between %(a)s (the start) and %(b)s.") % {
            "a": initiative.started_on.year,
            "b": this_year,
        }
    if rating not in InitiativeRating.values:
        errors["rating"] = _("Choose a rating: exemplary, effective, average or weak.")
    if errors:
        raise ValidationFailed(errors=errors)
    assert year is not None
    earlier = InitiativeEvaluation.objects.filter(initiative=initiative, year=year).first()
    before = {"rating": earlier.rating, "note": earlier.note} if earlier else None
    evaluation, _created = InitiativeEvaluation.objects.update_or_create(
        initiative=initiative, year=year, defaults={"rating": rating, "note": (note or "").strip(), "by": actor.user}
    )
    _bump(initiative)
    audit_entry(
        actor=actor.user,
        action="initiative.evaluate",
        target_type="initiative",
        target_id=initiative.pk,
        target_label=f"{initiative.name} · {year}",
        scope_path=initiative.unit.path,
        before=before,
        after={"year": year, "rating": rating, "note": evaluation.note},
    )
    return evaluation


@transaction.atomic
def initiative_delete(*, actor: Actor, initiative_id: int, version: int) -> None:
    """Remove an entry made by mistake. An initiative that others replicate is dissolved instead."""
    initiative = _locked(actor, initiative_id, version)
    if initiative.replicas.exists():
        raise ValidationFailed(
            _("Other initiatives were replicated from this one; record it as dissolved instead of deleting it.")
        )
    before = initiative_snapshot(initiative)
    place = (initiative.province, initiative.commune)
    start = initiative.started_on
    files = [(photo.image.storage, photo.image.name) for photo in initiative.photos.all()]
    initiative.delete()
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))  # type: ignore[misc]
    audit_entry(
        actor=actor.user,
        action="initiative.delete",
        target_type="initiative",
        target_id=initiative_id,
        target_label=before["name"],
        scope_path=initiative.unit.path,
        before=before,
    )
    records_changed(province=place[0], commune=place[1], days=[start, timezone.localdate()], sources=INITIATIVE_SOURCES)


def _image_of(upload: UploadedFile) -> tuple[str, int, int]:
    """(format, width, height) of an uploaded photo, or ValidationFailed naming the field."""
    from PIL import Image, UnidentifiedImageError

    if (upload.size or 0) > PHOTO_MAX_BYTES:
        raise ValidationFailed(
            errors={"photo": _("The photo is larger than 10 MB; send a smaller one (a phone's “large” size is fine).")}
        )
    data = upload.read()
    upload.seek(0)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            fmt, (width, height) = image.format or "", image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationFailed(errors={"photo": _("The file is not a photo; send a JPEG, PNG or WebP image.")}) from exc
    if fmt not in PHOTO_FORMATS:
        raise ValidationFailed(
            errors={"photo": _("Send the photo as JPEG, PNG or WebP (this one is %(f)s).") % {"f": fmt}}
        )
    if width * height > PHOTO_MAX_PIXELS:
        raise ValidationFailed(errors={"photo": _("The photo is too large (over 50 megapixels); send a smaller one.")})
    return fmt, width, height


@transaction.atomic
def photo_add(*, actor: Actor, initiative_id: int, upload: UploadedFile, caption: str = "") -> InitiativePhoto:
    initiative = _locked(actor, initiative_id, None)
    if initiative.photos.count() >= PHOTOS_PER_INITIATIVE:
        raise ValidationFailed(
            errors={
                "photo": _("An initiative keeps at most %(n)s photos; remove one first.") % {"n": PHOTOS_PER_INITIATIVE}
            }
        )
    caption = (caption or "").strip()
    if len(caption) > 300:
        raise ValidationFailed(errors={"caption": _("At most %(n)s characters.") % {"n": 300}})
    fmt, width, height = _image_of(upload)
    photo = InitiativePhoto(
        initiative=initiative, caption=caption, width=width, height=height, size=upload.size or 0, by=actor.user
    )
    photo.image.save(f"initiative-{initiative.pk}{PHOTO_FORMATS[fmt]}", upload, save=False)
    photo.save()
    _bump(initiative)
    audit_entry(
        actor=actor.user,
        action="initiative.photo_add",
        target_type="initiative",
        target_id=initiative.pk,
        target_label=initiative.name,
        scope_path=initiative.unit.path,
        after={"photo": photo.image.name, "caption": caption},
    )
    return photo


@transaction.atomic
def photo_delete(*, actor: Actor, initiative_id: int, photo_id: int) -> None:
    initiative = _locked(actor, initiative_id, None)
    photo = InitiativePhoto.objects.filter(pk=photo_id, initiative=initiative).first()
    if photo is None:
        raise NotFound(_("Photo %(id)s does not exist.") % {"id": photo_id})
    name = photo.image.name
    photo.delete()
    _bump(initiative)
    audit_entry(
        actor=actor.user,
        action="initiative.photo_delete",
        target_type="initiative",
        target_id=initiative.pk,
        target_label=initiative.name,
        scope_path=initiative.unit.path,
        before={"photo": name, "caption": photo.caption},
    )
    storage = photo.image.storage
    transaction.on_commit(lambda: storage.delete(name))
