"""Vietnamese text helpers: search normalisation and number/date formatting."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

_SPACES = re.compile(r"\s+")
_NOT_FILENAME = re.compile(r"[^A-Za-z0-9\-]+")
# Summaries of money keep two decimals of their unit (tỷ, triệu): 34,85 tỷ đồng.
MONEY_STEP = Decimal("0.01")


def ascii_filename(base: str, extension: str) -> str:
    """A download name every browser and mail client keeps: "BC-125/BC-BCĐ" -> "BC-125-BC-BCD.docx"."""
    folded = unicodedata.normalize("NFKD", base.replace("Đ", "D").replace("đ", "d"))
    return f"{_NOT_FILENAME.sub('-', folded.encode('ascii', 'ignore').decode())}.{extension}"


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


def format_figure(value: int | float | Decimal | None) -> str:
    """A reported figure without trailing zeros: 12780000 -> "12.780.000", 2.50 -> "2,5"."""
    if value is None:
        return ""
    number = Decimal(str(value)).normalize()
    exponent = number.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(number, places)


def format_money_short(value: int | float | Decimal | None) -> str:
    """Money as officials write it in summaries: 35000000000 -> "35 tỷ đồng", 34850000000 -> "34,85
    tỷ đồng", 3500000 -> "3,5 triệu đồng". Vietnamese in every language: it quotes an amount in đồng.

    Two decimals at most, rounded half up (half away from zero), trailing zeros dropped: one decimal
    would turn 34,85 tỷ into 34,8 (banker's rounding) or 34,9, either way a figure nobody reported.
    """
    if value is None:
        return ""
    amount = Decimal(str(value))
    units = ((Decimal(10**9), "tỷ"), (Decimal(10**6), "triệu"))
    for index, (size, word) in enumerate(units):
        if abs(amount) >= size:
            scaled = (amount / size).quantize(MONEY_STEP, rounding=ROUND_HALF_UP)
            if abs(scaled) >= 1000 and index:  # 999.995.000 rounds to 1 tỷ, not "1.000 triệu"
                size, word = units[index - 1]
                scaled = (amount / size).quantize(MONEY_STEP, rounding=ROUND_HALF_UP)
            return f"{format_figure(scaled)} {word} đồng"
    return f"{format_figure(amount)} đồng"


# The one text rule for everything typed, pasted, sent or imported (issue 18): C0 control characters
# other than tab, newline and carriage return are dropped (Word's line break, a vertical tab, becomes
# a newline) — they broke the .xlsx and .docx writers for everyone; a lone UTF-16 surrogate (from a
# broken client or "\ud800" in JSON) cannot be stored as UTF-8 and is refused.
_LINE_BREAKS = re.compile(r"[\x0b\x0c]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """`text` without control characters (tab, newline and carriage return kept)."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))


def has_lone_surrogate(text: str) -> bool:
    return _SURROGATES.search(text) is not None


def safe_text(text: str) -> str:
    """For writers (.xlsx, .docx, PDF) that must never fail on what is already stored: the text
    rule, and a lone surrogate replaced by U+FFFD."""
    return _SURROGATES.sub("\ufffd", clean_text(text))
