"""Writing initiatives: register, edit, change status (with its history), evaluate a year, add and
remove photos, delete a mistaken entry.

Every function validates, writes and audits in one transaction; on any error nothing changes.
Changes lock the initiative through `lock_for_write` among the actor's initiatives (missing or
outside the actor's area 404, a role below officer 403, a stale version 409). Every change that can
move a count (type, unit, start, status, origin) lets the draft reports of the initiative's place
follow at once (`antq.registry.records.reports_follow`): the province sees a new initiative in its
totals in the same request.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import NotFound, ValidationFailed
from antq.core.text import format_date, normalise_search
from antq.core.writes import bump_version, lock_for_write
from antq.registry.initiatives.models import (
    Initiative,
    InitiativeEvaluation,
    InitiativePhoto,
    InitiativeRating,
    InitiativeStatus,
    InitiativeStatusChange,
)
from antq.registry.initiatives.permissions import initiatives_visible_to
from antq.registry.initiatives.types.models import InitiativeType
from antq.registry.permissions import can_write_records
from antq.registry.prefill import INITIATIVE_SOURCES
from antq.registry.records import Place, apply_cleaned, record_unit, reports_follow

EARLIEST_START = dt.date(1990, 1, 1)
MAX_PEOPLE = 1_000_000
MAX_COUNT = 10_000_000
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_PIXELS = 50_000_000
PHOTOS_PER_INITIATIVE = 20
PHOTO_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
INITIATIVE_FIELDS = ("name", "started_on", "members", "households", "counts", "description")


@dataclass(frozen=True)
class InitiativeInput:
    """An initiative as entered (form or API), before validation."""

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


def _counts_follow(initiative: Initiative, *days: dt.date, old: Place | None = None) -> None:
    """The draft reports of the initiative's place (and of the place it left) follow."""
    place = (initiative.province_id, initiative.commune_id)
    reports_follow({place, old or place}, days=days, sources=INITIATIVE_SOURCES)


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


def _cleaned(
    actor: Actor, data: InitiativeInput, *, existing: Initiative | None = None, creating: bool = False
) -> dict[str, Any]:
    """The cleaned values of `data`, or ValidationFailed naming every field that is wrong."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    kind = InitiativeType.objects.filter(code=(data.type_code or "").strip()).first()
    if kind is None:
        errors["type"] = _("Choose the initiative's type from the list (e.g. “Camera bảo đảm ANTT”).")
    elif not kind.is_active and (existing is None or existing.type_id != kind.pk):
        errors["type"] = _("Type “%(type)s” is retired; choose a type in use.") % {"type": kind.name}
    clean["type"] = kind
    clean["unit"] = record_unit(actor, data.unit_code, errors, record="initiative", creating=creating)
    name = (data.name or "").strip()
    if not name:
        errors["name"] = _("Enter the initiative's name, e.g. “Camera an ninh thôn Tân Hải”.")
    elif len(name) > 300:
        errors["name"] = _("At most %(n)s characters.") % {"n": 300}
    clean["name"] = name
    _check_start(data.started_on, existing, errors)
    clean["started_on"] = data.started_on
    clean["members"] = _number(data.members, "members", MAX_PEOPLE, errors)
    clean["households"] = _number(data.households, "households", MAX_PEOPLE, errors)
    counts: dict[str, int] = {}
    allowed = {m["code"] for m in (kind.measures if kind else [])}
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
    clean["replicated_from"] = _origin(data, existing, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    return clean


def _check_start(started_on: dt.date | None, existing: Initiative | None, errors: dict[str, str]) -> None:
    if started_on is None:
        errors["started_on"] = _("Enter the start date in the form dd/mm/yyyy.")
    elif not EARLIEST_START <= started_on <= timezone.localdate():
        errors["started_on"] = _("The start date lies between %(a)s and today.") % {"a": format_date(EARLIEST_START)}
    elif existing is not None:
        first_change = existing.history.order_by("on", "id")[1:2].first()  # the first change after the start
        if first_change is not None and started_on > first_change.on:
            errors["started_on"] = _("The initiative's status changed on %(d)s; it cannot start after that.") % {
                "d": format_date(first_change.on)
            }


def _origin(data: InitiativeInput, existing: Initiative | None, errors: dict[str, str]) -> Initiative | None:
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


def _apply(initiative: Initiative, clean: dict[str, Any]) -> None:
    apply_cleaned(initiative, clean, (*INITIATIVE_FIELDS, "type", "replicated_from"))
    initiative.search_text = normalise_search(f"{initiative.name} {initiative.description[:200]}")[:600]


@transaction.atomic
def initiative_create(*, actor: Actor, data: InitiativeInput) -> Initiative:
    """Register an initiative, working well from its start. Officers covering its unit."""
    clean = _cleaned(actor, data, creating=True)
    initiative = Initiative(created_by=actor.user, status=InitiativeStatus.ACTIVE)
    _apply(initiative, clean)
    initiative.status_since = initiative.started_on
    initiative.save()
    InitiativeStatusChange.objects.create(
        initiative=initiative, status=InitiativeStatus.ACTIVE, on=initiative.started_on, by=actor.user
    )
    audit_record(actor, "initiative.create", target=initiative, after=initiative_snapshot(initiative))
    _counts_follow(initiative, initiative.started_on)
    return initiative


def _locked(actor: Actor, initiative_id: int, version: int | None) -> Initiative:
    return lock_for_write(
        initiatives_visible_to(actor),
        initiative_id,
        version=version,
        allowed=lambda i: can_write_records(actor, i.unit),
        refusal=lambda i: _("Your role at %(unit)s does not allow changing its initiatives.") % {"unit": i.unit.name},
        related=("unit", "type"),
    )


@transaction.atomic
def initiative_update(*, actor: Actor, initiative_id: int, version: int, data: InitiativeInput) -> Initiative:
    """Replace an initiative's details (as in the edit form). Its status changes separately."""
    initiative = _locked(actor, initiative_id, version)
    clean = _cleaned(actor, data, existing=initiative)
    before = initiative_snapshot(initiative)
    old_place, old_start = (initiative.province_id, initiative.commune_id), initiative.started_on
    _apply(initiative, clean)
    first = initiative.history.order_by("on", "id").first()
    if first is not None and first.on != initiative.started_on:
        InitiativeStatusChange.objects.filter(pk=first.pk).update(on=initiative.started_on)
    initiative.status_since = max(initiative.status_since, initiative.started_on)
    initiative.version += 1
    initiative.save()
    audit_record(actor, "initiative.update", target=initiative, before=before, after=initiative_snapshot(initiative))
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
    bump_version(initiative, "status", "status_since")
    after = {"status": status, "status_since": on, "note": note}
    audit_record(actor, f"initiative.{status}", target=initiative, before=before, after=after)
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
    bump_version(initiative)
    after = {"year": year, "rating": rating, "note": evaluation.note}
    label = f"{initiative.name} · {year}"
    audit_record(actor, "initiative.evaluate", target=initiative, before=before, after=after, label=label)
    return evaluation


