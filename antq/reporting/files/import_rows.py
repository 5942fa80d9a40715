"""Reading an import file into rows: the first sheet of an .xlsx or a CSV, the header row found by
its "Mã đơn vị" column, figures by the code in brackets at the end of their headers; each row's
unit matched (Excel's lost leading zeros restored) and checked — known, inside the chosen unit
and the actor's area, current, reporting on the form, not twice — and its figures parsed. Every
problem is collected with its row and column; nothing here writes."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from antq.core.actor import Actor
from antq.core.errors import ValidationFailed
from antq.core.text import format_date, normalise_search
from antq.reporting.catalogue.models import ReportForm
from antq.reporting.reports.models import EDITABLE_STATES, Report, ReportPeriod
from antq.reporting.reports.permissions import can_record_history
from antq.reporting.values import Key, Line, check_values
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

MAX_ROWS = 20_000
MAX_PROBLEMS = 200
HEADER_SCAN_ROWS = 20
CODE_IN_HEADER = re.compile(r"\[\s*([A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)?)\s*\]\s*$")
UNIT_HEADERS = frozenset({"ma don vi", "ma dv", "unit code", "unit_code", "ma"})
# The export of provinces holds each province's subtree total; importing it would count communes twice.
TOTALS_HEADER = "ma tinh (so lieu tong hop)"


@dataclass(frozen=True)
class ImportProblem:
    row: int  # the row number in the file (1-based); 0 for the file as a whole
    column: str
    message: str


@dataclass
class ImportRow:
    number: int
    unit: Unit
    raw: dict[str, object]
    parsed: dict[Key, Decimal] = field(default_factory=dict)


class Problems:
    def __init__(self) -> None:
        self.items: list[ImportProblem] = []

    def add(self, row: int, column: str, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(ImportProblem(row, column, message))

    def __bool__(self) -> bool:
        return bool(self.items)


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
    header: list[Any], lines: list[Line], row_number: int, problems: Problems
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


def read_rows(
    actor: Actor,
    form: ReportForm,
    scope: Unit,
    filename: str,
    data: bytes,
    lines: list[Line],
    problems: Problems,
) -> list[ImportRow]:
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
    fields = ("id", "code", "name", "kind", "path", "level", "province_id", "commune_id", "closed_on", "successor_id")
    units = {
        u.code: u
        for u in Unit.objects.filter(code__in=wanted)
        .select_related("successor")
        .only(*fields, "successor__id", "successor__path")
    }
    allowed = set(PROVINCE_KINDS) | (set(COMMUNE_KINDS) if form.reporting_level == "commune" else set())
    result: list[ImportRow] = []
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
        result.append(ImportRow(number, unit, raw, {k: v for k, v in parsed.items() if v is not None}))
    return result


def check_history(actor: Actor, period: ReportPeriod, rows: list[ImportRow], problems: Problems) -> None:
    """Historical figures are recorded as approved, so each row must be a unit the importer may
    approve (one strictly below them), and a commune's figures cannot be added under a province
    report already sent up."""
    parents = dict(
        Report.objects.filter(period=period, unit_id__in={r.unit.province_id for r in rows if r.unit.province_id})
        .exclude(unit_id__in=[r.unit.pk for r in rows])
        .values_list("unit_id", "state")
    )
    for row in rows:
        if not can_record_history(actor, row.unit):
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
