"""Vietnamese text helpers: search normalisation and number/date formatting."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

_SPACES = re.compile(r"\s+")


def normalise_search(text: str) -> str:
    """Fold text for diacritic-, case- and đ/d-insensitive search.

    "Hà Tĩnh", "HA TINH" and "ha  tinh" all become "ha tinh". Applied both to the stored search
    column and to the query, so the database only ever compares plain ASCII lower case.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def format_number(value: int | float | Decimal, decimals: int = 0) -> str:
    """Vietnamese grouping: 12780000 -> "12.780.000", 3.5 -> "3,5"."""
    formatted = f"{value:,.{decimals}f}"
    return formatted.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_date(value: dt.date) -> str:
    """dd/mm/yyyy, as on every Vietnamese form."""
    return value.strftime("%d/%m/%Y")
