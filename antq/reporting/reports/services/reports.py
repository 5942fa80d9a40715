"""A unit's report: open, save, refresh, submit, approve and return."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import Conflict, Forbidden, ValidationFailed
from antq.core.text import format_date
from antq.core.writes import bump_version, lock_for_write, stale
from antq.reporting.catalogue.selectors import form_get, form_lines, rules_for
from antq.reporting.reports import permissions
from antq.reporting.reports.drafts import (
    fact_key,
    period_get_or_create,
    refresh_prefill,
    report_for,
    today,
    value_fields,
)
from antq.reporting.reports.models import EDITABLE_STATES, Report, ReportState, ReportValue
from antq.reporting.reports.selectors import children_not_approved, unit_for
from antq.reporting.rollups.changes import Changes, execute_rows
from antq.reporting.values import Key, check_rules, check_values, field_name, parse_key

ZERO = Decimal(0)


def _state(report: Report) -> str:
    return str(ReportState(report.state).label).lower()


def lock_report(actor: Actor, report_id: int, version: int, *, decide: bool = False) -> Report:
    """The report, locked: entered by its unit's officers, decided by the level above."""
    if decide:
        may, refusal = (
            permissions.can_decide_report,
            _(
                "Approving or returning the report of %(unit)s is for officers of the level directly above it "
                "(the province for a commune, the Ministry for a province)."
            ),
        )
    else:
        may, refusal = permissions.can_enter_report, _("Your role at %(unit)s does not allow entering its report.")
    # Three joins, not six: Django compiles each joined Unit's 40 columns on every call (about
    # 10 ms of a save); province and commune load on first use, which most writes never make.
    report = lock_for_write(
        permissions.reports_visible_to(actor),
        report_id,
        version=None,
        allowed=lambda r: may(actor, r.unit),
        refusal=lambda r: refusal % {"unit": r.unit.name},
        related=("period", "form", "unit"),
    )
    if report.version != version:
        raise _changed_since(report)
    report.period.form = report.form
    return report


def _changed_since(report: Report) -> Conflict:
    """An action on an old version of the report: say what happened to it since (a second press of
    "submit" finds it submitted), or that someone else changed its figures."""
    submitted = report.state == ReportState.SUBMITTED
    when = report.submitted_at if submitted else report.decided_at
    who = report.submitted_by if submitted else report.decided_by
    if report.state == ReportState.DRAFT or when is None or who is None:
        return stale(report)
    args = {"when": timezone.localtime(when).strftime("%H:%M %d/%m/%Y"), "who": who.get_full_name() or who.username}
    if report.state == ReportState.SUBMITTED:
        return Conflict(
            _("This report was already submitted at %(when)s by %(who)s; there is nothing more to send.") % args
        )
    if report.state == ReportState.APPROVED:
        return Conflict(_("This report was already approved at %(when)s by %(who)s; its figures are locked.") % args)
    return Conflict(
        _("This report was returned at %(when)s by %(who)s. Reload it to see the reason, then try again.") % args
    )


def _check_entry_open(report: Report) -> None:
    if report.state not in EDITABLE_STATES:
        raise ValidationFailed(_("This report is %(state)s; its figures are locked.") % {"state": _state(report)})
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


@transaction.atomic
def report_open(*, actor: Actor, form_code: str, period_key: str, unit_code: str) -> Report:
    """The unit's report for the period, created as a draft (prefilled from its records) the first
    time an officer there opens it."""
    form = form_get(form_code)
    period = period_get_or_create(form=form, key=period_key)
    unit = unit_for(actor, unit_code)
    if not permissions.can_enter_report(actor, unit):
        raise Forbidden(_("Your role at %(unit)s does not allow entering its report.") % {"unit": unit.name})
    existing = Report.objects.filter(period=period, unit=unit).first()
    if existing is not None:
        return existing
    if not permissions.reports_on(form, unit):
        message = (
            _("%(unit)s is closed; report under its successor.")
            if not unit.is_current
            else _("%(unit)s does not report on this form; communes and provinces do.")
        )
        raise ValidationFailed(errors={"unit": message % {"unit": unit.name}})
    report = report_for(period, unit)
    if period.is_open(today()):
        changes = Changes()
        refresh_prefill(report, form_lines(form, period.year), changes)
        changes.apply()
    audit_record(actor, "report.create", target=report)
    return report


