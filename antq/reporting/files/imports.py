"""Import of a period's figures from .xlsx or CSV, for provinces that collected them outside ANTQ.

The file has one row per unit: a "Mã đơn vị" column (the official code, as in Decision 19/2025)
and one column per figure whose header ends with the figure's code in brackets, e.g.
"Số người tham gia (người) [participants]" — exactly what `exports` writes, so a downloaded table
is the template. Other columns (STT, unit name, state) are ignored; an empty cell leaves the
figure as it is; rows without a code (the total row) are skipped.

All or nothing: every row is checked (unit known and in the importer's scope, a unit that reports
on this form, report not locked, numbers valid, the catalogue's rules on the figures as they will
be stored) before anything is written; one problem anywhere and nothing is saved. The dry run does
the same checks and writes nothing.

Periods still open: the figures go into each unit's draft (created if missing) like typed figures.
Closed periods (historical figures): only officers of a province or the Ministry may import, for
units without a report yet, and the reports are recorded as approved by the importer, since the
figures were collected and checked outside the system.

Writes are set-based (one query per kind of row, roll-up increments batched) so a national file
of 100,000 figures imports in seconds; `make bench` measures it.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import Conflict, Forbidden, ValidationFailed
from antq.core.models import placement
from antq.core.text import format_date
from antq.reporting.catalogue.models import ReportForm
from antq.reporting.catalogue.selectors import form_get, form_lines, rules_for
from antq.reporting.files.import_rows import ImportProblem, ImportRow, Problems, check_history, read_rows
from antq.reporting.reports.drafts import today
from antq.reporting.reports.models import EDITABLE_STATES, Report, ReportPeriod, ReportState, ReportValue
from antq.reporting.reports.permissions import can_enter_report
from antq.reporting.reports.selectors import period_for, unit_for
from antq.reporting.rollups.changes import Changes, FactKey
from antq.reporting.values import Key, Line, check_rules
from antq.units.models import Unit

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# New facts go in as plain rows (values are parameters; the statement is a constant).
_INSERT_VALUES = (
    "INSERT INTO reporting_reportvalue (report_id, form_id, period_key, indicator_id, option, unit_id, province_id,"
    " commune_id, value, overridden, note, approved) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)  # the columns of _VALUE_COLUMNS, in order
_VALUE_COLUMNS = (
    "report_id, form_id, period_key, indicator_id, option, unit_id, province_id, commune_id, value, overridden,"
    " note, approved"
)
_UPDATE_VALUE = "UPDATE reporting_reportvalue SET value = %s, overridden = %s WHERE id = %s"
STATE_WORDS: dict[str, str] = {
    ReportState.SUBMITTED: "đã gửi",
    ReportState.APPROVED: "đã phê duyệt",
}


@dataclass
class ImportResult:
    dry_run: bool
    historical: bool
    rows: int = 0
    reports_created: int = 0
    reports_changed: int = 0
    values_written: int = 0
    values_unchanged: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def values(self) -> int:
        return self.values_written + self.values_unchanged


def values_import(
    *,
    actor: Actor,
    form_code: str,
    period_key: str,
    unit_code: str | None,
    filename: str,
    data: bytes,
    dry_run: bool,
) -> ImportResult:
    """Check (and unless `dry_run`, store) a file of figures for units under `unit_code`."""
    started = time.perf_counter()
    form = form_get(form_code)
    period = period_for(form, period_key)
    scope = unit_for(actor, unit_code)
    if not can_enter_report(actor, scope):
        raise Forbidden(_("Importing figures is for officers; your role at %(unit)s is not.") % {"unit": scope.name})
    now = today()
    if now < period.starts_on:
        raise ValidationFailed(
            errors={"period": _("%(p)s opens on %(d)s.") % {"p": period.label, "d": format_date(period.starts_on)}}
        )
    historical = now > period.closes_on
    if historical and scope.level > 1:
        raise Forbidden(
            _("Entry for %(p)s closed on %(d)s. Figures of past periods are imported by the province or the Ministry.")
            % {"p": period.label, "d": format_date(period.closes_on)}
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationFailed(errors={"file": _("The file is larger than 20 MB; split it by province.")})
    result = ImportResult(dry_run=dry_run, historical=historical)
    lines = form_lines(form, period.year)
    problems = Problems()
    rows = read_rows(actor, form, scope, filename, data, lines, problems)
    result.rows = len(rows)
    if historical:
        check_history(actor, period, rows, problems)
    if not problems and not rows:
        problems.add(0, "", _("The file has no rows with a unit code; fill in the “Mã đơn vị” column."))
    if problems:
        result.problems = sorted(problems.items, key=lambda p: p.row)
        result.seconds = time.perf_counter() - started
        return result
    if dry_run:
        # Reads only: no transaction, so on SQLite the check does not hold the write lock.
        _apply(actor, form, period, scope, rows, lines, historical, dry_run, filename, result, problems)
        result.problems = sorted(problems.items, key=lambda p: p.row)
    else:
        try:
            with transaction.atomic():
                _apply(actor, form, period, scope, rows, lines, historical, dry_run, filename, result, problems)
                result.problems = sorted(problems.items, key=lambda p: p.row)
                if problems:
                    transaction.set_rollback(True)
        except IntegrityError as exc:  # a report was opened at the same moment
            raise Conflict(
                _("Someone else started one of these reports while the file was imported; import it again.")
            ) from exc
    result.seconds = time.perf_counter() - started
    return result


def _apply(
    actor: Actor,
    form: ReportForm,
    period: ReportPeriod,
    scope: Unit,
    rows: list[ImportRow],
    lines: list[Line],
    historical: bool,
    dry_run: bool,
    filename: str,
    result: ImportResult,
    problems: Problems,
) -> None:
    unit_ids = [r.unit.pk for r in rows]
    found = Report.objects.filter(period=period, unit_id__in=unit_ids).order_by("pk")
    if not dry_run:
        found = found.select_for_update()  # in pk order: two imports never deadlock
    reports = {r.unit_id: r for r in found}
    stored: dict[int, dict[Key, ReportValue]] = {}
    codes = {line.indicator.pk: line.indicator.code for line in lines}
    ids = {line.indicator.code: line.indicator.pk for line in lines}
    for value in ReportValue.objects.filter(report_id__in=[r.pk for r in reports.values()]).only(
        "id", "report_id", "indicator_id", "option", "value", "prefilled", "note"
    ):
        if value.indicator_id in codes:
            stored.setdefault(value.report_id, {})[(codes[value.indicator_id], value.option)] = value
    rules = rules_for(lines)
    for row in rows:
        report = reports.get(row.unit.pk)
        if report is not None and historical:
            problems.add(
                row.number,
                "Mã đơn vị",
                _("Row %(row)s: %(unit)s already has a report for this closed period; it is not overwritten.")
                % {"row": row.number, "unit": row.unit.name},
            )
            continue
        if report is not None and report.state not in EDITABLE_STATES:
            problems.add(
                row.number,
                "Mã đơn vị",
                _("Row %(row)s: the report of %(unit)s is %(state)s and locked; return it first to change it.")
                % {"row": row.number, "unit": row.unit.name, "state": STATE_WORDS.get(report.state, report.state)},
            )
            continue
        current = stored.get(report.pk, {}) if report is not None else {}
        merged: dict[Key, Decimal | None] = {k: v.value for k, v in current.items()}
        merged.update(row.parsed)
        for field_code, message in check_rules(lines, merged, rules).items():
            problems.add(
                row.number,
                field_code,
                _("Row %(row)s (%(unit)s): %(message)s")
                % {"row": row.number, "unit": row.unit.name, "message": message},
            )
    if problems:
        return
    now = timezone.now()
    new_reports = []
    for row in rows:
        if row.unit.pk in reports:
            continue
        unit = row.unit
        report = Report(
            period=period,
            form=form,
            unit=unit,
            level=unit.level,
            note=_("Figures imported from %(file)s.") % {"file": filename[:100]},
        )
        report.place_at(unit)
        if historical:
            report.state = ReportState.APPROVED
            report.decided_at = now
            report.decided_by = actor.user
            report.submitted_at = now
            report.submitted_by = actor.user
            report.first_submitted_at = now
        new_reports.append(report)
    if new_reports and not dry_run:
        _insert_reports(new_reports, now)
        created = dict(
            Report.objects.filter(period=period, unit_id__in=[r.unit_id for r in new_reports]).values_list(
                "unit_id", "id"
            )
        )
        for r in new_reports:
            r.pk = created[r.unit_id]
            reports[r.unit_id] = r
    result.reports_created = len(new_reports)
    created_units = {r.unit_id for r in new_reports}
    changes = Changes()
    creates: list[tuple[object, ...]] = []  # plain rows: 20x faster than model instances
    updates: list[ReportValue] = []
    touched: set[int] = set()
    form_id, period_key = form.pk, period.key
    for row in rows:
        unit_id = row.unit.pk  # plain locals: this loop runs once per value (100,000 in a national file)
        report = reports.get(unit_id)
        report_id = report.pk if report is not None else None
        current = stored.get(report_id, {}) if report_id else {}
        if report is not None and report_id:  # the report's own keys, as every other write uses
            province_id, commune_id = report.province_id, report.commune_id
        else:
            province_id, commune_id = placement(row.unit)
        counts_as_change = bool(report_id) and unit_id not in created_units
        for key, amount in row.parsed.items():
            indicator_id = ids[key[0]]
            existing = current.get(key)
            if existing is not None and existing.value == amount:
                result.values_unchanged += 1
                continue
            result.values_written += 1
            fact = FactKey(form_id, period_key, indicator_id, key[1], province_id, commune_id)
            if existing is None:
                if not dry_run and report_id:
                    creates.append(
                        (
                            report_id,
                            form_id,
                            period_key,
                            indicator_id,
                            key[1],
                            unit_id,
                            province_id,
                            commune_id,
                            amount,
                            True,
                            "",
                            historical,
                        )
                    )
                changes.value_changed(fact, None, amount, approved=historical)
            else:
                changes.value_changed(fact, existing.value, amount, approved=False)
                existing.value = amount
                existing.overridden = existing.prefilled is None or existing.prefilled != amount
                updates.append(existing)
            if counts_as_change:
                touched.add(report_id)  # type: ignore[arg-type]
    result.reports_changed = len(touched)
    if dry_run:
        return
    _insert_values(creates)
    if updates:
        with connection.cursor() as cursor:
            cursor.executemany(_UPDATE_VALUE, [(v.value, v.overridden, v.pk) for v in updates])
    if touched:
        Report.objects.filter(pk__in=touched).update(version=F("version") + 1, updated_at=now)
    changes.apply()
    period.audit_scope = scope.path  # kept at the importing unit, so its leaders see the entry
    audit_record(
        actor,
        "report.import",
        target=period,
        label=f"{form.name} · {period.label} · {scope.name}",
        after={
            "file": filename[:200],
            "historical": historical,
            "rows": result.rows,
            "reports_created": result.reports_created,
            "reports_changed": result.reports_changed,
            "values_written": result.values_written,
            "units": sorted(r.unit.code for r in rows)[:5000],
        },
    )


def _insert_values(rows: list[tuple[object, ...]]) -> None:
    """New facts as plain rows: PostgreSQL's COPY (about ten times an INSERT per row), SQLite's
    executemany (one prepared statement). Constraints and indexes apply either way."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY reporting_reportvalue ({_VALUE_COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(_INSERT_VALUES, rows)  # type: ignore[arg-type]


