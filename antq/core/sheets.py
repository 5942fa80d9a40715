"""What every .xlsx and CSV export writes for a piece of text (issue 18).

Text is data, never a formula: a site named "=HYPERLINK(...)" must not become a working link in
the national export, and a control character pasted from Word must not stop the writer (openpyxl
refuses them: the whole export answered 500). So every text value goes through the text rule, is
written as a string cell, and one that a spreadsheet would read as a formula (it starts with
= + - @, a tab or a carriage return) is neutralised: in .xlsx with Excel's own "quote prefix"
(shown as typed, kept as text when edited), in CSV with a leading apostrophe (OWASP's advice)."""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from antq.core.text import safe_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_text(value: Any) -> Any:
    """A CSV field: text made safe (a formula-like one gets a leading apostrophe), numbers as they are."""
    if not isinstance(value, str):
        return value
    text = safe_text(value)
    return "'" + text if is_formula_like(text) else text


def text_cell(sheet: WriteOnlyWorksheet, cell: WriteOnlyCell | None, value: str) -> WriteOnlyCell:
    """`cell` (or a new one) holding `value` as a string, never a formula."""
    cell = cell if cell is not None else WriteOnlyCell(sheet)
    cell.value = safe_text(value)
    cell.data_type = "s"
    if is_formula_like(cell.value):
        cell.quotePrefix = True
    return cell


def sheet_row(sheet: WriteOnlyWorksheet, values: list[Any]) -> list[Any]:
    """A row for `sheet.append`: every text value as a safe string cell, other values unchanged."""
    return [text_cell(sheet, None, v) if isinstance(v, str) else v for v in values]


def secure_sheet(sheet: Worksheet) -> None:
    """The same rule for a workbook built in normal (not write-only) mode, once it is filled."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = safe_text(cell.value)
                cell.data_type = "s"
                if is_formula_like(cell.value):
                    cell.quotePrefix = True
