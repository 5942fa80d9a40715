"""Writes for results and reporting. Every function is one transaction: it validates, writes the
facts, changes the roll-ups by the same increments, and audits. Nothing is half-written.

Locking: a report (or a site) row is locked for the whole write and carries a `version`; a caller
holding an older version is told someone else changed it (409), never silently overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.accounts.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.text import format_date
from antq.festivals.models import FestivalSite, SiteState
from antq.festivals.permissions import can_write_site
from antq.reporting import permissions
from antq.reporting.models import (
    EDITABLE_STATES,
    FormIndicator,
    Indicator,
    IndicatorRule,
    PrefillSource,
    Report,
    ReportForm,
    ReportingLevel,
    ReportPeriod,
    ReportState,
    ReportValue,
    SiteResult,
)
from antq.reporting.periods import parse_period
from antq.reporting.rollups import Changes, FactKey
from antq.reporting.values import Key, Line, check_rules, check_values, field_name, lines_for
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

ZERO = Decimal(0)
HELD_STATES = (SiteState.HELD, SiteState.REPORTED)


def today() -> dt.date:
    return timezone.localdate()


# --- Periods ---------------------------------------------------------------------------------


def period_dates(form: ReportForm, key: str) -> dict[str, Any]:
    year, start, end = parse_period(form.period_type, key)
    cutoff = max(start, end - dt.timedelta(days=form.cutoff_days_before_end))
    commune_deadline = end + dt.timedelta(days=form.commune_deadline_days)
    province_deadline = max(commune_deadline, end + dt.timedelta(days=form.province_deadline_days))
    return {
        "year": year,
        "starts_on": start,
        "ends_on": end,
        "cutoff_on": cutoff,
        "commune_deadline": commune_deadline,
        "province_deadline": province_deadline,
        "closes_on": province_deadline + dt.timedelta(days=form.grace_days),
    }


def period_get_or_create(*, form: ReportForm, key: str) -> ReportPeriod:
    """The form's period `key`, created with the form's default dates the first time it is used."""
    period = ReportPeriod.objects.filter(form=form, key=key).select_related("form").first()
    if period is not None:
        return period
    dates = period_dates(form, key)
    with transaction.atomic():
        period, _created = ReportPeriod.objects.get_or_create(form=form, key=key, defaults=dates)
    period.form = form
    return period


@transaction.atomic
def period_update(*, actor: Actor, period_id: int, version: int, dates: Mapping[str, dt.date | None]) -> ReportPeriod:
    """Move a period's cut-off, deadlines or closing date (e.g. keep entry open a week longer)."""
    if not permissions.can_manage_periods(actor):
        raise Forbidden(_("Only officers at the Ministry change a period's dates."))
    try:
        period = ReportPeriod.objects.select_for_update().select_related("form").get(pk=period_id)
    except ReportPeriod.DoesNotExist as exc:
        raise NotFound() from exc
    if period.version != version:
        raise Conflict(_("Someone else changed this period after you opened it. Reload it and try again."))
    before = {name: getattr(period, name) for name in dates}
    errors: dict[str, str] = {}
    for name, value in dates.items():
        if value is None:
            errors[name] = _("Enter a date as dd/mm/yyyy.")
    if errors:
        raise ValidationFailed(errors=errors)
    for name, value in dates.items():
        setattr(period, name, value)
    if period.cutoff_on < period.starts_on:
        errors["cutoff_on"] = _("The cut-off date cannot be before the period starts (%(d)s).") % {
            "d": format_date(period.starts_on)
        }
    if period.commune_deadline < period.cutoff_on:
        errors["commune_deadline"] = _("The commune deadline cannot be before the cut-off date.")
    if period.province_deadline < period.commune_deadline:
        errors["province_deadline"] = _("The province deadline cannot be before the commune deadline.")
    if period.closes_on < period.province_deadline:
        errors["closes_on"] = _("Entry cannot close before the province deadline.")
    if errors:
        raise ValidationFailed(errors=errors)
    period.version = F("version") + 1
    period.save()
    period.refresh_from_db()
    audit_record(
        actor=actor.user,
        action="period.update",
        target_type="report_period",
        target_id=period.pk,
        target_label=f"{period.form.name} · {period.label}",
        scope_path="VN/",
        before=before,
        after={name: getattr(period, name) for name in dates},
    )
    return period


