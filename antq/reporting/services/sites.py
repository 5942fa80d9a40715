"""Results of festival sites, and the reports that follow them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_entry
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.placement import PlaceChange
from antq.core.text import format_date
from antq.festivals.models import FestivalSite, SiteState
from antq.festivals.permissions import can_write_site
from antq.reporting.models import (
    EDITABLE_STATES,
    Indicator,
    PrefillSource,
    Report,
    ReportForm,
    ReportingLevel,
    SiteResult,
)
from antq.reporting.rollups import Changes
from antq.reporting.services.lines import _refresh_prefill, form_lines, rules_for
from antq.reporting.services.periods import period_get_or_create, today
from antq.reporting.services.reports import _bump, _new_report
from antq.reporting.values import Line, check_rules, check_values, field_name, lines_for
from antq.units.models import PROVINCE_KINDS, Unit

# --- Site results ---------------------------------------------------------------------------------


def site_lines(year: int) -> list[Line]:
    indicators = Indicator.objects.filter(per_site=True).prefetch_related("options").order_by("position", "code")
    return lines_for([i for i in indicators if i.active_in(year)])


@transaction.atomic
def site_results_save(*, actor: Actor, site_id: int, version: int, values: Mapping[str, object]) -> FestivalSite:
    """Record what happened at a festival site once its day has come; the site becomes "reported"
    and the organiser's report for the season follows at once (when it is still being drafted)."""
    try:
        site = (
            FestivalSite.objects.select_for_update(of=("self",))
            .select_related("unit", "province", "commune")
            .get(pk=site_id)
        )
    except FestivalSite.DoesNotExist as exc:
        raise NotFound() from exc
    if not actor.covers(site.unit):
        raise NotFound()
    if not can_write_site(actor, site.unit):
        raise Forbidden(_("Your role at %(unit)s does not allow entering its results.") % {"unit": site.unit.name})
    if site.version != version:
        raise Conflict(
            _("Someone else changed this site after you opened it. Reload it to see their change, then try again.")
        )
    if site.state == SiteState.CANCELLED:
        raise ValidationFailed(_("The site was cancelled; it has no results."))
    day = timezone.localtime(site.starts_at).date()
    if day > today():
        raise ValidationFailed(
            _("The site is on %(date)s; enter its results from that day.") % {"date": format_date(day)}
        )
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
    SiteResult.objects.bulk_create(
        [
            SiteResult(
                site=site,
                indicator=by_key[key].indicator,
                option=key[1],
                year=site.year,
                province_id=site.province_id,
                commune_id=site.commune_id,
                value=number,
            )
            for key, number in parsed.items()
            if number is not None
        ]
    )
    site.state = SiteState.REPORTED
    site.version = F("version") + 1
    site.save(update_fields=["state", "version", "updated_at"])
    site.refresh_from_db()
    audit_entry(
        actor=actor.user,
        action="site.results",
        target_type="festival_site",
        target_id=site.pk,
        target_label=site.name,
        scope_path=site.unit.path,
        before=before,
        after={field_name(k): v for k, v in parsed.items() if v is not None},
    )
    site_records_changed(site)
    return site


def site_records_changed(site: FestivalSite) -> None:
    """Let the organiser's draft reports follow a site's new results or state."""
    records_changed(
        province=site.province,
        commune=site.commune,
        year=site.year,
        days=[timezone.localtime(site.starts_at).date()],
        sources=SITE_SOURCES,
    )


SITE_SOURCES = frozenset({PrefillSource.SITE_RESULTS, PrefillSource.SITES_HELD, PrefillSource.SITES_PILOT})


def records_changed(
    *,
    province: Unit | None,
    commune: Unit | None,
    days: Sequence[dt.date],
    sources: Iterable[str],
    year: int | None = None,
) -> None:
    """Let draft reports follow a change in the records they are prefilled from.

    Called inside the writer's transaction by whatever changed a record (a site's results, an
    initiative, a pledge, a commendation decision) with the record's commune (None for a record
    of the province itself), its province, the days whose periods it counts in (e.g. the day it
    took effect and today) and the prefill sources it feeds. The unit's reports of every active
    form fed by those sources, for the periods holding those days (the festival season: `year`),
    are refreshed when still drafts in an open period; submitted reports keep their figures (the
    report page shows the difference) and closed periods are not touched. Roll-ups change by the
    same increments, in the same transaction."""
    unit = commune or province
    if unit is None:
        return
    forms = ReportForm.objects.filter(is_active=True, lines__indicator__source__in=list(sources)).distinct()
    for form in forms:
        if form.reporting_level == ReportingLevel.PROVINCE and unit.kind not in PROVINCE_KINDS:
            unit_for_form = province
        else:
            unit_for_form = unit
        if unit_for_form is None:
            continue
        keys = {period_key_for(form.period_type, year or day.year, day) for day in days}
        for key in sorted(k for k in keys if k is not None):
            period = period_get_or_create(form=form, key=key)
            if not period.is_open(today()):
                continue
            report = Report.objects.select_for_update(of=("self",)).filter(period=period, unit=unit_for_form).first()
            if report is None:
                report = _new_report(period, unit_for_form)
            elif report.state not in EDITABLE_STATES:
                continue
            report.period = period
            changes = Changes()
            _refresh_prefill(report, form_lines(form, period.year), changes)
            if changes.apply():
                _bump(report)


def period_key_for(period_type: str, year: int, day: dt.date) -> str | None:
    if period_type == "season":
        return str(year)
    if period_type == "year":
        return str(day.year)
    if period_type == "month":
        return f"{day.year}-{day.month:02d}"
    if period_type == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if period_type == "half_year":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    return None


def places_changed(sender: object, changes: Iterable[PlaceChange], **kwargs: object) -> None:
    """Records moved from one place to another (a village moved or closed into a unit of another
    commune; `antq.core.placement`): the draft reports of both places follow their records at
    once, in the same transaction, so the totals never count a record under its old commune."""
    places = {change.before for change in changes} | {change.after for change in changes}
    units = Unit.objects.in_bulk({key for place in places for key in place if key is not None})
    sources = [source for source in PrefillSource.values if source]
    for province_id, commune_id in sorted(places, key=lambda p: (p[0] or 0, p[1] or 0)):
        records_changed(
            province=units.get(province_id) if province_id else None,
            commune=units.get(commune_id) if commune_id else None,
            days=[today()],
            sources=sources,
        )
