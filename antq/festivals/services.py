"""Writing festival sites: register one, register many at once (table form or .xlsx import, with a
dry run), edit, move through planned -> confirmed -> held -> reported, cancel with a reason.

Every function validates, writes and audits in one transaction: on any error nothing changes, and
a bulk registration with one bad row registers nothing and reports every bad row. Edits carry the
`version` the actor loaded; a stale version raises Conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_entry
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.text import format_date
from antq.festivals import permissions
from antq.festivals.models import (
    SITE_TRANSITIONS,
    FestivalSite,
    PilotTier,
    ProgrammeItem,
    SiteProgrammeItem,
    SiteState,
)
from antq.plans.models import IN_FORCE_STATES, Plan
from antq.plans.permissions import plans_visible_to
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

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
MAX_BULK_ROWS = 5000


@dataclass
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


@dataclass
class RowProblem:
    row: int  # 1-based row number as the user sees it (spreadsheet row, table line)
    field: str
    message: str


@dataclass
class BulkResult:
    rows: int
    created: list[FestivalSite] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def site_snapshot(site: FestivalSite) -> dict[str, Any]:
    snapshot: dict[str, Any] = {name: getattr(site, name) for name in SITE_FIELDS}
    snapshot.update(plan_id=site.plan_id, unit_id=site.unit_id, state=site.state)
    return snapshot


def default_coordinates(unit: Unit) -> tuple[float | None, float | None]:
    """The unit's centroid, else its commune's, else its province's."""
    for candidate in (unit, unit.commune, unit.province):
        if candidate is not None and candidate.latitude is not None and candidate.longitude is not None:
            return candidate.latitude, candidate.longitude
    return None, None


def default_site_name(unit: Unit, year: int) -> str:
    """The festival's official name with the unit's: stored data, so Vietnamese whatever the UI language."""
    return f"Ngày hội toàn dân bảo vệ ANTQ năm {year} – {unit.name}"


def plan_for_sites(*, actor: Actor, plan_id: int) -> Plan:
    plan = plans_visible_to(actor).select_related("issuer").filter(pk=plan_id).first()
    if plan is None:
        raise NotFound(_("Plan %(id)s does not exist or is outside your area.") % {"id": plan_id})
    return plan


class _Checker:
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


def _new_site(plan: Plan, clean: dict[str, Any], actor: Actor) -> FestivalSite:
    unit: Unit = clean["unit"]
    province = unit if unit.kind in PROVINCE_KINDS else unit.province
    commune = unit if unit.kind in COMMUNE_KINDS else unit.commune
    return FestivalSite(
        plan=plan,
        unit=unit,
        province=province,
        commune=commune,
        year=plan.year,
        created_by=actor.user,
        **{k: clean[k] for k in SITE_FIELDS},
    )


@transaction.atomic
def site_create(*, actor: Actor, plan_id: int, data: SiteInput) -> FestivalSite:
    plan = plan_for_sites(actor=actor, plan_id=plan_id)
    checker = _Checker(actor=actor, plan=plan)
    checker.load_units([data.unit_code])
    unit = checker.units.get((data.unit_code or "").strip())
    if unit is not None and actor.covers(unit) and not permissions.can_write_site(actor, unit):
        raise Forbidden(_("Your role at %(unit)s does not allow registering its sites.") % {"unit": unit.name})
    clean, errors = checker.check(data)
    errors = {**checker.plan_errors(), **errors}
    if errors:
        raise ValidationFailed(errors=errors)
    site = _new_site(plan, clean, actor)
    site.save()
    SiteProgrammeItem.objects.bulk_create([SiteProgrammeItem(site=site, item=item) for item in clean["programme"]])
    audit_entry(
        actor=actor.user,
        action="site.create",
        target_type="festival_site",
        target_id=site.pk,
        target_label=site.name,
        scope_path=site.unit.path,
        after={**site_snapshot(site), "programme": clean["programme"]},
    )
    return site


def sites_bulk_create(
    *,
    actor: Actor,
    plan_id: int,
    rows: Sequence[SiteInput],
    dry_run: bool = False,
    first_row: int = 1,
    row_numbers: Sequence[int] | None = None,
) -> BulkResult:
    """Register many sites under one plan: every row is checked; if any row is wrong, nothing is
    registered and every problem is listed by row. A dry run checks and writes nothing."""
    plan = plan_for_sites(actor=actor, plan_id=plan_id)
    result = BulkResult(rows=len(rows), dry_run=dry_run)
    numbers = list(row_numbers) if row_numbers is not None else [first_row + i for i in range(len(rows))]
    for message in checker_plan_problems(actor, plan):
        result.problems.append(RowProblem(row=0, field="plan", message=message))
    if not rows:
        result.problems.append(RowProblem(row=0, field="rows", message=_("There are no sites to register.")))
    if len(rows) > MAX_BULK_ROWS:
        result.problems.append(
            RowProblem(row=0, field="rows", message=_("At most %(n)s rows at a time.") % {"n": MAX_BULK_ROWS})
        )
    if result.problems:
        return result
    checker = _Checker(actor=actor, plan=plan)
    checker.load_units(row.unit_code for row in rows)
    cleaned: list[dict[str, Any]] = []
    for number, row in zip(numbers, rows, strict=True):
        clean, errors = checker.check(row)
        for name, message in errors.items():
            result.problems.append(RowProblem(row=number, field=name, message=message))
        cleaned.append(clean)
    if result.problems or dry_run:
        return result
    with transaction.atomic():
        sites = [_new_site(plan, clean, actor) for clean in cleaned]
        created = FestivalSite.objects.bulk_create(sites, batch_size=500)
        if not all(site.pk for site in created):  # SQLite < 3.35 returns no ids; this project needs them
            raise RuntimeError("bulk_create returned no primary keys")
        SiteProgrammeItem.objects.bulk_create(
            [
                SiteProgrammeItem(site=site, item=item)
                for site, clean in zip(created, cleaned, strict=True)
                for item in clean["programme"]
            ],
            batch_size=2000,
        )
        audit_entry(
            actor=actor.user,
            action="site.bulk_create",
            target_type="plan",
            target_id=plan.pk,
            target_label=f"{plan.reference} {plan.title}",
            scope_path=plan.issuer.path,
            after={"count": len(created), "site_ids": [s.pk for s in created][:5000]},
        )
    result.created = created
    return result