# --- Lines, prefill ----------------------------------------------------------------------------


def form_lines(form: ReportForm, year: int) -> list[Line]:
    indicators = [
        fi.indicator
        for fi in FormIndicator.objects.filter(form=form)
        .select_related("indicator")
        .prefetch_related("indicator__options")
        if fi.indicator.active_in(year)
    ]
    return lines_for(indicators)


def rules_for(lines: Sequence[Line]) -> list[IndicatorRule]:
    ids = {line.indicator.pk for line in lines}
    return list(IndicatorRule.objects.filter(left_id__in=ids, right_id__in=ids).select_related("left", "right"))


def _site_scope(unit: Unit) -> Q:
    if unit.kind in PROVINCE_KINDS:
        return Q(province=unit, commune__isnull=True)
    return Q(commune=unit)


def _site_period_q(period: ReportPeriod, prefix: str = "") -> Q:
    if period.form.period_type == "season":
        return Q(**{f"{prefix}year": period.year})
    return Q(**{f"{prefix}starts_at__date__gte": period.starts_on, f"{prefix}starts_at__date__lte": period.ends_on})


def prefill_for(report: Report, lines: Sequence[Line]) -> dict[Key, Decimal]:
    """What the unit's own records say, for every line fed from records."""
    period, unit = report.period, report.unit
    sources = {line.indicator.source for line in lines if line.indicator.source}
    result: dict[Key, Decimal] = {}
    if PrefillSource.SITE_RESULTS in sources:
        wanted = {line.indicator.pk for line in lines if line.indicator.source == PrefillSource.SITE_RESULTS}
        site_q = _site_period_q(period, "site__") if period.form.period_type != "season" else Q(year=period.year)
        rows = (
            SiteResult.objects.filter(site_q, _site_scope(unit), indicator_id__in=wanted)
            .exclude(site__state=SiteState.CANCELLED)
            .values("indicator__code", "option")
            .annotate(total=Sum("value"))
        )
        for row in rows:
            result[(row["indicator__code"], row["option"])] = row["total"] or ZERO
        for line in lines:
            if line.indicator.source == PrefillSource.SITE_RESULTS:
                result.setdefault(line.key, ZERO)
    if sources & {PrefillSource.SITES_HELD, PrefillSource.SITES_PILOT}:
        counts = FestivalSite.objects.filter(
            _site_period_q(period), _site_scope(unit), state__in=HELD_STATES
        ).aggregate(held=Count("id"), pilot=Count("id", filter=~Q(pilot_tier="")))
        for line in lines:
            if line.indicator.source == PrefillSource.SITES_HELD:
                result[line.key] = Decimal(counts["held"])
            elif line.indicator.source == PrefillSource.SITES_PILOT:
                result[line.key] = Decimal(counts["pilot"])
    return result


def _fact_key(report: Report, indicator_id: int, option: str) -> FactKey:
    return FactKey(report.form_id, report.period.key, indicator_id, option, report.province_id, report.commune_id)


def _refresh_prefill(report: Report, lines: Sequence[Line], changes: Changes) -> None:
    """Values that follow the records take the records' new sum; typed-over values keep theirs."""
    prefill = prefill_for(report, lines)
    if not prefill:
        return
    existing = {(v.indicator.code, v.option): v for v in report.values.select_related("indicator")}
    by_key = {line.key: line for line in lines}
    for key, amount in prefill.items():
        line = by_key.get(key)
        if line is None:
            continue
        row = existing.get(key)
        if row is None:
            if amount == 0 and line.indicator.source == PrefillSource.SITE_RESULTS:
                continue
            ReportValue.objects.create(
                **_value_fields(report, line.indicator.pk, key[1]), value=amount, prefilled=amount
            )
            changes.value_changed(_fact_key(report, line.indicator.pk, key[1]), None, amount, approved=False)
        elif row.overridden:
            if row.prefilled != amount:
                ReportValue.objects.filter(pk=row.pk).update(prefilled=amount)
        elif row.value != amount or row.prefilled != amount:
            ReportValue.objects.filter(pk=row.pk).update(value=amount, prefilled=amount)
            changes.value_changed(_fact_key(report, line.indicator.pk, key[1]), row.value, amount, approved=False)


