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

import csv
import datetime as dt
import io
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from antq.core.actor import Actor
from antq.core.audit import audit_entry
from antq.core.errors import Conflict, Forbidden, ValidationFailed
from antq.core.text import format_date, normalise_search
from antq.reporting import permissions, selectors, services
from antq.reporting.models import EDITABLE_STATES, Report, ReportForm, ReportPeriod, ReportState, ReportValue
from antq.reporting.rollups import Changes, FactKey
from antq.reporting.values import Key, Line, check_rules, check_values, field_name
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_PROBLEMS = 200
HEADER_SCAN_ROWS = 20
CODE_IN_HEADER = re.compile(r"\[\s*([A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)?)\s*\]\s*$")
UNIT_HEADERS = frozenset({"ma don vi", "ma dv", "unit code", "unit_code", "ma"})
# The export of provinces holds each province's subtree total; importing it would count communes twice.
TOTALS_HEADER = "ma tinh (so lieu tong hop)"
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


@dataclass(frozen=True)
class ImportProblem:
    row: int  # the row number in the file (1-based); 0 for the file as a whole
    column: str
    message: str


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


@dataclass
class _Row:
    number: int
    unit: Unit
    raw: dict[str, object]
    parsed: dict[Key, Decimal] = field(default_factory=dict)


class _Problems:
    def __init__(self) -> None:
        self.items: list[ImportProblem] = []

    def add(self, row: int, column: str, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(ImportProblem(row, column, message))

    def __bool__(self) -> bool:
        return bool(self.items)


# --- Reading the file -----------------------------------------------------------------------------


OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003)


def _unreadable() -> ValidationFailed:
    return ValidationFailed(
        errors={"file": _("This is not an .xlsx workbook or a CSV file; download the table and fill it in.")}
    )


