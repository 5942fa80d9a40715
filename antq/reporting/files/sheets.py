"""Writing an export table (`exports.ExportTable`) as .xlsx (write-only mode, Vietnamese number
grouping under a Vietnamese locale) or as CSV (UTF-8 with a byte-order mark, plain numbers)."""

from __future__ import annotations

import csv
import io
from copy import copy
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from antq.core.sheets import csv_text, text_cell
from antq.core.text import ascii_filename

if TYPE_CHECKING:
    from antq.reporting.files.exports import ExportTable, Progress

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
TOTAL_LABEL = "Tổng cộng"


def _plain(value: Decimal) -> int | float:
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(normal)


def write_xlsx(table: ExportTable, progress: Progress | None = None) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Số liệu")
    headers = table.headers()
    widths = [6, 11, 34, 14, *([16] * len(table.lines))]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "E5"
    bold = Font(name="Times New Roman", bold=True, size=12)
    normal = Font(name="Times New Roman", size=12)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="DDE7F0")

    styles: dict[tuple[int, bool, bool, bool], Any] = {}

    def cell(value: Any, *, font: Font = normal, number: bool = False, header: bool = False) -> WriteOnlyCell:
        """A cell with one of a few styles. Styling each cell through openpyxl's descriptors hashes
        the style objects every time (40 s for the national table); the style is worked out once
        per kind and its index array copied (0.5 s)."""
        c = (
            text_cell(sheet, WriteOnlyCell(sheet), value)
            if isinstance(value, str)
            else WriteOnlyCell(sheet, value=value)
        )
        decimal = isinstance(value, float)
        kind = (id(font), number, header, decimal if number else value is not None)
        template = styles.get(kind)
        if template is None:
            c.font = font
            if header:
                c.fill = fill
                c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
                c.border = border
            elif number:
                c.number_format = "#,##0.###" if decimal else "#,##0"
                c.border = border
            elif value is not None:
                c.border = border
            styles[kind] = copy(c._style)
        else:
            prefix = c.quotePrefix if isinstance(value, str) else False
            c._style = copy(template)
            c.quotePrefix = prefix
        return c

    sheet.append([cell(table.title.upper(), font=Font(name="Times New Roman", bold=True, size=14))])
    sheet.append([cell(table.subtitle, font=Font(name="Times New Roman", italic=True, size=11))])
    sheet.append([])
    sheet.append([cell(h, font=bold, header=True) for h in headers])
    count = len(table.rows)
    for index, row in enumerate(table.rows, start=1):
        cells = [cell(index), cell(row.code), cell(row.name), cell(row.state)]
        for line in table.lines:
            amount = row.values.get(line.key)
            cells.append(cell(_plain(amount) if amount is not None else None, number=True))
        sheet.append(cells)
        if progress and index % 500 == 0:
            progress(60 + int(35 * index / count), f"Đã ghi {index}/{count} dòng")
    sheet.append(
        [
            cell(None),
            cell(None),
            cell(TOTAL_LABEL, font=bold),
            cell(None),
            *(
                cell(_plain(table.total[line.key]) if line.key in table.total else None, font=bold, number=True)
                for line in table.lines
            ),
        ]
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _csv_number(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def write_csv(table: ExportTable) -> bytes:
    """UTF-8 with a byte-order mark (Excel opens it with the right accents), comma-separated, plain
    numbers with a dot for decimals (machine-readable; the .xlsx is the one for reading)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_text(h) for h in table.headers()])
    for index, row in enumerate(table.rows, start=1):
        writer.writerow(
            [
                index,
                csv_text(row.code),
                csv_text(row.name),
                csv_text(row.state),
                *(_csv_number(row.values.get(line.key)) for line in table.lines),
            ]
        )
    writer.writerow(["", "", TOTAL_LABEL, "", *(_csv_number(table.total.get(line.key)) for line in table.lines)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def file_name(table: ExportTable, rows: str, extension: str) -> str:
    base = f"so-lieu-{table.form.code}-{table.period.key}-{table.unit.code}-{rows}"
    if table.approved:
        base += "-da-duyet"
    return ascii_filename(base, extension)