def _value_fields(report: Report, indicator_id: int, option: str) -> dict[str, Any]:
    return {
        "report": report,
        "form_id": report.form_id,
        "period_key": report.period.key,
        "indicator_id": indicator_id,
        "option": option,
        "unit_id": report.unit_id,
        "province_id": report.province_id,
        "commune_id": report.commune_id,
    }


# --- Reports -------------------------------------------------------------------------------------


def reporting_levels(form: ReportForm) -> tuple[int, ...]:
    return (1, 2) if form.reporting_level == ReportingLevel.COMMUNE else (1,)


def _check_reporting_unit(form: ReportForm, unit: Unit) -> None:
    if not unit.is_current:
        raise ValidationFailed(
            errors={"unit": _("%(unit)s is closed; report under its successor.") % {"unit": unit.name}}
        )
    allowed = set(PROVINCE_KINDS)
    if form.reporting_level == ReportingLevel.COMMUNE:
        allowed |= COMMUNE_KINDS
    if unit.kind not in allowed:
        raise ValidationFailed(
            errors={
                "unit": _("%(unit)s does not report on this form; communes and provinces do.") % {"unit": unit.name}
            }
        )


def _new_report(period: ReportPeriod, unit: Unit) -> Report:
    report, _created = Report.objects.get_or_create(
        period=period,
        unit=unit,
        defaults={
            "form_id": period.form_id,
            "province_id": unit.pk if unit.kind in PROVINCE_KINDS else unit.province_id,
            "commune_id": unit.pk if unit.kind in COMMUNE_KINDS else None,
            "level": unit.level,
        },
    )
    report.period = period
    report.unit = unit
    return report


@transaction.atomic
def report_open(*, actor: Actor, period: ReportPeriod, unit: Unit) -> Report:
    """The unit's report for the period, created as a draft (prefilled from its records) the first
    time an officer there opens it."""
    if not actor.covers(unit):
        raise NotFound()
    if not permissions.can_enter_report(actor, unit):
        raise Forbidden(_("Your role at %(unit)s does not allow entering its report.") % {"unit": unit.name})
    existing = Report.objects.filter(period=period, unit=unit).first()
    if existing is not None:
        return existing
    _check_reporting_unit(period.form, unit)
    report = _new_report(period, unit)
    if period.is_open(today()):
        changes = Changes()
        _refresh_prefill(report, form_lines(period.form, period.year), changes)
        changes.apply()
    _audit(actor, report, "report.create")
    return report


