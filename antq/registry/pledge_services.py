"""Writing emulation pledges (giao ước thi đua): record, edit, delete.

A pledge belongs to the unit whose area signs it (a commune, usually); the signing units chosen
from the tree must lie below that unit (its villages, residential groups and organisations; a
province's communes and organisations), other parties are named in text. When it was signed at a
festival site, the site is of the same commune and the pledge carries the site's day.

Pledges are counted in reports (indicator `emulation_pledges`): every write lets the draft
reports of the pledge's commune (or province) follow, in the same transaction. Edits carry the
`version` the actor loaded and a stale one raises Conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_entry
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.text import format_date, format_number
from antq.festivals.models import FestivalSite, SiteState
from antq.festivals.permissions import sites_visible_to
from antq.registry import permissions
from antq.registry.exemplar_services import clean_text, load_unit, placement, record_unit_errors
from antq.registry.models import EmulationPledge
from antq.registry.prefill import PLEDGE_SOURCES
from antq.reporting.records import records_changed
from antq.units.models import COMMUNE_KINDS, LOCAL_KINDS, ORGANISATION_KINDS, Unit

FIRST_DAY = dt.date(2000, 1, 1)
MAX_HOUSEHOLDS = 500_000  # the largest commune has well under 100,000 households
MAX_PARTY_UNITS = 500
CONTENT_MAX = 20_000
PARTIES_MAX = 5_000
PARTY_KINDS = COMMUNE_KINDS | LOCAL_KINDS | ORGANISATION_KINDS
PLEDGE_FIELDS = ("signed_on", "title", "content", "parties", "households")


@dataclass
class PledgeInput:
    """A pledge as entered, before validation (form or API)."""

    unit_code: str
    signed_on: dt.date | None
    title: str
    content: str
    parties: str = ""
    party_unit_codes: Sequence[str] = field(default_factory=list)
    households: int | None = None
    festival_site_id: int | None = None


def pledge_snapshot(pledge: EmulationPledge, party_codes: Sequence[str]) -> dict[str, Any]:
    snapshot: dict[str, Any] = {name: getattr(pledge, name) for name in PLEDGE_FIELDS}
    snapshot.update(
        unit_id=pledge.unit_id,
        festival_site_id=pledge.festival_site_id,
        party_units=sorted(party_codes),
    )
    return snapshot


def _party_errors(unit: Unit, codes: list[str], errors: dict[str, str]) -> list[Unit]:
    if len(codes) > MAX_PARTY_UNITS:
        errors["party_units"] = _("At most %(n)s signing units.") % {"n": MAX_PARTY_UNITS}
        return []
    found = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    wrong: list[str] = []
    closed: list[str] = []
    for code in codes:
        party = found.get(code)
        if (
            party is None
            or party.pk == unit.pk
            or not party.path.startswith(unit.path)
            or party.kind not in PARTY_KINDS
        ):
            wrong.append(code)
        elif not party.is_current:
            closed.append(party.name)
    if wrong:
        errors["party_units"] = _(
            "Signing units must be villages, residential groups, organisations or communes under %(unit)s; "
            "these are not: %(codes)s."
        ) % {"unit": unit.name, "codes": ", ".join(wrong)}
    elif closed:
        errors["party_units"] = _("These units were closed; choose their successors: %(names)s.") % {
            "names": ", ".join(closed)
        }
    return [found[code] for code in codes if code in found]


def _site_errors(
    actor: Actor, unit: Unit | None, site_id: int, signed_on: dt.date | None, errors: dict[str, str]
) -> FestivalSite | None:
    site = sites_visible_to(actor).select_related("commune", "province").filter(pk=site_id).first()
    if site is None:
        errors["festival_site"] = _("Festival site %(id)s does not exist or is outside your area.") % {"id": site_id}
        return None
    if site.state == SiteState.CANCELLED:
        errors["festival_site"] = _(
            "The site “%(site)s” was cancelled; choose the site where the pledge was signed."
        ) % {"site": site.name}
        return site
    if unit is None or "unit" in errors:
        return site
    province, commune = placement(unit)
    same_area = (
        site.commune_id == commune.pk if commune is not None else site.province_id == getattr(province, "pk", None)
    )
    if not same_area:
        errors["festival_site"] = _("The site “%(site)s” is outside %(area)s, where the pledge is signed.") % {
            "site": site.name,
            "area": (commune or province or unit).name,
        }
        return site
    day = timezone.localtime(site.starts_at).date()
    if signed_on is not None and "signed_on" not in errors and signed_on != day:
        errors["signed_on"] = _(
            "The pledge was signed at the site “%(site)s”, held on %(date)s; the date must be that day."
        ) % {"site": site.name, "date": format_date(day)}
    return site


def _check(actor: Actor, data: PledgeInput) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    code = (data.unit_code or "").strip()
    unit = load_unit(code)
    message = record_unit_errors(actor, code, unit, record="pledge")
    if message:
        errors["unit"] = message
    clean["unit"] = unit
    today = timezone.localdate()
    if data.signed_on is None:
        errors["signed_on"] = _("Enter the date the pledge was signed, as dd/mm/yyyy.")
    elif data.signed_on > today:
        errors["signed_on"] = _("The date of signing cannot be in the future (today is %(today)s).") % {
            "today": format_date(today)
        }
    elif data.signed_on < FIRST_DAY:
        errors["signed_on"] = _("The date of signing must be on or after %(date)s.") % {"date": format_date(FIRST_DAY)}
    clean["signed_on"] = data.signed_on
    clean["title"] = clean_text(
        data.title,
        "title",
        300,
        errors,
        required=_("Enter the title, e.g. “Giao ước thi đua bảo vệ ANTQ năm 2026 giữa Công an xã và các thôn”."),
    )
    clean["content"] = clean_text(
        data.content,
        "content",
        CONTENT_MAX,
        errors,
        required=_("Enter what the parties pledge to do."),
    )
    clean["parties"] = clean_text(data.parties, "parties", PARTIES_MAX, errors)
    if data.households is not None and not (0 <= data.households <= MAX_HOUSEHOLDS):
        errors["households"] = _("Enter a number of households between 0 and %(n)s, or leave it empty.") % {
            "n": format_number(MAX_HOUSEHOLDS)
        }
    clean["households"] = data.households
    codes = list(dict.fromkeys(c.strip() for c in data.party_unit_codes if c and c.strip()))
    clean["party_units"] = _party_errors(unit, codes, errors) if unit is not None and "unit" not in errors else []
    clean["festival_site"] = None
    if data.festival_site_id is not None:
        clean["festival_site"] = _site_errors(actor, unit, data.festival_site_id, data.signed_on, errors)
    return clean, errors


def _apply(pledge: EmulationPledge, clean: dict[str, Any]) -> None:
    unit: Unit = clean["unit"]
    pledge.unit = unit
    pledge.province, pledge.commune = placement(unit)
    for name in PLEDGE_FIELDS:
        setattr(pledge, name, clean[name])
    pledge.festival_site = clean["festival_site"]


def _counted(province_id: int | None, commune_id: int | None, days: set[dt.date]) -> None:
    """Let the draft reports counting pledges follow (indicator `emulation_pledges`)."""
    province = Unit.objects.filter(pk=province_id).first() if province_id else None
    commune = Unit.objects.filter(pk=commune_id).first() if commune_id else None
    records_changed(
        province=province,
        commune=commune,
        days=sorted({*days, timezone.localdate()}),
        sources=PLEDGE_SOURCES,
    )


def _audit(
    actor: Actor,
    pledge: EmulationPledge,
    action: str,
    *,
    scope_path: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    audit_entry(
        actor=actor.user,
        action=action,
        target_type="emulation_pledge",
        target_id=pledge.pk,
        target_label=pledge.title,
        scope_path=scope_path,
        before=before,
        after=after,
    )


@transaction.atomic
def pledge_create(*, actor: Actor, data: PledgeInput) -> EmulationPledge:
    """Record a pledge. Officers covering its unit."""
    code = (data.unit_code or "").strip()
    unit = load_unit(code)
    if unit is not None and actor.covers(unit) and not permissions.can_write_records(actor, unit):
        raise Forbidden(
            _("Your role at %(unit)s does not allow recording its emulation pledges.") % {"unit": unit.name}
        )
    clean, errors = _check(actor, data)
    if errors:
        raise ValidationFailed(errors=errors)
    pledge = EmulationPledge(created_by=actor.user)
    _apply(pledge, clean)
    pledge.save()
    pledge.party_units.set(clean["party_units"])
    codes = [u.code for u in clean["party_units"]]
    _audit(actor, pledge, "pledge.create", scope_path=pledge.unit.path, after=pledge_snapshot(pledge, codes))
    _counted(pledge.province_id, pledge.commune_id, {pledge.signed_on})
    return pledge


def _locked_for_write(actor: Actor, pledge_id: int, version: int) -> EmulationPledge:
    pledge = (
        permissions.pledges_visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("unit")
        .filter(pk=pledge_id)
        .first()
    )
    if pledge is None:
        raise NotFound(_("Emulation pledge %(id)s does not exist or is outside your area.") % {"id": pledge_id})
    if not permissions.can_write_records(actor, pledge.unit):
        raise Forbidden(
            _("Your role at %(unit)s does not allow changing its emulation pledges.") % {"unit": pledge.unit.name}
        )
    if pledge.version != version:
        raise Conflict(
            _("Someone else changed this pledge after you opened it. Reload it to see their change, then try again.")
        )
    return pledge


@transaction.atomic
def pledge_update(*, actor: Actor, pledge_id: int, version: int, data: PledgeInput) -> EmulationPledge:
    """Replace a pledge's details (all fields, as the edit form sends them); the signing units are
    replaced by those given. Reports of the old and the new placement both follow."""
    pledge = _locked_for_write(actor, pledge_id, version)
    clean, errors = _check(actor, data)
    if errors:
        raise ValidationFailed(errors=errors)
    old_codes = list(pledge.party_units.values_list("code", flat=True))
    before = pledge_snapshot(pledge, old_codes)
    old_place = (pledge.province_id, pledge.commune_id)
    old_day = pledge.signed_on
    _apply(pledge, clean)
    pledge.version = F("version") + 1
    pledge.save()
    pledge.refresh_from_db()
    pledge.party_units.set(clean["party_units"])
    codes = [u.code for u in clean["party_units"]]
    _audit(
        actor,
        pledge,
        "pledge.update",
        scope_path=pledge.unit.path,
        before=before,
        after=pledge_snapshot(pledge, codes),
    )
    new_place = (pledge.province_id, pledge.commune_id)
    if new_place == old_place:
        _counted(*new_place, {old_day, pledge.signed_on})
    else:
        _counted(*old_place, {old_day})
        _counted(*new_place, {pledge.signed_on})
    return pledge


@transaction.atomic
def pledge_delete(*, actor: Actor, pledge_id: int, version: int) -> None:
    """Delete a pledge; the reports that counted it follow. Officers covering its unit."""
    pledge = _locked_for_write(actor, pledge_id, version)
    codes = list(pledge.party_units.values_list("code", flat=True))
    _audit(actor, pledge, "pledge.delete", scope_path=pledge.unit.path, before=pledge_snapshot(pledge, codes))
    place, day = (pledge.province_id, pledge.commune_id), pledge.signed_on
    pledge.delete()
    _counted(*place, {day})