# VALUES columns are column1..columnN on both engines.
_UPDATE_VALUES = (
    "UPDATE reporting_reportvalue SET value = v.column2, overridden = v.column3, note = v.column4"
    " FROM (VALUES {rows}) AS v WHERE reporting_reportvalue.id = v.column1"
)


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
    """Save figures of a draft or returned report. `values` maps a figure's field ("participants",
    "items_surrendered.firearms": the catalogue's lines) to a number or text; an empty value on a
    line fed from records makes it follow the records again, on any other line it clears it.
    Rules are checked on the whole report as it will be stored; on any error nothing is saved."""
    report = lock_report(actor, report_id, version)
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
    # A line's note may come with its figure or alone (a note-only change keeps the figure).
    for field in notes:
        key = parse_key(field)
        if key in stored and key in by_key and key not in parsed:
            kept = stored[key]
            parsed[key] = kept.value if kept.overridden or kept.prefilled is None else None
    creates: list[ReportValue] = []
    updates: list[ReportValue] = []
    deletes: list[int] = []
    for key, number in parsed.items():
        line = by_key[key]
        row = stored.get(key)
        note_text = (notes.get(field_name(key)) or "").strip()[:500]
        fact = fact_key(report, line.indicator.pk, key[1])
        if row is None:
            if number is None:
                continue
            creates.append(
                ReportValue(
                    **value_fields(report, line.indicator.pk, key[1]), value=number, overridden=True, note=note_text
                )
            )
            changes.value_changed(fact, None, number, approved=False)
            before[field_name(key)], after[field_name(key)] = None, number
            continue
        if number is None and row.prefilled is None:
            deletes.append(row.pk)
            changes.value_changed(fact, row.value, None, approved=False)
            before[field_name(key)], after[field_name(key)] = row.value, None
            continue
        new_value = number if number is not None else row.prefilled
        overridden = number is not None and (row.prefilled is None or number != row.prefilled)
        new_note = note_text if field_name(key) in notes else row.note
        if new_value != row.value or overridden != row.overridden or new_note != row.note:
            if new_value != row.value:
                changes.value_changed(fact, row.value, new_value, approved=False)
                before[field_name(key)], after[field_name(key)] = row.value, new_value
            row.value, row.overridden, row.note = new_value, overridden, new_note  # type: ignore[assignment]
            updates.append(row)
    # One statement per kind of change, not one per figure.
    if creates:
        ReportValue.objects.bulk_create(creates)
    if updates:  # one statement, not bulk_update's CASE WHEN per field and row
        execute_rows(_UPDATE_VALUES, "(%s, %s, %s, %s)", [(v.pk, v.value, v.overridden, v.note) for v in updates])
    if deletes:
        ReportValue.objects.filter(pk__in=deletes).delete()
    changes.apply()
    if note is not None:
        report.note = note.strip()
    bump_version(report, *(("note",) if note is not None else ()))
    audit_record(actor, "report.save", target=report, before=before, after=after)
    return report


@transaction.atomic
def report_refresh(*, actor: Actor, report_id: int, version: int) -> Report:
    """Take the records' latest sums into every line that follows them."""
    report = lock_report(actor, report_id, version)
    _check_entry_open(report)
    changes = Changes()
    refresh_prefill(report, form_lines(report.form, report.period.year), changes)
    changes.apply()
    bump_version(report)
    return report