def _delete_files_on_commit(files: list[tuple[Any, str]]) -> None:
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))  # type: ignore[misc]


@transaction.atomic
def initiative_delete(*, actor: Actor, initiative_id: int, version: int) -> None:
    """Remove an entry made by mistake. An initiative that others replicate is dissolved instead."""
    initiative = _locked(actor, initiative_id, version)
    if initiative.replicas.exists():
        raise ValidationFailed(
            _("Other initiatives were replicated from this one; record it as dissolved instead of deleting it.")
        )
    audit_record(actor, "initiative.delete", target=initiative, before=initiative_snapshot(initiative))
    _delete_files_on_commit([(photo.image.storage, photo.image.name) for photo in initiative.photos.all()])
    initiative.delete()
    _counts_follow(initiative, initiative.started_on)


def _image_of(upload: UploadedFile) -> tuple[str, int, int]:
    """(format, width, height) of an uploaded photo, or ValidationFailed naming the field."""
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
def photo_add(*, actor: Actor, initiative_id: int, photo: UploadedFile, caption: str = "") -> InitiativePhoto:
    """Add a photo (a real JPEG, PNG or WebP image of sane size; at most 20 per initiative)."""
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
    fmt, width, height = _image_of(photo)
    added = InitiativePhoto(
        initiative=initiative, caption=caption, width=width, height=height, size=photo.size or 0, by=actor.user
    )
    added.image.save(f"initiative-{initiative.pk}{PHOTO_FORMATS[fmt]}", photo, save=False)
    added.save()
    bump_version(initiative)
    audit_record(
        actor, "initiative.photo_add", target=initiative, after={"photo": added.image.name, "caption": caption}
    )
    return added


@transaction.atomic
def photo_delete(*, actor: Actor, initiative_id: int, photo_id: int) -> None:
    initiative = _locked(actor, initiative_id, None)
    photo = InitiativePhoto.objects.filter(pk=photo_id, initiative=initiative).first()
    if photo is None:
        raise NotFound(_("Photo %(id)s does not exist.") % {"id": photo_id})
    before = {"photo": photo.image.name, "caption": photo.caption}
    _delete_files_on_commit([(photo.image.storage, photo.image.name)])
    photo.delete()
    bump_version(initiative)
    audit_record(actor, "initiative.photo_delete", target=initiative, before=before)
