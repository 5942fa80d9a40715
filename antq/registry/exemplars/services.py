"""Writing exemplars (điển hình tiên tiến, gương người tốt việc tốt): record, edit, delete, publish
to the public portal and take off it.

Officers whose scope covers the unit record and change exemplars; a leader covering the unit
publishes them (a person's name and story go in front of the public). Any edit of a published
exemplar takes it off the portal until a leader publishes it again, so the public never sees text
no leader has read. Every function validates, writes and audits in one transaction; changes lock
the exemplar through `lock_for_write` among the actor's exemplars (missing or outside the actor's
area 404, role 403, a stale version 409).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import ValidationFailed
from antq.core.text import normalise_search
from antq.core.writes import bump_version, lock_for_write
from antq.registry.exemplars.models import Exemplar, ExemplarCategory, ExemplarKind
from antq.registry.exemplars.permissions import can_publish_exemplar, exemplars_visible_to
from antq.registry.initiatives.permissions import initiatives_visible_to
from antq.registry.permissions import can_write_records
from antq.registry.records import (
    apply_cleaned,
    area_name,
    clean_text,
    in_area_of,
    record_unit,
)

FIRST_YEAR = 2000
STORY_MAX = 20_000
EXEMPLAR_FIELDS = ("kind", "category", "name", "position", "year", "summary", "story")


@dataclass(frozen=True)
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


def _cleaned(actor: Actor, data: ExemplarInput, *, creating: bool = False) -> dict[str, Any]:
    """The cleaned values of `data`, or ValidationFailed naming every field that is wrong."""
    errors: dict[str, str] = {}
    unit = record_unit(actor, data.unit_code, errors, record="exemplar", creating=creating)
    clean: dict[str, Any] = {"unit": unit}
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
        initiative = initiatives_visible_to(actor).filter(pk=data.initiative_id).first()
        if initiative is None:
            errors["initiative"] = _("Initiative %(id)s does not exist or is outside your area.") % {
                "id": data.initiative_id
            }
        elif (
            unit is not None
            and "unit" not in errors
            and not in_area_of(unit, initiative.province_id, initiative.commune_id)
        ):
            # An exemplar cites an initiative of its own commune (or, for a province's own
            # record, of its province).
            errors["initiative"] = _("The initiative “%(name)s” is run outside %(area)s, where the exemplar is.") % {
                "name": initiative.name,
                "area": area_name(unit),
            }
        clean["initiative"] = initiative
    if errors:
        raise ValidationFailed(errors=errors)
    return clean


def _apply(exemplar: Exemplar, clean: dict[str, Any]) -> None:
    apply_cleaned(exemplar, clean, (*EXEMPLAR_FIELDS, "initiative"))
    exemplar.search_text = normalise_search(" ".join((clean["name"], clean["position"], clean["summary"])))[:600]


@transaction.atomic
def exemplar_create(*, actor: Actor, data: ExemplarInput) -> Exemplar:
    """Record an exemplar (unpublished). Officers covering the unit."""
    clean = _cleaned(actor, data, creating=True)
    exemplar = Exemplar(created_by=actor.user)
    _apply(exemplar, clean)
    exemplar.save()
    audit_record(actor, "exemplar.create", target=exemplar, after=exemplar_snapshot(exemplar))
    return exemplar


def _locked_for_writing(actor: Actor, exemplar_id: int, version: int) -> Exemplar:
    return lock_for_write(
        exemplars_visible_to(actor),
        exemplar_id,
        version=version,
        allowed=lambda e: can_write_records(actor, e.unit),
        refusal=lambda e: _("Your role at %(unit)s does not allow changing its exemplars.") % {"unit": e.unit.name},
        related=("unit",),
    )


def _locked_for_publishing(actor: Actor, exemplar_id: int, version: int) -> Exemplar:
    return lock_for_write(
        exemplars_visible_to(actor),
        exemplar_id,
        version=version,
        allowed=lambda e: can_publish_exemplar(actor, e.unit),
        refusal=lambda e: (
            _("Only a leader covering %(unit)s publishes its exemplars or takes them off the portal.")
            % {"unit": e.unit.name}
        ),
        related=("unit",),
    )


@transaction.atomic
def exemplar_update(*, actor: Actor, exemplar_id: int, version: int, data: ExemplarInput) -> Exemplar:
    """Replace an exemplar's details (all fields, as the edit form sends them). An edit of a
    published exemplar takes it off the public portal until a leader publishes it again."""
    exemplar = _locked_for_writing(actor, exemplar_id, version)
    clean = _cleaned(actor, data)
    before = exemplar_snapshot(exemplar)
    _apply(exemplar, clean)
    exemplar.published_at = None
    exemplar.published_by = None
    exemplar.version += 1
    exemplar.save()
    audit_record(actor, "exemplar.update", target=exemplar, before=before, after=exemplar_snapshot(exemplar))
    return exemplar


@transaction.atomic
def exemplar_delete(*, actor: Actor, exemplar_id: int, version: int) -> None:
    """Delete an exemplar (it leaves the portal too). Officers covering its unit."""
    exemplar = _locked_for_writing(actor, exemplar_id, version)
    audit_record(actor, "exemplar.delete", target=exemplar, before=exemplar_snapshot(exemplar))
    exemplar.delete()


@transaction.atomic
def exemplar_publish(*, actor: Actor, exemplar_id: int, version: int) -> Exemplar:
    """Put an exemplar on the public portal. Leaders covering its unit."""
    exemplar = _locked_for_publishing(actor, exemplar_id, version)
    if exemplar.published_at is not None:
        raise ValidationFailed(errors={"published": _("This exemplar is already on the public portal.")})
    exemplar.published_at = timezone.now()
    exemplar.published_by = actor.user
    bump_version(exemplar, "published_at", "published_by")
    after = {"published_at": exemplar.published_at}
    audit_record(actor, "exemplar.publish", target=exemplar, before={"published_at": None}, after=after)
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
    bump_version(exemplar, "published_at", "published_by")
    audit_record(actor, "exemplar.unpublish", target=exemplar, before=before, after={"published_at": None})
    return exemplar
