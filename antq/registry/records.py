"""What the registry's three kinds of records (initiatives, exemplars, emulation pledges) share when
they are written: the unit that keeps one, its area, free-text fields, and the draft reports that
count them.

`record` names the kind ("initiative", "exemplar" or "pledge") where the messages differ: each
kind keeps its own sentences, for the translators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import Forbidden
from antq.core.text import format_number
from antq.registry.permissions import RECORD_KINDS, can_write_records
from antq.reporting.records import records_changed
from antq.units.models import Unit

Place = tuple[int | None, int | None]  # (province id, commune id), as a placed record keeps them


def _load_unit(code: str) -> Unit | None:
    """The unit with `code` (whatever the actor's scope: the checks below say what is wrong)."""
    if not code:
        return None
    return Unit.objects.select_related("province", "commune", "successor").filter(code=code).first()


def _role_refusal(unit: Unit, record: str) -> str:
    if record == "initiative":
        return _("Your role at %(unit)s does not allow recording its initiatives.") % {"unit": unit.name}
    if record == "pledge":
        return _("Your role at %(unit)s does not allow recording its emulation pledges.") % {"unit": unit.name}
    return _("Your role at %(unit)s does not allow recording its exemplars.") % {"unit": unit.name}


def _record_unit_error(actor: Actor, code: str, unit: Unit | None, *, record: str) -> str | None:
    """The message for the `unit` field when `unit` cannot keep the actor's record, else None."""
    if not code:
        if record == "initiative":
            return _("Enter the code of the unit running the initiative (commune, village, organisation).")
        return _("Enter the code of the unit (province, commune, village, residential group or organisation).")
    if unit is None or not actor.covers(unit):
        return _("Unit %(code)s does not exist or is outside your area.") % {"code": code}
    if not unit.is_current:
        if record == "initiative":
            return _("%(unit)s was closed; record the initiative under its successor.") % {"unit": unit.name}
        return _("%(unit)s was closed; record this under its successor.") % {"unit": unit.name}
    if unit.kind not in RECORD_KINDS:
        if record == "initiative":
            return _(
                "Initiatives are run in a province, a commune, a village or residential group, or an organisation; "
                "%(unit)s is none of these."
            ) % {"unit": unit.name}
        return _(
            "%(unit)s cannot hold records: choose a province, a commune, a village or residential group, "
            "or an organisation."
        ) % {"unit": unit.name}
    if not can_write_records(actor, unit):
        return _role_refusal(unit, record)
    return None


def record_unit(
    actor: Actor, code: str | None, errors: dict[str, str], *, record: str, creating: bool = False
) -> Unit | None:
    """The unit with `code` that is to keep the actor's record; `errors["unit"]` says what is wrong
    with it, if anything. Creating a record where the actor sees the unit but may not record (a
    viewer) is refused at once (403); a unit the actor does not see is a field error, never a hint
    that it exists."""
    code = (code or "").strip()
    unit = _load_unit(code)
    if creating and unit is not None and actor.covers(unit) and not can_write_records(actor, unit):
        raise Forbidden(_role_refusal(unit, record))
    message = _record_unit_error(actor, code, unit, record=record)
    if message:
        errors["unit"] = message
    return unit


def apply_cleaned(record: Any, clean: Mapping[str, Any], fields: Iterable[str]) -> None:
    """Write the cleaned values onto `record`: its unit (and so its place) and `fields`."""
    record.unit = clean["unit"]
    record.place_at(clean["unit"])
    for name in fields:
        setattr(record, name, clean[name])


def clean_text(value: str | None, field: str, limit: int, errors: dict[str, str], *, required: str = "") -> str:
    """`value` stripped; `errors[field]` says what is wrong when it is missing (and `required`
    is the message) or longer than `limit`."""
    text = (value or "").strip()
    if required and not text:
        errors[field] = required
    elif len(text) > limit:
        errors[field] = _("At most %(n)s characters.") % {"n": format_number(limit)}
    return text


def in_area_of(unit: Unit, province_id: int | None, commune_id: int | None) -> bool:
    """Whether a record kept at (`province_id`, `commune_id`) lies in `unit`'s commune (or, for a
    province's own record, its province)."""
    if unit.commune_id is not None:
        return commune_id == unit.commune_id
    return unit.province_id is not None and province_id == unit.province_id


def area_name(unit: Unit) -> str:
    """The name of `unit`'s commune, else its province, else its own."""
    return (unit.commune or unit.province or unit).name


def reports_follow(places: Iterable[Place], *, days: Iterable[dt.date], sources: Collection[str]) -> None:
    """Let the draft reports of every place in `places` follow their records (the periods holding
    `days` and today), in the writer's transaction: `antq.reporting.records.records_changed`."""
    wanted = set(places)
    units = Unit.objects.in_bulk({key for place in wanted for key in place if key is not None})
    counted = sorted({*days, timezone.localdate()})
    for province_id, commune_id in sorted(wanted, key=lambda p: (p[0] or 0, p[1] or 0)):
        records_changed(
            province=units.get(province_id) if province_id else None,
            commune=units.get(commune_id) if commune_id else None,
            days=counted,
            sources=sources,
        )


def record_home(actor: Actor) -> str:
    """The unit a new record's form starts at: the actor's widest grant, unless it is the nation
    (which keeps no records; the field is then left empty)."""
    grant = actor.home_grant
    return grant.unit_code if grant is not None and grant.level > 0 else ""