def _audit(
    actor: Actor,
    report: Report,
    action: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    audit_record(
        actor=actor.user,
        action=action,
        target_type="report",
        target_id=report.pk,
        target_label=str(report),
        scope_path=report.unit.path,
        before=before,
        after=after,
    )


def _locked(report_id: int) -> Report:
    try:
        return (
            Report.objects.select_for_update(of=("self",))
            .select_related("period", "period__form", "form", "unit", "province", "commune")
            .get(pk=report_id)
        )
    except Report.DoesNotExist as exc:
        raise NotFound() from exc


def _locked_for(actor: Actor, report_id: int, version: int, *, decide: bool = False) -> Report:
    report = _locked(report_id)
    if not actor.covers(report.unit):
        raise NotFound()
    allowed = (
        permissions.can_decide_report(actor, report.unit)
        if decide
        else permissions.can_enter_report(actor, report.unit)
    )
    if not allowed:
        if decide:
            raise Forbidden(
                _("Approving or returning this report is for officers of the level above %(unit)s.")
                % {"unit": report.unit.name}
            )
        raise Forbidden(_("Your role at %(unit)s does not allow entering its report.") % {"unit": report.unit.name})
    if report.version != version:
        raise Conflict(
            _("Someone else changed this report after you opened it. Reload it to see their change, then try again.")
        )
    return report


def _check_entry_open(report: Report) -> None:
    if report.state not in EDITABLE_STATES:
        raise ValidationFailed(
            _("This report is %(state)s; its figures are locked.") % {"state": ReportState(report.state).label.lower()}
        )
    now = today()
    period = report.period
    if now < period.starts_on:
        raise ValidationFailed(
            _("Entry for %(p)s opens on %(d)s.") % {"p": period.label, "d": format_date(period.starts_on)}
        )
    if now > period.closes_on:
        raise ValidationFailed(
            _("Entry for %(p)s closed on %(d)s; ask the Ministry to extend the period.")
            % {"p": period.label, "d": format_date(period.closes_on)}
        )


def _bump(report: Report, **fields: Any) -> Report:
    for name, value in fields.items():
        setattr(report, name, value)
    report.version = F("version") + 1  # type: ignore[assignment]
    report.save()
    report.refresh_from_db(fields=["version", "updated_at"])
    return report


@transaction.atomic
def report_save(
    *,
    actor: Actor,
    report_id: int,
    version: int,
    values: Mapping[str, object],
    notes: Mapping[str, str] | None = None,
    note: str | None = None,
) -> Report:
    """Save figures of a draft or returned report. `values` maps field ("participants",
    "items_surrendered.firearms") to a number or text; an empty value on a line fed from records
    makes it follow the records again, on any other line it clears it. Rules are checked on the
    whole report as it will be stored; on any error nothing is saved."""
    report = _locked_for(actor, report_id, version)
    _check_entry_open(report)
    lines = form_lines(report.form, report.period.year)
    parsed, errors = check_values(lines, values)
    stored = {(v.indicator.code, v.option): v for v in report.values.select_related("indicator")}
    merged: dict[Key, Decimal | None] = {k: v.value for k, v in stored.items()}
    for key, number in parsed.items():
        merged[key] = number if number is not None else (stored[key].prefilled if key in stored else None)
    if errors:
        raise ValidationFailed(errors=errors)
    rule_errors = check_rules(lines, merged, rules_for(lines))
    if rule_errors:
        raise ValidationFailed(errors=rule_errors)
    changes = Changes()
    by_key = {line.key: line for line in lines}
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    notes = notes or {}
    for key, number in parsed.items():
        line = by_key[key]
        row = stored.get(key)
        note_text = (notes.get(field_name(key)) or "").strip()[:500]
        fact = _fact_key(report, line.indicator.pk, key[1])
        if row is None:
            if number is None:
                continue
            ReportValue.objects.create(
                **_value_fields(report, line.indicator.pk, key[1]), value=number, overridden=True, note=note_text
            )
            changes.value_changed(fact, None, number, approved=False)
            before[field_name(key)], after[field_name(key)] = None, number
            continue
        if number is None and row.prefilled is None:
            row.delete()
            changes.value_changed(fact, row.value, None, approved=False)
            before[field_name(key)], after[field_name(key)] = row.value, None
            continue
        new_value = number if number is not None else row.prefilled
        overridden = number is not None and (row.prefilled is None or number != row.prefilled)
        if (
            new_value != row.value
            or overridden != row.overridden
            or (field_name(key) in notes and note_text != row.note)
        ):
            ReportValue.objects.filter(pk=row.pk).update(value=new_value, overridden=overridden, note=note_text)
            if new_value != row.value:
                changes.value_changed(fact, row.value, new_value, approved=False)
                before[field_name(key)], after[field_name(key)] = row.value, new_value
    for field, text in notes.items():
        key = (field.partition(".")[0], field.partition(".")[2])
        if key in stored and key not in parsed and (text or "").strip()[:500] != stored[key].note:
            ReportValue.objects.filter(pk=stored[key].pk).update(note=(text or "").strip()[:500])
    changes.apply()
    fields: dict[str, Any] = {}
    if note is not None:
        fields["note"] = note.strip()
    _bump(report, **fields)
    _audit(actor, report, "report.save", before=before, after=after)
    return report


@transaction.atomic
def report_refresh(*, actor: Actor, report_id: int, version: int) -> Report:
    """Take the records' latest sums into every line that follows them."""
    report = _locked_for(actor, report_id, version)
    _check_entry_open(report)
    changes = Changes()
    _refresh_prefill(report, form_lines(report.form, report.period.year), changes)
    changes.apply()
    return _bump(report)


def children_not_approved(report: Report) -> list[Unit]:
    """Communes of a province whose report for the period is not approved (province reports only)."""
    if report.level != 1 or report.form.reporting_level != ReportingLevel.COMMUNE:
        return []
    approved = Report.objects.filter(period=report.period, province=report.unit, level=2, state=ReportState.APPROVED)
    return list(
        Unit.objects.filter(province=report.unit, kind__in=COMMUNE_KINDS, closed_on__isnull=True)
        .exclude(pk__in=approved.values("unit_id"))
        .order_by("code")
    )


@transaction.atomic
def report_submit(
    *, actor: Actor, report_id: int, version: int, fill_zero: bool = False, missing: Iterable[str] = ()
) -> Report:
    """Send the report up. Every figure must be entered (`fill_zero` writes 0 into empty ones).
    A province submits after its communes' reports are approved, or names those still missing."""
    report = _locked_for(actor, report_id, version)
    _check_entry_open(report)
    lines = form_lines(report.form, report.period.year)
    changes = Changes()
    _refresh_prefill(report, lines, changes)
    stored = {(v.indicator.code, v.option): v.value for v in report.values.select_related("indicator")}
    empty = [line for line in lines if stored.get(line.key) is None]
    if empty and fill_zero:
        for line in empty:
            ReportValue.objects.create(
                **_value_fields(report, line.indicator.pk, line.option), value=ZERO, overridden=True
            )
            stored[line.key] = ZERO
        empty = []
    if empty:
        raise ValidationFailed(
            _("Enter every figure before submitting (0 where nothing was done); empty: %(names)s.")
            % {"names": "; ".join(line.label for line in empty[:8]) + ("…" if len(empty) > 8 else "")},
            errors={line.field: _("Enter a number (0 if none).") for line in empty},
        )
    rule_errors = check_rules(lines, stored, rules_for(lines))
    if rule_errors:
        raise ValidationFailed(errors=rule_errors)
    waiting = children_not_approved(report)
    named = {code.strip() for code in missing if code.strip()}
    unnamed = [u for u in waiting if u.code not in named]
    if unnamed:
        raise ValidationFailed(
            _(
                "%(n)s commune report(s) are not approved yet: %(names)s. "
                "Approve them, or submit naming them as missing."
            )
            % {
                "n": len(unnamed),
                "names": ", ".join(u.name for u in unnamed[:10]) + ("…" if len(unnamed) > 10 else ""),
            },
            errors={"missing": _("Name every commune whose report is not approved.")},
        )
    changes.apply()
    now = timezone.now()
    first = report.first_submitted_at or now
    deadline = report.period.deadline_for(report.level)
    _bump(
        report,
        state=ReportState.SUBMITTED,
        submitted_at=now,
        submitted_by=actor.user,
        first_submitted_at=first,
        on_time=timezone.localtime(first).date() <= deadline,
        return_reason="",
        missing_units=[{"code": u.code, "name": u.name} for u in waiting],
    )
    _audit(actor, report, "report.submit", after={"missing": [u.code for u in waiting], "on_time": report.on_time})
    return report


def _set_approved(report: Report, approved: bool, changes: Changes) -> None:
    rows = list(report.values.values_list("indicator_id", "option", "value"))
    for indicator_id, option, value in rows:
        changes.approval_changed(_fact_key(report, indicator_id, option), value, approved=approved)
    report.values.update(approved=approved)


@transaction.atomic
def report_approve(*, actor: Actor, report_id: int, version: int) -> Report:
    """Approve a submitted report: its figures are locked and count as approved in every total."""
    report = _locked_for(actor, report_id, version, decide=True)
    if report.state != ReportState.SUBMITTED:
        raise ValidationFailed(
            _("Only a submitted report can be approved; this one is %(state)s.")
            % {"state": ReportState(report.state).label.lower()}
        )
    named = {m.get("code") for m in report.missing_units if isinstance(m, dict)}
    unnamed = [u for u in children_not_approved(report) if u.code not in named]
    if unnamed:
        raise ValidationFailed(
            _(
                "Reports below are not approved and were not named as missing: %(names)s. "
                "Return the report to the province."
            )
            % {"names": ", ".join(u.name for u in unnamed[:10])}
        )
    changes = Changes()
    _set_approved(report, True, changes)
    changes.apply()
    _bump(report, state=ReportState.APPROVED, decided_at=timezone.now(), decided_by=actor.user)
    _audit(actor, report, "report.approve")
    return report


@transaction.atomic
def report_return(*, actor: Actor, report_id: int, version: int, reason: str) -> Report:
    """Send a submitted (or approved) report back with a reason; it can be corrected and
    submitted again. An approved commune report can be reopened only while its province's report
    has not been sent up."""
    report = _locked_for(actor, report_id, version, decide=True)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(errors={"reason": _("Say what should be corrected; the unit will see it.")})
    if report.state not in (ReportState.SUBMITTED, ReportState.APPROVED):
        raise ValidationFailed(
            _("Only a submitted or approved report can be returned; this one is %(state)s.")
            % {"state": ReportState(report.state).label.lower()}
        )
    if report.state == ReportState.APPROVED and report.level == 2:
        parent = Report.objects.filter(period=report.period, unit=report.province).first()
        if parent is not None and parent.state not in EDITABLE_STATES:
            raise ValidationFailed(
                _("The province's report has already been sent up; ask the Ministry to return it first.")
            )
    changes = Changes()
    if report.state == ReportState.APPROVED:
        _set_approved(report, False, changes)
    changes.apply()
    _bump(
        report,
        state=ReportState.RETURNED,
        return_reason=reason[:2000],
        decided_at=timezone.now(),
        decided_by=actor.user,
    )
    _audit(actor, report, "report.return", after={"reason": reason})
    return report


@transaction.atomic
def report_narrative_save(*, actor: Actor, report_id: int, version: int, sections: Mapping[str, str]) -> Report:
    """The narrative parts of the official report (what was done, strengths, shortcomings, proposals).
    Allowed in any state: approval locks the figures, not the wording of the cover report."""
    report = _locked_for(actor, report_id, version)
    clean = {k: (v or "").strip()[:20000] for k, v in sections.items() if k in NARRATIVE_SECTIONS}
    before = dict(report.narrative or {})
    _bump(report, narrative={**before, **clean})
    _audit(actor, report, "report.narrative", before=before, after=report.narrative)
    return report


NARRATIVE_SECTIONS = ("situation", "results", "strengths", "shortcomings", "proposals")


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
    audit_record(
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
    """Let the organiser's draft reports follow a site's new results or state. Called inside the
    writer's transaction; reports already submitted keep their figures (the page shows the
    difference), closed periods are not touched."""
    unit = site.commune or site.province
    if unit is None:
        return
    forms = ReportForm.objects.filter(is_active=True, lines__indicator__source__in=PrefillSource.values[1:]).distinct()
    for form in forms:
        if form.reporting_level == ReportingLevel.PROVINCE and unit.kind not in PROVINCE_KINDS:
            unit_for_form = site.province
        else:
            unit_for_form = unit
        if unit_for_form is None:
            continue
        key = period_key_for(form.period_type, site.year, timezone.localtime(site.starts_at).date())
        if key is None:
            continue
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
