"""A unit's report: open, save, refresh, submit, approve, return, and the official report's text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_entry
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.text import format_date
from antq.reporting import permissions
from antq.reporting.models import (
    EDITABLE_STATES,
    Report,
    ReportForm,
    ReportingLevel,
    ReportPeriod,
    ReportState,
    ReportValue,
)
from antq.reporting.rollups import Changes, execute_rows
from antq.reporting.services.lines import _fact_key, _refresh_prefill, _value_fields, form_lines, rules_for
from antq.reporting.services.periods import ZERO, today
from antq.reporting.values import Key, check_rules, check_values, field_name, parse_key
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

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
    audit_entry(
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
        # Three joins, not six: Django compiles each joined Unit's 40 columns on every call (about
        # 10 ms of a save); province and commune load on first use, which most writes never make.
        report = (
            Report.objects.select_for_update(of=("self",)).select_related("period", "form", "unit").get(pk=report_id)
        )
    except Report.DoesNotExist as exc:
        raise NotFound() from exc
    report.period.form = report.form
    return report


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


# VALUES columns are column1..columnN on both engines.
_UPDATE_VALUES = (
    "UPDATE reporting_reportvalue SET value = v.column2, overridden = v.column3, note = v.column4"
    " FROM (VALUES {rows}) AS v WHERE reporting_reportvalue.id = v.column1"
)


def _bump(report: Report, **fields: Any) -> Report:
    """Store `fields` and the next version in one UPDATE. Every caller holds the report's row
    lock (select_for_update), so the stored version is the one it read."""
    fields["updated_at"] = timezone.now()
    Report.objects.filter(pk=report.pk).update(version=F("version") + 1, **fields)
    for name, value in fields.items():
        setattr(report, name, value)
    report.version += 1
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
        fact = _fact_key(report, line.indicator.pk, key[1])
        if row is None:
            if number is None:
                continue
            creates.append(
                ReportValue(
                    **_value_fields(report, line.indicator.pk, key[1]), value=number, overridden=True, note=note_text
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
        parent = Report.objects.filter(period=report.period, unit=report.province_id).first()
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


DOCUMENT_FIELDS = {
    "doc_number": 20,
    "signer_authority": 100,
    "signer_title": 100,
    "signer_name": 100,
    "recipients": 2000,
}


def _document_fields(report: Report, document: Mapping[str, object]) -> dict[str, Any]:
    """The official report's number, date, signer and recipients, checked. A number makes the
    document final (no "DỰ THẢO" mark), so it needs the date and the signer's name with it."""
    errors: dict[str, str] = {}
    fields: dict[str, Any] = {}
    for name, limit in DOCUMENT_FIELDS.items():
        if name in document:
            text = str(document.get(name) or "").strip()
            if len(text) > limit:
                errors[name] = _("At most %(n)s characters.") % {"n": limit}
            fields[name] = text
    if "doc_number" in fields and fields["doc_number"] and not re.fullmatch(r"[0-9A-Za-z\-]+", fields["doc_number"]):
        errors["doc_number"] = _(
            "Document number: digits (letters and hyphens allowed), e.g. 125; the symbol /BC-BCĐ is added."
        )
    if "doc_date" in document:
        raw = document.get("doc_date")
        if isinstance(raw, dt.date):
            fields["doc_date"] = raw
        elif raw in (None, ""):
            fields["doc_date"] = None
        else:
            try:
                fields["doc_date"] = dt.date.fromisoformat(str(raw))
            except ValueError:
                errors["doc_date"] = _("Enter the document date as dd/mm/yyyy.")
    merged = {k: fields.get(k, getattr(report, k)) for k in ("doc_number", "doc_date", "signer_name")}
    if merged["doc_number"] and not errors:  # checked on the report as it will be stored
        if not merged["doc_date"]:
            errors["doc_date"] = _("A numbered report needs the date it is signed.")
        if not merged["signer_name"]:
            errors["signer_name"] = _("A numbered report needs the signer's full name.")
    if errors:
        raise ValidationFailed(errors=errors)
    return fields


@transaction.atomic
def report_narrative_save(
    *,
    actor: Actor,
    report_id: int,
    version: int,
    sections: Mapping[str, str],
    document: Mapping[str, object] | None = None,
) -> Report:
    """The written parts of the official report (situation, results, strengths, shortcomings,
    proposals) and, with `document`, its number, date, signer and recipients. Allowed in any
    state: approval locks the figures, not the wording of the cover report."""
    report = _locked_for(actor, report_id, version)
    clean = {k: (v or "").strip()[:20000] for k, v in sections.items() if k in NARRATIVE_SECTIONS}
    doc_fields = _document_fields(report, document) if document is not None else {}
    before: dict[str, Any] = {**(report.narrative or {}), **{k: getattr(report, k) for k in doc_fields}}
    _bump(report, narrative={**(report.narrative or {}), **clean}, **doc_fields)
    _audit(actor, report, "report.narrative", before=before, after={**report.narrative, **doc_fields})
    return report


NARRATIVE_SECTIONS = ("situation", "results", "strengths", "shortcomings", "proposals")
