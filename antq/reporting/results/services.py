"""Entering a festival site's results. The site moves to "reported" and, in the same transaction,
the organiser's draft reports follow (`reports.drafts.records_changed`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import ValidationFailed
from antq.core.text import format_date
from antq.core.writes import bump_version, lock_for_write
from antq.festivals.models import FestivalSite, SiteState
from antq.festivals.permissions import can_write_site
from antq.reporting.catalogue.selectors import rules_for, site_lines
from antq.reporting.reports.drafts import records_changed, records_locked, today
from antq.reporting.results import permissions
from antq.reporting.results.models import SiteResult
from antq.reporting.results.prefill import SITE_SOURCES
from antq.reporting.values import check_rules, check_values, field_name


@transaction.atomic
def site_results_save(*, actor: Actor, site_id: int, version: int, values: Mapping[str, object]) -> FestivalSite:
    """Record what happened at a festival site once its day has come (`values`: figure field ->
    number or text, the per-site lines of the catalogue); the site becomes "reported" and the
    organiser's report for the season follows at once (when it is still being drafted)."""
    site = lock_for_write(
        permissions.sites_with_results_visible_to(actor),
        site_id,
        version=version,
        allowed=lambda s: can_write_site(actor, s.unit),
        refusal=lambda s: _("Your role at %(unit)s does not allow entering its results.") % {"unit": s.unit.name},
        related=("unit", "province", "commune"),
    )
    if site.state == SiteState.CANCELLED:
        raise ValidationFailed(_("The site was cancelled; it has no results."))
    day = timezone.localtime(site.starts_at).date()
    if day > today():
        raise ValidationFailed(
            _("The site is on %(date)s; enter its results from that day.") % {"date": format_date(day)}
        )
    if site.state not in (SiteState.HELD, SiteState.REPORTED):
        raise ValidationFailed(
            _("The site is still “%(state)s”: mark it held first (“Held”), then enter its results.")
            % {"state": SiteState(site.state).label}
        )
    locked = records_locked(**_fed_by(site))
    if locked:
        raise ValidationFailed(locked)
    lines = site_lines(site.year)
    parsed, errors = check_values(lines, values)
    if errors:
        raise ValidationFailed(errors=errors)
    rule_errors = check_rules(lines, parsed, rules_for(lines))
    if rule_errors:
        raise ValidationFailed(errors=rule_errors)
    if not any(v is not None for v in parsed.values()):
        raise ValidationFailed(_("Enter at least one figure; 0 where nothing was done."))
    before = {
        field_name((code, opt)): v for code, opt, v in site.results.values_list("indicator__code", "option", "value")
    }
    by_key = {line.key: line for line in lines}
    site.results.all().delete()
    results = [
        SiteResult(site=site, indicator=by_key[key].indicator, option=key[1], year=site.year, value=number)
        for key, number in parsed.items()
        if number is not None
    ]
    for result in results:
        result.place_at(site.unit)
    SiteResult.objects.bulk_create(results)
    site.state = SiteState.REPORTED
    bump_version(site, "state")
    after = {field_name(k): v for k, v in parsed.items() if v is not None}
    audit_record(actor, "site.results", target=site, before=before, after=after)
    _records_changed(site)
    return site


def _fed_by(site: FestivalSite) -> dict[str, Any]:
    """The reports a site's results count in: its organiser's (commune or province) for the season."""
    return {
        "province": site.province,
        "commune": site.commune,
        "year": site.year,
        "days": [timezone.localtime(site.starts_at).date()],
        "sources": SITE_SOURCES,
    }


def _records_changed(site: FestivalSite) -> None:
    """Let the organiser's draft reports follow a site's new results or state."""
    records_changed(**_fed_by(site))
