"""Writing exemplars (điển hình tiên tiến, gương người tốt việc tốt): record, edit, delete, publish
to the public portal and take off it.

Officers whose scope covers the unit record and change exemplars; a leader covering the unit
publishes them (a person's name and story go in front of the public). Any edit of a published
exemplar takes it off the portal until a leader publishes it again, so the public never sees text
no leader has read. Every function validates, writes and audits in one transaction; edits carry
the `version` the actor loaded and a stale one raises Conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_entry
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.text import format_number, normalise_search
from antq.registry import permissions
from antq.registry.models import Exemplar, ExemplarCategory, ExemplarKind, Initiative
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

FIRST_YEAR = 2000
STORY_MAX = 20_000
EXEMPLAR_FIELDS = ("kind", "category", "name", "position", "year", "summary", "story")


@dataclass
class ExemplarInput:
    """An exemplar as entered, before validation (form or API)."""

    unit_code: str
    kind: str
    category: str
    name: str
    year: int | None
    summary: str
    story: str
    position: str = ""
    initiative_id: int | None = None


def exemplar_snapshot(exemplar: Exemplar) -> dict[str, Any]:
    snapshot: dict[str, Any] = {name: getattr(exemplar, name) for name in EXEMPLAR_FIELDS}
    snapshot.update(
        unit_id=exemplar.unit_id,
        initiative_id=exemplar.initiative_id,
        published_at=exemplar.published_at,
    )
    return snapshot


def exemplar_search_text(*, name: str, position: str, summary: str) -> str:
    return normalise_search(" ".join((name, position, summary)))[:600]


def placement(unit: Unit) -> tuple[Unit | None, Unit | None]:
    """(province, commune) of a unit, as every fact row stores them."""
    province = unit if unit.kind in PROVINCE_KINDS else unit.province
    commune = unit if unit.kind in COMMUNE_KINDS else unit.commune
    return province, commune


def clean_text(value: str | None, field: str, limit: int, errors: dict[str, str], *, required: str = "") -> str:
    text = (value or "").strip()
    if required and not text:
        errors[field] = required
    elif len(text) > limit:
        errors[field] = _("At most %(n)s characters.") % {"n": format_number(limit)}
    return text


def record_unit_errors(actor: Actor, code: str, unit: Unit | None, *, record: str) -> str | None:
    """The message for the `unit` field when `unit` cannot hold the actor's record, else None.
    `record` is "exemplar" or "pledge" (each has its own sentences, for the translators)."""
    if not code:
        return _("Enter the code of the unit (province, commune, village, residential group or organisation).")
    if unit is None or not actor.covers(unit):
        return _("Unit %(code)s does not exist or is outside your area.") % {"code": code}
    if not unit.is_current:
        return _("%(unit)s was closed; record this under its successor.") % {"unit": unit.name}
    if unit.kind not in permissions.RECORD_KINDS:
        return _(
            "%(unit)s cannot hold records: choose a province, a commune, a village or residential group, "
            "or an organisation."
        ) % {"unit": unit.name}
    if not permissions.can_write_records(actor, unit):
        if record == "pledge":
            return _("Your role at %(unit)s does not allow recording its emulation pledges.") % {"unit": unit.name}
        return _("Your role at %(unit)s does not allow recording its exemplars.") % {"unit": unit.name}
    return None


def load_unit(code: str) -> Unit | None:
    if not code:
        return None
    return Unit.objects.select_related("province", "commune", "successor").filter(code=code).first()


def _check(actor: Actor, data: ExemplarInput) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    code = (data.unit_code or "").strip()
    unit = load_unit(code)
    message = record_unit_errors(actor, code, unit, record="exemplar")
    if message:
        errors["unit"] = message
    clean["unit"] = unit
    if data.kind not in ExemplarKind.values:
        errors["kind"] = _("Choose whether the exemplar is a collective or an individual.")
    clean["kind"] = data.kind
    if data.category not in ExemplarCategory.values:
        errors["category"] = _("Choose the category: advanced example, or good person, good deed.")
    clean["category"] = data.category
    clean["name"] = clean_text(
        data.name,
        "name",
        200,
        errors,
        required=_("Enter the name of the collective or the person, e.g. “Tổ dân phố 3” or “Ông Nguyễn Văn Hùng”."),
    )
    clean["position"] = clean_text(data.position, "position", 300, errors)
    this_year = timezone.localdate().year
    if data.year is None:
        errors["year"] = _("Enter the year the exemplar was recognised, e.g. %(year)s.") % {"year": this_year}
    elif not (FIRST_YEAR <= data.year <= this_year):
        errors["year"] = _("The year must be between %(a)s and %(b)s.") % {"a": FIRST_YEAR, "b": this_year}
    clean["year"] = data.year
    clean["summary"] = clean_text(
        data.summary,
        "summary",
        500,
        errors,
        required=_("Enter a one- or two-sentence summary of what was achieved."),
    )
    clean["story"] = clean_text(
        data.story,
        "story",
        STORY_MAX,
        errors,
        required=_("Tell the story: what the collective or person did, when, and what came of it."),
    )
    clean["initiative"] = None
    if data.initiative_id is not None:
        initiative = (
            permissions.initiatives_visible_to(actor).select_related("unit").filter(pk=data.initiative_id).first()
        )
        if initiative is None:
            errors["initiative"] = _("Initiative %(id)s does not exist or is outside your area.") % {
                "id": data.initiative_id
            }
        elif unit is not None and "unit" not in errors and not _same_area(initiative, unit):
            errors["initiative"] = _("The initiative “%(name)s” is run outside %(area)s, where the exemplar is.") % {
                "name": initiative.name,
                "area": _area_name(unit),
            }
        clean["initiative"] = initiative
    return clean, errors


def _same_area(initiative: Initiative, unit: Unit) -> bool:
    """An exemplar cites an initiative of its own commune (or, for a province's own record, of its
    province)."""
    province, commune = placement(unit)
    if commune is not None:
        return initiative.commune_id == commune.pk
    return province is not None and initiative.province_id == province.pk


def _area_name(unit: Unit) -> str:
    province, commune = placement(unit)
    area = commune or province or unit
    return area.name


def _apply(exemplar: Exemplar, clean: dict[str, Any]) -> None:
    unit: Unit = clean["unit"]
    exemplar.unit = unit
    exemplar.province, exemplar.commune = placement(unit)
    for name in EXEMPLAR_FIELDS:
        setattr(exemplar, name, clean[name])
    exemplar.initiative = clean["initiative"]
    exemplar.search_text = exemplar_search_text(
        name=clean["name"], position=clean["position"], summary=clean["summary"]
    )


def _audit(
    actor: Actor,
    exemplar: Exemplar,
    action: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    audit_entry(
        actor=actor.user,
        action=action,
        target_type="exemplar",
        target_id=exemplar.pk,
        target_label=exemplar.name,
        scope_path=exemplar.unit.path,
        before=before,
        after=after,
    )


@transaction.atomic
def exemplar_create(*, actor: Actor, data: ExemplarInput) -> Exemplar:
    """Record an exemplar (unpublished). Officers covering the unit."""
    code = (data.unit_code or "").strip()
    unit = load_unit(code)
    if unit is not None and actor.covers(unit) and not permissions.can_write_records(actor, unit):
        raise Forbidden(_("Your role at %(unit)s does not allow recording its exemplars.") % {"unit": unit.name})
    clean, errors = _check(actor, data)
    if errors:
        raise ValidationFailed(errors=errors)
    exemplar = Exemplar(created_by=actor.user)
    _apply(exemplar, clean)
    exemplar.save()
    _audit(actor, exemplar, "exemplar.create", after=exemplar_snapshot(exemplar))
    return exemplar


def _locked(actor: Actor, exemplar_id: int) -> Exemplar:
    exemplar = (
        permissions.exemplars_visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("unit")
        .filter(pk=exemplar_id)
        .first()
    )
    if exemplar is None:
        raise NotFound(_("Exemplar %(id)s does not exist or is outside your area.") % {"id": exemplar_id})
    return exemplar


def _check_version(exemplar: Exemplar, version: int) -> None:
    if exemplar.version != version:
        raise Conflict(
            _("Someone else changed this exemplar after you opened it. Reload it to see their change, then try again.")
        )


def _locked_for_write(actor: Actor, exemplar_id: int, version: int) -> Exemplar:
    exemplar = _locked(actor, exemplar_id)
    if not permissions.can_write_records(actor, exemplar.unit):
        raise Forbidden(
            _("Your role at %(unit)s does not allow changing its exemplars.") % {"unit": exemplar.unit.name}
        )
    _check_version(exemplar, version)
    return exemplar


def _locked_for_publishing(actor: Actor, exemplar_id: int, version: int) -> Exemplar:
    exemplar = _locked(actor, exemplar_id)
    if not permissions.can_publish_exemplar(actor, exemplar.unit):
        raise Forbidden(
            _("Only a leader covering %(unit)s publishes its exemplars or takes them off the portal.")
            % {"unit": exemplar.unit.name}
        )
    _check_version(exemplar, version)
    return exemplar


@transaction.atomic
def exemplar_update(*, actor: Actor, exemplar_id: int, version: int, data: ExemplarInput) -> Exemplar:
    """Replace an exemplar's details (all fields, as the edit form sends them). An edit of a
    published exemplar takes it off the public portal until a leader publishes it again."""
    exemplar = _locked_for_write(actor, exemplar_id, version)
    clean, errors = _check(actor, data)
    if errors:
        raise ValidationFailed(errors=errors)
    before = exemplar_snapshot(exemplar)
    _apply(exemplar, clean)
    exemplar.published_at = None
    exemplar.published_by = None
    exemplar.version = F("version") + 1
    exemplar.save()
    exemplar.refresh_from_db()
    _audit(actor, exemplar, "exemplar.update", before=before, after=exemplar_snapshot(exemplar))
    return exemplar


@transaction.atomic
def exemplar_delete(*, actor: Actor, exemplar_id: int, version: int) -> None:
    """Delete an exemplar (it leaves the portal too). Officers covering its unit."""
    exemplar = _locked_for_write(actor, exemplar_id, version)
    _audit(actor, exemplar, "exemplar.delete", before=exemplar_snapshot(exemplar))
    exemplar.delete()


@transaction.atomic
def exemplar_publish(*, actor: Actor, exemplar_id: int, version: int) -> Exemplar:
    """Put an exemplar on the public portal. Leaders covering its unit."""
    exemplar = _locked_for_publishing(actor, exemplar_id, version)
    if exemplar.published_at is not None:
        raise ValidationFailed(errors={"published": _("This exemplar is already on the public portal.")})
    exemplar.published_at = timezone.now()
    exemplar.published_by = actor.user
    exemplar.version = F("version") + 1
    exemplar.save(update_fields=["published_at", "published_by", "version", "updated_at"])
    exemplar.refresh_from_db()
    _audit(
        actor,
        exemplar,
        "exemplar.publish",
        before={"published_at": None},
        after={"published_at": exemplar.published_at},
    )
    return exemplar


@transaction.atomic
def exemplar_unpublish(*, actor: Actor, exemplar_id: int, version: int) -> Exemplar:
    """Take an exemplar off the public portal. Leaders covering its unit."""
    exemplar = _locked_for_publishing(actor, exemplar_id, version)
    if exemplar.published_at is None:
        raise ValidationFailed(errors={"published": _("This exemplar is not on the public portal.")})
    before = {"published_at": exemplar.published_at}
    exemplar.published_at = None
    exemplar.published_by = None
    exemplar.version = F("version") + 1
    exemplar.save(update_fields=["published_at", "published_by", "version", "updated_at"])
    exemplar.refresh_from_db()
    _audit(actor, exemplar, "exemplar.unpublish", before=before, after={"published_at": None})
    return exemplar


__all__ = [
    "ExemplarInput",
    "exemplar_create",
    "exemplar_delete",
    "exemplar_publish",
    "exemplar_unpublish",
    "exemplar_update",
]
