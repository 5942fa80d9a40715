"""Vietnamese first: every message translated, the compiled catalogue current, formats Vietnamese."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from antq.core.text import format_date, format_number, normalise_search

PO = Path(__file__).resolve().parents[2] / "antq" / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _entries() -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs, joining continuation lines."""
    entries: list[tuple[str, str]] = []
    current: dict[str, str] = {}
    key = ""
    for line in [*PO.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith(("msgid ", "msgstr ", "msgid_plural ", "msgstr[0] ")):
            key, _, value = line.partition(" ")
            if key == "msgid" and "msgstr" in current:
                entries.append((current["msgid"], current.get("msgstr", current.get("msgstr[0]", ""))))
                current = {}
            current[key] = value[1:-1]
        elif line.startswith('"') and key:
            current[key] = current.get(key, "") + line[1:-1]
        elif not line.strip() and "msgid" in current:
            entries.append((current["msgid"], current.get("msgstr", current.get("msgstr[0]", ""))))
            current, key = {}, ""
    return entries


def test_every_message_has_a_vietnamese_translation() -> None:
    untranslated = [msgid for msgid, msgstr in _entries() if msgid and not msgstr]
    assert not untranslated, f"untranslated: {untranslated[:10]} (run `make messages` and translate)"
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8").split("\n\n", 1)[1]


def test_compiled_catalogue_matches_the_source(tmp_path: Path) -> None:
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt is needed: apt-get install gettext")
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(PO)], check=True)
    assert compiled.read_bytes() == PO.with_suffix(".mo").read_bytes(), "run `make messages` to recompile"


def test_vietnamese_is_the_default_language(client, db) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/accounts/login/").content.decode()
    assert 'lang="vi"' in page and "Đăng nhập" in page


def test_vietnamese_number_and_date_formats() -> None:
    with translation.override("vi"):
        assert format_number(12780000) == "12.780.000"
        assert format_number(1234.5, decimals=1) == "1.234,5"
        assert format_date(dt.date(2025, 8, 19)) == "19/08/2025"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Hà Tĩnh", "ha tinh"), ("HA TINH", "ha tinh"), ("Đông Hà", "dong ha"), ("  Thôn   Đoài ", "thon doai")],
)
def test_search_normalisation(text: str, expected: str) -> None:
    assert normalise_search(text) == expected
