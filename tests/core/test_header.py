"""The one header check of numbered documents (Decree 30/2020, Appendix I)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from antq.core.documents.header import DECISION, MEMO, PLAN, REPORT, Header, header_errors

TODAY = timezone.localdate()


def _plan(**changes: object) -> Header:
    values: dict[str, object] = {
        "document_type": PLAN,
        "number": "4955",
        "symbol": "KH-BCĐ",
        "signed_on": dt.date(2024, 5, 13),
        "signer_name": "Nguyễn Văn A",
        "issuing_body": "BAN CHỈ ĐẠO 138",
        "place": "Khánh Hòa",
    }
    values.update(changes)
    return Header(**values)  # type: ignore[arg-type]


def test_a_proper_header_passes() -> None:
    assert header_errors(_plan()) == {}
    assert header_errors(_plan(document_type=MEMO, symbol="TTr-CAT(PTM)")) == {}
    assert header_errors(_plan(document_type=DECISION, symbol="QĐ-BCA")) == {}
    assert header_errors(_plan(document_type=REPORT, symbol="BC-BCĐ")) == {}


def test_the_number_is_digits_only() -> None:
    for bad in ("4955/KH-BCĐ", "12a", "12345678", "-1"):
        assert "number" in header_errors(_plan(number=bad)), bad


def test_the_symbol_starts_with_the_documents_type() -> None:
    assert "symbol" in header_errors(_plan(symbol="QĐ-BCA"))  # a plan is KH
    assert "symbol" in header_errors(_plan(symbol="KHBCĐ"))  # no hyphen
    assert "symbol" in header_errors(_plan(symbol="kh-bcđ"))


def test_a_numbered_document_needs_its_date_and_signer_and_a_draft_does_not() -> None:
    errors = header_errors(_plan(signed_on=None, signer_name=" "), fields={"signed_on": "issued_on"})
    assert set(errors) == {"issued_on", "signer_name"}
    assert header_errors(_plan(number="", signed_on=None, signer_name="")) == {}


def test_no_signing_in_the_future_and_required_texts() -> None:
    errors = header_errors(_plan(signed_on=TODAY + dt.timedelta(days=1), issuing_body="", place=""))
    assert {"signed_on", "issuing_body", "place"} <= set(errors)


def test_text_limits_name_their_field() -> None:
    assert "signer_title" in header_errors(_plan(signer_title="X" * 101))
