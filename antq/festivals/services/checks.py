"""The rules a festival site obeys, checked against the plan it belongs to: the organising unit (in
the actor's area and the plan's, current, a commune, village or organisation, the actor an officer
there), the date in the plan's window, the venue, the pilot tier (designated from above), the
coordinates (inside Việt Nam; the unit's centre when left empty) and the programme.

One checker serves a single registration, an edit and a bulk registration alike; it preloads the
units, so a 2,000-row import is a couple of queries, not one per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.text import format_date
from antq.festivals import permissions
from antq.festivals.models import FestivalSite, PilotTier, ProgrammeItem
from antq.plans.models import IN_FORCE_STATES, Plan
from antq.units.models import Unit

LATITUDE_RANGE = (6.0, 24.0)
LONGITUDE_RANGE = (102.0, 118.5)
DEFAULT_START = dt.time(7, 30)
SITE_FIELDS = (
    "name",
    "pilot_tier",
    "starts_at",
    "ends_at",
    "venue",
    "latitude",
    "longitude",
    "invited_leaders",
    "expected_participants",
)


@dataclass(frozen=True)
class SiteInput:
    """One site as entered, before validation. Dates and times are separate, as people enter them."""

    unit_code: str
    date: dt.date | None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    name: str = ""
    venue: str = ""
    latitude: float | None = None
    longitude: float | None = None
    pilot_tier: str = ""
    programme: Sequence[str] = ()
    invited_leaders: str = ""
    expected_participants: int | None = None


def default_coordinates(unit: Unit) -> tuple[float | None, float | None]:
    """The unit's centroid, else its commune's, else its province's."""
    for candidate in (unit, unit.commune, unit.province):
        if candidate is not None and candidate.latitude is not None and candidate.longitude is not None:
            return candidate.latitude, candidate.longitude
    return None, None


def default_site_name(unit: Unit, year: int) -> str:
    """The festival's official name with the unit's: stored data, so Vietnamese whatever the UI language."""
    return f"Ngày hội toàn dân bảo vệ ANTQ năm {year} – {unit.name}"


