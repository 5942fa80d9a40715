"""Writing emulation pledges (giao ước thi đua): record, edit, delete.

A pledge belongs to the unit whose area signs it (a commune, usually); the signing units chosen
from the tree must lie below that unit (its villages, residential groups and organisations; a
province's communes and organisations), other parties are named in text. When it was signed at a
festival site, the site is of the same commune and the pledge carries the site's day.

Pledges are counted in reports (indicator `emulation_pledges`): every write lets the draft
reports of the pledge's commune (or province) follow, in the same transaction. Changes lock the
pledge through `lock_for_write` among the actor's pledges (missing or outside the actor's area
404, role 403, a stale version 409).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import ValidationFailed
from antq.core.text import format_date, format_number
from antq.core.writes import lock_for_write
from antq.festivals.models import FestivalSite, SiteState
from antq.festivals.permissions import sites_visible_to
from antq.registry.permissions import can_write_records
from antq.registry.pledges.models import EmulationPledge
from antq.registry.pledges.permissions import pledges_visible_to
from antq.registry.prefill import PLEDGE_SOURCES
from antq.registry.records import (
    apply_cleaned,
    area_name,
    clean_text,
    in_area_of,
    record_unit,
    reports_follow,
)
from antq.units.models import COMMUNE_KINDS, LOCAL_KINDS, ORGANISATION_KINDS, Unit

FIRST_DAY = dt.date(2000, 1, 1)
MAX_HOUSEHOLDS = 500_000  # the largest commune has well under 100,000 households
MAX_PARTY_UNITS = 500
CONTENT_MAX = 20_000
PARTIES_MAX = 5_000
PARTY_KINDS = COMMUNE_KINDS | LOCAL_KINDS | ORGANISATION_KINDS
PLEDGE_FIELDS = ("signed_on", "title", "content", "parties", "households")


@dataclass(frozen=True)
class PledgeInput:
    """A pledge as entered, before validation (form or API)."""

    unit_code: str
    signed_on: dt.date | None
    title: str
    content: str
    parties: str = ""
    party_unit_codes: Sequence[str] = ()
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


def _party_units(unit: Unit, codes: list[str], errors: dict[str, str]) -> list[Unit]:
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


def _site(
    actor: Actor, unit: Unit | None, site_id: int, signed_on: dt.date | None, errors: dict[str, str]
) -> FestivalSite | None:
    site = sites_visible_to(actor).filter(pk=site_id).first()
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
    if not in_area_of(unit, site.province_id, site.commune_id):
        errors["festival_site"] = _("The site “%(site)s” is outside %(area)s, where the pledge is signed.") % {
            "site": site.name,
            "area": area_name(unit),
        }
        return site
    day = timezone.localtime(site.starts_at).date()
    if signed_on is not None and "signed_on" not in errors and signed_on != day:
        errors["signed_on"] = _(
            "The pledge was signed at the site “%(site)s”, held on %(date)s; the date must be that day."
        ) % {"site": site.name, "date": format_date(day)}
    return site


def _cleaned(actor: Actor, data: PledgeInput, *, creating: bool = False) -> dict[str, Any]:
    """The cleaned values of `data`, or ValidationFailed naming every field that is wrong."""
    errors: dict[str, str] = {}
    unit = record_unit(actor, data.unit_code, errors, record="pledge", creating=creating)
    clean: dict[str, Any] = {"unit": unit}
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
        data.content, "content", CONTENT_MAX, errors, required=_("Enter what the parties pledge to do.")
    )
    clean["parties"] = clean_text(data.parties, "parties", PARTIES_MAX, errors)
    if data.households is not None and not (0 <= data.households <= MAX_HOUSEHOLDS):
        errors["households"] = _("Enter a number of households between 0 and %(n)s, or leave it empty.") % {
            "n": format_number(MAX_HOUSEHOLDS)
        }
    clean["households"] = data.households
    codes = list(dict.fromkeys(c.strip() for c in data.party_unit_codes if c and c.strip()))
    clean["party_units"] = _party_units(unit, codes, errors) if unit is not None and "unit" not in errors else []
    clean["festival_site"] = None
    if data.festival_site_id is not None:
        clean["festival_site"] = _site(actor, unit, data.festival_site_id, data.signed_on, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    return clean


def _party_codes(pledge: EmulationPledge) -> list[str]:
    return list(pledge.party_units.values_list("code", flat=True))


@transaction.atomic
def pledge_create(*, actor: Actor, data: PledgeInput) -> EmulationPledge:
    """Record a pledge. Officers covering its unit."""
    clean = _cleaned(actor, data, creating=True)
    pledge = EmulationPledge(created_by=actor.user)
    apply_cleaned(pledge, clean, (*PLEDGE_FIELDS, "festival_site"))
    pledge.save()
    pledge.party_units.set(clean["party_units"])
    after = pledge_snapshot(pledge, [u.code for u in clean["party_units"]])
    audit_record(actor, "pledge.create", target=pledge, after=after)
    reports_follow([(pledge.province_id, pledge.commune_id)], days=[pledge.signed_on], sources=PLEDGE_SOURCES)
    return pledge


def _locked(actor: Actor, pledge_id: int, version: int) -> EmulationPledge:
    return lock_for_write(
        pledges_visible_to(actor),
        pledge_id,
        version=version,
        allowed=lambda p: can_write_records(actor, p.unit),
        refusal=lambda p: (
            _("Your role at %(unit)s does not allow changing its emulation pledges.") % {"unit": p.unit.name}
        ),
        related=("unit",),
    )


@transaction.atomic
def pledge_update(*, actor: Actor, pledge_id: int, version: int, data: PledgeInput) -> EmulationPledge:
    """Replace a pledge's details (all fields, as the edit form sends them); the signing units are
    replaced by those given. Reports of the old and the new placement both follow."""
    pledge = _locked(actor, pledge_id, version)
    clean = _cleaned(actor, data)
    before = pledge_snapshot(pledge, _party_codes(pledge))
    old_place, old_day = (pledge.province_id, pledge.commune_id), pledge.signed_on
    apply_cleaned(pledge, clean, (*PLEDGE_FIELDS, "festival_site"))
    pledge.version += 1
    pledge.save()
    pledge.party_units.set(clean["party_units"])
    after = pledge_snapshot(pledge, [u.code for u in clean["party_units"]])
    audit_record(actor, "pledge.update", target=pledge, before=before, after=after)
    places = [old_place, (pledge.province_id, pledge.commune_id)]
    reports_follow(places, days=[old_day, pledge.signed_on], sources=PLEDGE_SOURCES)
    return pledge


@transaction.atomic
def pledge_delete(*, actor: Actor, pledge_id: int, version: int) -> None:
    """Delete a pledge; the reports that counted it follow. Officers covering its unit."""
    pledge = _locked(actor, pledge_id, version)
    audit_record(actor, "pledge.delete", target=pledge, before=pledge_snapshot(pledge, _party_codes(pledge)))
    place, day = (pledge.province_id, pledge.commune_id), pledge.signed_on
    pledge.delete()
    reports_follow([place], days=[day], sources=PLEDGE_SOURCES)
