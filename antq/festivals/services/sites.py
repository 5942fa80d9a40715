"""Writing one festival site: register it, edit it, move it through planned -> confirmed -> held
-> reported, cancel it with a reason (and restore it).

Every function validates, writes and audits in one transaction: on any error nothing changes. A
change of an existing site locks it through `lock_site` (core.writes.lock_for_write): a site
outside the actor's area is missing (404), one the actor sees but may not change is refused
(403), a stale `version` conflicts (409).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import Forbidden, ValidationFailed
from antq.core.text import format_date
from antq.core.writes import bump_version, lock_for_write
from antq.festivals import permissions
from antq.festivals.models import SITE_TRANSITIONS, FestivalSite, SiteProgrammeItem, SiteState
from antq.festivals.selectors import plan_for_sites
from antq.festivals.services.checks import SITE_FIELDS, SiteChecker, SiteInput, site_fill
from antq.plans.models import IN_FORCE_STATES


def site_snapshot(site: FestivalSite) -> dict[str, Any]:
    snapshot: dict[str, Any] = {name: getattr(site, name) for name in SITE_FIELDS}
    snapshot.update(plan_id=site.plan_id, unit_id=site.unit_id, state=site.state)
    return snapshot


def lock_site(actor: Actor, site_id: int, version: int) -> FestivalSite:
    """The site, row-locked for this transaction, once the actor may change it (an officer at its
    organising unit) and holds its latest version."""
    return lock_for_write(
        permissions.sites_visible_to(actor),
        site_id,
        version=version,
        allowed=lambda s: permissions.can_write_site(actor, s.unit),
        refusal=lambda s: _("Your role at %(unit)s does not allow changing its sites.") % {"unit": s.unit.name},
        related=("unit", "unit__commune", "unit__province", "plan", "plan__issuer"),
    )


def _programme_set(site: FestivalSite, items: list[str]) -> None:
    site.programme.all().delete()
    SiteProgrammeItem.objects.bulk_create([SiteProgrammeItem(site=site, item=item) for item in items])


@transaction.atomic
def site_create(*, actor: Actor, plan_id: int, data: SiteInput) -> FestivalSite:
    """Register a site under a plan in force the actor sees (an officer at the organising unit)."""
    plan = plan_for_sites(actor=actor, plan_id=plan_id)
    checker = SiteChecker(actor=actor, plan=plan)
    checker.load_units([data.unit_code])
    unit = checker.units.get(data.unit_code.strip())
    if unit is not None and actor.covers(unit) and not permissions.can_write_site(actor, unit):
        raise Forbidden(_("Your role at %(unit)s does not allow registering its sites.") % {"unit": unit.name})
    clean, errors = checker.check(data)
    errors = {**checker.plan_errors(), **errors}
    if errors:
        raise ValidationFailed(errors=errors)
    site = FestivalSite(plan=plan, year=plan.year, created_by=actor.user)
    site_fill(site, clean)
    site.save()
    _programme_set(site, clean["programme"])
    audit_record(actor, "site.create", target=site, after={**site_snapshot(site), "programme": clean["programme"]})
    return site


@transaction.atomic
def site_update(*, actor: Actor, site_id: int, version: int, data: SiteInput) -> FestivalSite:
    """Replace a site's details (all fields, as in the edit form). The plan stays; the organising
    unit may change within the plan's area."""
    site = lock_site(actor, site_id, version)
    if not site.is_open:
        raise ValidationFailed(_("A site that is reported or cancelled is no longer edited."))
    checker = SiteChecker(actor=actor, plan=site.plan)
    checker.load_units([data.unit_code])
    clean, errors = checker.check(data, existing=site)
    if errors:
        raise ValidationFailed(errors=errors)
    before = {**site_snapshot(site), "programme": sorted(site.programme.values_list("item", flat=True))}
    site_fill(site, clean)
    site.version += 1
    site.save()
    _programme_set(site, clean["programme"])
    after = {**site_snapshot(site), "programme": sorted(clean["programme"])}
    audit_record(actor, "site.update", target=site, before=before, after=after)
    return site


def _transition_errors(site: FestivalSite, to: str, reason: str) -> dict[str, str]:
    if to not in SiteState.values:
        return {"state": _("Unknown state %(state)s.") % {"state": to}}
    if to not in SITE_TRANSITIONS[site.state]:
        return {
            "state": _("A site that is %(from)s cannot become %(to)s.")
            % {"from": SiteState(site.state).label.lower(), "to": SiteState(to).label.lower()}
        }
    if to == SiteState.CANCELLED and not reason:
        return {"reason": _("Say why the site is cancelled; the plan's issuer will see it.")}
    day = timezone.localtime(site.starts_at).date()
    if to == SiteState.HELD and day > timezone.localdate():
        return {
            "state": _("The site is on %(date)s; it can be marked held from that day.") % {"date": format_date(day)}
        }
    return {}


@transaction.atomic
def site_transition(*, actor: Actor, site_id: int, version: int, to: str, reason: str = "") -> FestivalSite:
    """Move a site to another state. Cancelling needs a reason; "held" only once its day has come;
    "reported" is set when its results are filed; a cancelled site is restored while its plan is
    in force."""
    site = lock_site(actor, site_id, version)
    reason = reason.strip()
    errors = _transition_errors(site, to, reason)
    if errors:
        raise ValidationFailed(errors=errors)
    if to == SiteState.PLANNED and site.state == SiteState.CANCELLED and site.plan.state not in IN_FORCE_STATES:
        raise ValidationFailed(_("The plan is no longer in force; the site cannot be restored."))
    before = {"state": site.state, "cancel_reason": site.cancel_reason}
    site.state = to
    site.cancel_reason = reason[:500] if to == SiteState.CANCELLED else ""
    bump_version(site, "state", "cancel_reason")
    audit_record(
        actor,
        f"site.{to}",
        target=site,
        before=before,
        after={"state": site.state, "cancel_reason": site.cancel_reason},
    )
    return site