class SiteChecker:
    """Validates site inputs against one plan, with the units preloaded: a 2,000-row import is a
    couple of queries, not one per row."""

    def __init__(self, *, actor: Actor, plan: Plan) -> None:
        self.actor = actor
        self.plan = plan
        self.units: dict[str, Unit] = {}

    def load_units(self, codes: Iterable[str]) -> None:
        wanted = {c.strip() for c in codes if c and c.strip()} - set(self.units)
        if wanted:
            found = Unit.objects.filter(code__in=wanted).select_related("commune", "province")
            self.units.update({u.code: u for u in found})

    def plan_errors(self) -> dict[str, str]:
        if self.plan.state not in IN_FORCE_STATES:
            return {
                "plan": _(
                    "Plan %(ref)s is not in force (it is a draft or closed); sites are registered under a "
                    "plan in force."
                )
                % {"ref": self.plan.reference or self.plan.title}
            }
        return {}

    def check(self, data: SiteInput, *, existing: FestivalSite | None = None) -> tuple[dict[str, Any], dict[str, str]]:
        """Returns (clean values, field -> message)."""
        errors: dict[str, str] = {}
        plan = self.plan
        code = (data.unit_code or "").strip()
        unit = self.units.get(code)
        if not code:
            errors["unit"] = _("Enter the code of the organising unit (commune, village or organisation).")
        elif unit is None or not self.actor.covers(unit):
            errors["unit"] = _("Unit %(code)s does not exist or is outside your area.") % {"code": code}
        elif not unit.is_current:
            errors["unit"] = _("%(unit)s was closed; register the site under its successor.") % {"unit": unit.name}
        elif unit.kind not in permissions.ORGANISER_KINDS:
            errors["unit"] = _(
                "Sites are organised by a commune, a village or residential group, or an organisation; "
                "%(unit)s is none of these."
            ) % {"unit": unit.name}
        elif not unit.path.startswith(plan.issuer.path):
            errors["unit"] = _("%(unit)s is outside the area of plan %(ref)s (%(issuer)s).") % {
                "unit": unit.name,
                "ref": plan.reference,
                "issuer": plan.issuer.name,
            }
        elif not permissions.can_write_site(self.actor, unit):
            errors["unit"] = _("Your role at %(unit)s does not allow registering its sites.") % {"unit": unit.name}
        clean: dict[str, Any] = {}
        tz = timezone.get_current_timezone()
        if data.date is None:
            errors["date"] = _("Enter the date in the form dd/mm/yyyy.")
        elif not (plan.window_start <= data.date <= plan.window_end):
            errors["date"] = _("The date must lie in the festival window %(a)s – %(b)s of plan %(ref)s.") % {
                "a": format_date(plan.window_start),
                "b": format_date(plan.window_end),
                "ref": plan.reference,
            }
        else:
            clean["starts_at"] = dt.datetime.combine(data.date, data.start_time or DEFAULT_START, tzinfo=tz)
            if data.end_time is not None:
                ends = dt.datetime.combine(data.date, data.end_time, tzinfo=tz)
                if ends < clean["starts_at"]:
                    errors["end_time"] = _("The end time must be after the start time.")
                clean["ends_at"] = ends
            else:
                clean["ends_at"] = None
        venue = (data.venue or "").strip()
        if not venue:
            errors["venue"] = _("Enter the venue, e.g. “Nhà văn hóa thôn Tân Xương 1”.")
        elif len(venue) > 300:
            errors["venue"] = _("At most %(n)s characters.") % {"n": 300}
        clean["venue"] = venue
        name = (data.name or "").strip()
        if len(name) > 300:
            errors["name"] = _("At most %(n)s characters.") % {"n": 300}
        clean["name"] = name or (default_site_name(unit, plan.year) if unit else "")
        tier = (data.pilot_tier or "").strip()
        if tier not in PilotTier.values:
            errors["pilot_tier"] = _("Pilot tier is one of: empty (wide rollout), “ministry”, “province”.")
        elif unit is not None and "unit" not in errors and tier != (existing.pilot_tier if existing else ""):
            if not permissions.can_set_pilot_tier(self.actor, unit, tier):
                errors["pilot_tier"] = (
                    _("A Ministry pilot is designated by the Ministry.")
                    if tier == PilotTier.MINISTRY
                    else _("A province pilot is designated by the province.")
                )
        clean["pilot_tier"] = tier
        lat, lon = data.latitude, data.longitude
        if (lat is None) != (lon is None):
            errors["latitude"] = _("Enter both latitude and longitude, or neither (the unit's centre is used).")
        elif lat is not None and lon is not None:
            if not (LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1]):
                errors["latitude"] = _("Latitude must be between %(a)s and %(b)s (Việt Nam).") % {
                    "a": LATITUDE_RANGE[0],
                    "b": LATITUDE_RANGE[1],
                }
            if not (LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]):
                errors["longitude"] = _("Longitude must be between %(a)s and %(b)s (Việt Nam).") % {
                    "a": LONGITUDE_RANGE[0],
                    "b": LONGITUDE_RANGE[1],
                }
        elif unit is not None:
            lat, lon = default_coordinates(unit)
        clean["latitude"], clean["longitude"] = lat, lon
        programme = list(dict.fromkeys(p.strip() for p in data.programme if p and p.strip()))
        unknown = [p for p in programme if p not in ProgrammeItem.values]
        if unknown:
            errors["programme"] = _("Unknown programme item(s): %(items)s.") % {"items": ", ".join(unknown)}
        clean["programme"] = programme
        if data.expected_participants is not None and not (0 <= data.expected_participants <= 1_000_000):
            errors["expected_participants"] = _("Enter a number of people between 0 and 1.000.000.")
        clean["expected_participants"] = data.expected_participants
        clean["invited_leaders"] = (data.invited_leaders or "").strip()
        clean["unit"] = unit
        return clean, errors


def site_fill(site: FestivalSite, clean: dict[str, Any]) -> None:
    """Write checked values (`SiteChecker.check`) onto a site, kept where its organising unit is."""
    site.unit = clean["unit"]
    site.place_at(site.unit)
    for name in SITE_FIELDS:
        setattr(site, name, clean[name])
