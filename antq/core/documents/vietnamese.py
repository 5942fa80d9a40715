"""Vietnamese wording that Decree 30/2020/NĐ-CP fixes for administrative documents."""

from __future__ import annotations

import datetime as dt

# Width of the blanks a drafter fills in by hand once the document is numbered and dated. Six
# spaces is what Vietnamese offices type on drafts; Word and LibreOffice both keep runs of spaces.
BLANK = " " * 6


def _day(value: int) -> str:
    # Decree 30, Appendix I: days below 10 take a leading zero ("ngày 05").
    return f"{value:02d}"


def _month(value: int) -> str:
    # Only January and February take a leading zero ("tháng 01", "tháng 02"); "tháng 5" and
    # "tháng 12" are written as they are. The zero stops "tháng 1" being altered into "tháng 11".
    return f"{value:02d}" if value < 3 else str(value)


def document_date(value: dt.date) -> str:
    """A date inside a document's text, with the leading zeros of the place-and-date line:
    "01/4/2024", "15/02/2024", "05/12/2024". (Pages and forms use dd/mm/yyyy: `core.text.format_date`.)"""
    return f"{_day(value.day)}/{_month(value.month)}/{value.year}"


def place_and_date(place: str, date: dt.date | None, year: int | None = None) -> str:
    """The place-and-date line under the national motto.

    >>> place_and_date("Khánh Hòa", dt.date(2024, 5, 13))
    'Khánh Hòa, ngày 13 tháng 5 năm 2024'

    With `date` None the line is the blank form drafts carry ("ngày      tháng      năm 2024"),
    using `year` (or a blank when `year` is also None). When `date` is given, `year` is ignored.
    An empty `place` drops the "Place, " prefix.
    """
    if date is not None:
        text = f"ngày {_day(date.day)} tháng {_month(date.month)} năm {date.year}"
    else:
        text = f"ngày{BLANK}tháng{BLANK}năm {year if year is not None else BLANK}"
    return f"{place}, {text}" if place else text


def number_line(number: str, symbol: str) -> str:
    """The "Số: …" line under the issuing body.

    `number` is the registered number, either alone ("4955") or with its symbol ("4955/KH-BCĐ");
    `symbol` ("KH-BCĐ") is appended when `number` has none. An empty `number` gives the blank
    form of an unnumbered draft: "Số:      /KH-BCĐ".
    """
    number = number.strip()
    if not number:
        return f"Số:{BLANK}/{symbol}" if symbol else f"Số:{BLANK}"
    if "/" not in number and symbol:
        number = f"{number}/{symbol}"
    return f"Số: {number}"