def _insert_reports(new_reports: list[Report], now: dt.datetime) -> None:
    """New reports as plain rows: Django's bulk_create prepares every field of every row through
    the ORM (most of an import's time); the columns and defaults are the model's."""
    json_param = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    columns = (
        "period_id, form_id, unit_id, province_id, commune_id, level, state, note, narrative, first_submitted_at,"
        " submitted_at, submitted_by_id, on_time, decided_at, decided_by_id, return_reason, missing_units, version,"
        " created_at, updated_at, doc_number, doc_date, signer_authority, signer_title, signer_name, recipients"
    )
    params = ", ".join(["%s"] * 8 + [json_param] + ["%s"] * 7 + [json_param] + ["%s"] * 9)
    rows = [
        (
            r.period_id,
            r.form_id,
            r.unit_id,
            r.province_id,
            r.commune_id,
            r.level,
            r.state,
            r.note,
            "{}",
            r.first_submitted_at,
            r.submitted_at,
            r.submitted_by_id,
            None,
            r.decided_at,
            r.decided_by_id,
            "",
            "[]",
            1,
            now,
            now,
            "",
            None,
            "",
            "",
            "",
            "",
        )
        for r in new_reports
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO reporting_report ({columns}) VALUES ({params})", rows)  # noqa: S608