def checker_plan_problems(actor: Actor, plan: Plan) -> list[str]:
    return list(_Checker(actor=actor, plan=plan).plan_errors().values())


def _locked(site_id: int) -> FestivalSite:
    return (
        FestivalSite.objects.select_for_update(of=("self",))
        .select_related("unit", "unit__commune", "unit__province", "plan", "plan__issuer")
        .get(pk=site_id)
    )


def _locked_for_write(actor: Actor, site_id: int, version: int) -> FestivalSite:
    """The site, row-locked, once the actor may change it and has loaded its latest version."""
    site = _locked(site_id)
    if not permissions.can_write_site(actor, site.unit):
        raise Forbidden(_("Your role at %(unit)s does not allow changing its sites.") % {"unit": site.unit.name})
    _check_version(site, version)
    return site


def _check_version(site: FestivalSite, version: int) -> None:
    if site.version != version:
        raise Conflict(
            _("Someone else changed this site after you opened it. Reload it to see their change, then try again.")
        )


@transaction.atomic
def site_update(*, actor: Actor, site: FestivalSite, version: int, data: SiteInput) -> FestivalSite:
    """Replace a site's details (all fields, as in the edit form). The plan stays; the organising
    unit may change within the plan's area."""
    site = _locked_for_write(actor, site.pk, version)
    if not site.is_open:
        raise ValidationFailed(_("A site that is reported or cancelled is no longer edited."))
    checker = _Checker(actor=actor, plan=site.plan)
    checker.load_units([data.unit_code])
    clean, errors = checker.check(data, existing=site)
    if errors:
        raise ValidationFailed(errors=errors)
    before = {**site_snapshot(site), "programme": sorted(site.programme.values_list("item", flat=True))}
    fresh = _new_site(site.plan, clean, actor)
    for name in (*SITE_FIELDS, "unit", "province", "commune"):
        setattr(site, name, getattr(fresh, name))
    site.version = F("version") + 1
    site.save()
    site.refresh_from_db()
    site.programme.all().delete()
    SiteProgrammeItem.objects.bulk_create([SiteProgrammeItem(site=site, item=item) for item in clean["programme"]])
    audit_entry(
        actor=actor.user,
        action="site.update",
        target_type="festival_site",
        target_id=site.pk,
        target_label=site.name,
        scope_path=site.unit.path,
        before=before,
        after={**site_snapshot(site), "programme": sorted(clean["programme"])},
    )
    return site


@transaction.atomic
def site_transition(*, actor: Actor, site: FestivalSite, version: int, to: str, reason: str = "") -> FestivalSite:
    """Move a site to another state. Cancelling needs a reason; "held" only once its day has come;
    "reported" is set when its results are filed."""
    site = _locked_for_write(actor, site.pk, version)
    if to not in SiteState.values:
        raise ValidationFailed(errors={"state": _("Unknown state %(state)s.") % {"state": to}})
    if to not in SITE_TRANSITIONS[site.state]:
        raise ValidationFailed(
            errors={
                "state": _("A site that is %(from)s cannot become %(to)s.")
                % {"from": SiteState(site.state).label.lower(), "to": SiteState(to).label.lower()}
            }
        )
    reason = (reason or "").strip()
    if to == SiteState.CANCELLED and not reason:
        raise ValidationFailed(errors={"reason": _("Say why the site is cancelled; the plan's issuer will see it.")})
    if to == SiteState.HELD and timezone.localtime(site.starts_at).date() > timezone.localdate():
        raise ValidationFailed(
            errors={
                "state": _("The site is on %(date)s; it can be marked held from that day.")
                % {"date": format_date(timezone.localtime(site.starts_at).date())}
            }
        )
    if to == SiteState.PLANNED and site.state == SiteState.CANCELLED and site.plan.state not in IN_FORCE_STATES:
        raise ValidationFailed(_("The plan is no longer in force; the site cannot be restored."))
    before = {"state": site.state, "cancel_reason": site.cancel_reason}
    site.state = to
    site.cancel_reason = reason[:500] if to == SiteState.CANCELLED else ""
    site.version = F("version") + 1
    site.save()
    site.refresh_from_db()
    audit_entry(
        actor=actor.user,
        action=f"site.{to}",
        target_type="festival_site",
        target_id=site.pk,
        target_label=site.name,
        scope_path=site.unit.path,
        before=before,
        after={"state": site.state, "cancel_reason": site.cancel_reason},
    )
    return site