def _cells(filename: str, data: bytes) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cells) for the first sheet of an .xlsx or the rows of a CSV. A file that cannot
    be read becomes a ValidationFailed naming the file, whenever the problem shows up."""
    try:
        yield from _raw_cells(filename, data)
    except ValidationFailed:
        raise
    except (csv.Error, ValueError, KeyError, IndexError, OSError, zipfile.BadZipFile, SyntaxError) as exc:
        # SyntaxError covers the XML parser's ParseError on a damaged sheet.
        raise _unreadable() from exc


def _raw_cells(filename: str, data: bytes) -> Iterator[tuple[int, list[Any]]]:
    name = (filename or "").lower()
    if data.startswith(OLE_HEADER) or name.endswith(".xls"):
        raise ValidationFailed(
            errors={"file": _("This is an old Excel file (.xls); save it as .xlsx and upload it again.")}
        )
    if name.endswith(".csv") or (not zipfile.is_zipfile(io.BytesIO(data)) and not name.endswith(".xlsx")):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationFailed(
                errors={"file": _("The CSV file is not UTF-8 text; save it from Excel as “CSV UTF-8”.")}
            ) from exc
        first = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first.count)
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
            yield number, list(row)
        return
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _unreadable() from exc
    try:
        if not workbook.worksheets:
            raise _unreadable()
        sheet = workbook.worksheets[0]
        # Read-only mode trusts the size the file declares, which some programs write wrong
        # (e.g. "A1" for a full table): read every cell the sheet holds instead.
        sheet.reset_dimensions()  # type: ignore[union-attr]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        workbook.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_columns(
    header: list[Any], lines: list[Line], row_number: int, problems: _Problems
) -> tuple[int, dict[int, str]]:
    """(index of the unit code column, {column index: figure field})."""
    fields = {line.field for line in lines}
    unit_column = -1
    figure_columns: dict[int, str] = {}
    seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = _text(cell)
        if not text:
            continue
        if normalise_search(text) in UNIT_HEADERS and unit_column < 0:
            unit_column = index
            continue
        match = CODE_IN_HEADER.search(text)
        code = match.group(1) if match else (text if text in fields else "")
        if not code:
            continue
        if code not in fields:
            problems.add(
                row_number,
                text,
                _("Column “%(header)s”: %(code)s is not a figure of this form; remove the column or fix the code.")
                % {"header": text[:80], "code": code},
            )
            continue
        if code in seen:
            problems.add(row_number, text, _("Two columns are for the figure %(code)s; keep one.") % {"code": code})
            continue
        seen[code] = index
        figure_columns[index] = code
    return unit_column, figure_columns


def _unit_candidates(code: str) -> list[str]:
    """Excel drops leading zeros from numeric codes ("01" -> 1): try them padded too."""
    if code.isdigit():
        return list(dict.fromkeys([code, code.zfill(2), code.zfill(5)]))
    return [code]


# --- The import ----------------------------------------------------------------------------------


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
    form = selectors.form_get(form_code)
    period = selectors.period_for(form, period_key)
    scope = selectors.unit_for(actor, unit_code)
    if not permissions.can_enter_report(actor, scope):
        raise Forbidden(_("Importing figures is for officers; your role at %(unit)s is not.") % {"unit": scope.name})
    today = services.today()
    if today < period.starts_on:
        raise ValidationFailed(
            errors={"period": _("%(p)s opens on %(d)s.") % {"p": period.label, "d": format_date(period.starts_on)}}
        )
    historical = today > period.closes_on
    if historical and scope.level > 1:
        raise Forbidden(
            _("Entry for %(p)s closed on %(d)s. Figures of past periods are imported by the province or the Ministry.")
            % {"p": period.label, "d": format_date(period.closes_on)}
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationFailed(errors={"file": _("The file is larger than 20 MB; split it by province.")})
    result = ImportResult(dry_run=dry_run, historical=historical)
    lines = services.form_lines(form, period.year)
    problems = _Problems()
    rows = _read_rows(actor, form, scope, filename, data, lines, problems)
    result.rows = len(rows)
    if historical:
        _check_history(actor, period, rows, problems)
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


def _read_rows(
    actor: Actor,
    form: ReportForm,
    scope: Unit,
    filename: str,
    data: bytes,
    lines: list[Line],
    problems: _Problems,
) -> list[_Row]:
    cells = _cells(filename, data)
    unit_column = -1
    figure_columns: dict[int, str] = {}
    for number, row in cells:
        if number > HEADER_SCAN_ROWS:
            break
        if any(normalise_search(_text(c)) == TOTALS_HEADER for c in row):
            problems.add(
                number,
                "",
                _(
                    "This table holds each province's total with its communes; importing it would count the "
                    "communes twice. Import a table of units' own figures (export “every commune”)."
                ),
            )
            return []
        if any(normalise_search(_text(c)) in UNIT_HEADERS for c in row):
            unit_column, figure_columns = _header_columns(row, lines, number, problems)
            break
    if unit_column < 0:
        problems.add(
            0,
            "",
            _("No “Mã đơn vị” column was found in the first %(n)s rows; download the table and fill it in.")
            % {"n": HEADER_SCAN_ROWS},
        )
        return []
    if not figure_columns and not problems:
        problems.add(
            0, "", _("No figure columns were found; their headers end with the figure's code, e.g. [participants].")
        )
    raw_rows: list[tuple[int, str, bool, dict[str, object]]] = []
    for number, row in cells:
        cell = row[unit_column] if unit_column < len(row) else None
        code = _text(cell)
        if not code:
            continue
        if len(raw_rows) >= MAX_ROWS:
            problems.add(number, "", _("At most %(n)s rows per file; split it.") % {"n": MAX_ROWS})
            break
        raw = {f: row[i] for i, f in figure_columns.items() if i < len(row) and _text(row[i]) != ""}
        # A number cell may have lost leading zeros in Excel; a text cell is the code as written.
        raw_rows.append((number, code, isinstance(cell, int | float), raw))
    wanted = {c for _n, code, _x, _r in raw_rows for c in _unit_candidates(code)}
    # Only what matching and writing read (a national file has ~3,400 rows and as many candidate
    # codes again); the successor for closed units, which the scope check follows.
    fields = ("id", "code", "name", "kind", "path", "level", "province_id", "closed_on", "successor_id")
    units = {
        u.code: u
        for u in Unit.objects.filter(code__in=wanted)
        .select_related("successor")
        .only(*fields, "successor__id", "successor__path")
    }
    allowed = set(PROVINCE_KINDS) | (set(COMMUNE_KINDS) if form.reporting_level == "commune" else set())
    result: list[_Row] = []
    seen: dict[int, int] = {}
    for number, code, numeric, raw in raw_rows:
        exact = units.get(code)
        candidates = [units[c] for c in _unit_candidates(code) if c in units]
        if exact is not None and not numeric and exact.path.startswith(scope.path):
            candidates = [exact]
        fitting = [u for u in candidates if u.path.startswith(scope.path) and actor.covers(u) and u.kind in allowed]
        if len(fitting) > 1:
            problems.add(
                number,
                "Mã đơn vị",
                _(
                    "Row %(row)s: code “%(code)s” could be %(units)s; write the code in full "
                    "(Excel drops leading zeros)."
                )
                % {"row": number, "code": code[:20], "units": " / ".join(f"{u.code} {u.name}" for u in fitting)},
            )
            continue
        inside = [u for u in candidates if u.path.startswith(scope.path) and actor.covers(u)]
        unit = fitting[0] if fitting else (inside[0] if inside else None)
        if unit is None:
            problems.add(
                number,
                "Mã đơn vị",
                _("Row %(row)s: there is no unit with code “%(code)s” in %(scope)s.")
                % {"row": number, "code": code[:20], "scope": scope.name},
            )
            continue
        if not unit.is_current:
            problems.add(
                number,
                "Mã đơn vị",
                _("Row %(row)s: %(unit)s was closed on %(d)s; enter its figures under the unit that took it over.")
                % {"row": number, "unit": unit.name, "d": format_date(unit.closed_on) if unit.closed_on else ""},
            )
            continue
        if unit.kind not in allowed:
            problems.add(
                number,
                "Mã đơn vị",
                _("Row %(row)s: %(unit)s does not report on this form.") % {"row": number, "unit": unit.name},
            )
            continue
        if unit.pk in seen:
            problems.add(
                number,
                "Mã đơn vị",
                _("Row %(row)s: %(unit)s is already on row %(first)s; keep one row per unit.")
                % {"row": number, "unit": unit.name, "first": seen[unit.pk]},
            )
            continue
        seen[unit.pk] = number
        if not raw:
            continue  # a unit without figures in the file: nothing to import, no empty report
        parsed, errors = check_values(lines, raw)
        for field_code, message in errors.items():
            problems.add(
                number,
                field_code,
                _("Row %(row)s (%(unit)s): %(message)s") % {"row": number, "unit": unit.name, "message": message},
            )
        result.append(_Row(number, unit, raw, {k: v for k, v in parsed.items() if v is not None}))
    return result


def _apply(
    actor: Actor,
    form: ReportForm,
    period: ReportPeriod,
    scope: Unit,
    rows: list[_Row],
    lines: list[Line],
    historical: bool,
    dry_run: bool,
    filename: str,
    result: ImportResult,
    problems: _Problems,
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
    rules = services.rules_for(lines)
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
            province_id=unit.pk if unit.kind in PROVINCE_KINDS else unit.province_id,
            commune_id=unit.pk if unit.kind in COMMUNE_KINDS else None,
            level=unit.level,
            note=_("Figures imported from %(file)s.") % {"file": filename[:100]},
        )
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
            province_id = unit_id if row.unit.kind in PROVINCE_KINDS else row.unit.province_id
            commune_id = unit_id if row.unit.kind in COMMUNE_KINDS else None
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
    audit_entry(
        actor=actor.user,
        action="report.import",
        target_type="report_period",
        target_id=period.pk,
        target_label=f"{form.name} · {period.label} · {scope.name}",
        scope_path=scope.path,
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


def _check_history(actor: Actor, period: ReportPeriod, rows: list[_Row], problems: _Problems) -> None:
    """Historical figures are recorded as approved, so each row must be a unit the importer may
    approve (one strictly below them), and a commune's figures cannot be added under a province
    report already sent up."""
    parents = dict(
        Report.objects.filter(period=period, unit_id__in={r.unit.province_id for r in rows if r.unit.province_id})
        .exclude(unit_id__in=[r.unit.pk for r in rows])
        .values_list("unit_id", "state")
    )
    for row in rows:
        if not permissions.can_decide_report(actor, row.unit):
            problems.add(
                row.number,
                "Mã đơn vị",
                _("Row %(row)s: past figures of %(unit)s are recorded as approved, so the level above imports them.")
                % {"row": row.number, "unit": row.unit.name},
            )
        elif row.unit.kind in COMMUNE_KINDS and parents.get(row.unit.province_id or 0) not in (None, *EDITABLE_STATES):
            problems.add(
                row.number,
                "Mã đơn vị",
                _("Row %(row)s: the province's report for this period has been sent up; ask for it back first.")
                % {"row": row.number},
            )


def field_label(lines: list[Line], field_code: str) -> str:
    for line in lines:
        if line.field == field_code:
            return line.label
    return field_code


__all__ = ["ImportProblem", "ImportResult", "field_name", "values_import"]