@transaction.atomic
def report_submit(
    *, actor: Actor, report_id: int, version: int, fill_zero: bool = False, missing: Iterable[str] = ()
) -> Report:
    """Send the report up. Every figure must be entered (`fill_zero` writes 0 into empty ones).
    A province submits after its communes' reports are approved, or names those still missing."""
    report = lock_report(actor, report_id, version)
    _check_entry_open(report)
    lines = form_lines(report.form, report.period.year)
    changes = Changes()
    refresh_prefill(report, lines, changes)
    stored = {(v.indicator.code, v.option): v.value for v in report.values.select_related("indicator")}
    empty = [line for line in lines if stored.get(line.key) is None]
    if empty and fill_zero:
        for line in empty:
            ReportValue.objects.create(
                **value_fields(report, line.indicator.pk, line.option), value=ZERO, overridden=True
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
                "names": ", ".join(f"{u.name} ({u.code})" for u in unnamed[:10]) + ("…" if len(unnamed) > 10 else ""),
            },
            errors={
                "missing": _("Name every commune whose report is not approved.")
                + " "
                + ", ".join(u.code for u in unnamed)
            },
        )
    changes.apply()
    now = timezone.now()
    report.state, report.submitted_at, report.submitted_by = ReportState.SUBMITTED, now, actor.user
    report.first_submitted_at = report.first_submitted_at or now
    report.on_time = timezone.localtime(report.first_submitted_at).date() <= report.period.deadline_for(report.level)
    report.return_reason, report.missing_units = "", [{"code": u.code, "name": u.name} for u in waiting]
    bump_version(
        report,
        "state",
        "submitted_at",
        "submitted_by",
        "first_submitted_at",
        "on_time",
        "return_reason",
        "missing_units",
    )
    audit_record(
        actor, "report.submit", target=report, after={"missing": [u.code for u in waiting], "on_time": report.on_time}
    )
    return report


def _set_approved(report: Report, approved: bool, changes: Changes) -> None:
    rows = list(report.values.values_list("indicator_id", "option", "value"))
    for indicator_id, option, value in rows:
        changes.approval_changed(fact_key(report, indicator_id, option), value, approved=approved)
    report.values.update(approved=approved)


def _decided(actor: Actor, report: Report, state: str) -> None:
    report.state, report.decided_at, report.decided_by = state, timezone.now(), actor.user
    bump_version(report, "state", "decided_at", "decided_by", *(("return_reason",) if state == "returned" else ()))


@transaction.atomic
def report_approve(*, actor: Actor, report_id: int, version: int) -> Report:
    """Approve a submitted report: its figures are locked and count as approved in every total."""
    report = lock_report(actor, report_id, version, decide=True)
    if report.state != ReportState.SUBMITTED:
        raise ValidationFailed(
            _("Only a submitted report can be approved; this one is %(state)s.") % {"state": _state(report)}
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
    _decided(actor, report, ReportState.APPROVED)
    audit_record(actor, "report.approve", target=report)
    return report


@transaction.atomic
def report_return(*, actor: Actor, report_id: int, version: int, reason: str) -> Report:
    """Send a submitted (or approved) report back with a reason; it can be corrected and
    submitted again. An approved commune report can be reopened only while its province's report
    has not been sent up."""
    report = lock_report(actor, report_id, version, decide=True)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(errors={"reason": _("Say what should be corrected; the unit will see it.")})
    if report.state not in (ReportState.SUBMITTED, ReportState.APPROVED):
        raise ValidationFailed(
            _("Only a submitted or approved report can be returned; this one is %(state)s.") % {"state": _state(report)}
        )
    if report.state == ReportState.APPROVED and report.level == 2:
        parent = Report.objects.filter(period=report.period, unit=report.province_id).first()
        if parent is not None and parent.state not in EDITABLE_STATES:
            raise ValidationFailed(
                _("The province's report has already been sent up; ask the Ministry to return it first.")
            )
    changes = Changes()
    if report.state == ReportState.APPROVED:
        _set_approved(report, False, changes)
    changes.apply()
    report.return_reason = reason[:2000]
    _decided(actor, report, ReportState.RETURNED)
    audit_record(actor, "report.return", target=report, after={"reason": reason})
    return report
