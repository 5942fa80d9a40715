"""The one check of an official document's header (Decree 30/2020/NĐ-CP, Appendix I), used by every
document a service numbers: plans (KH), reports (BC), submission memos (TTr) and decisions (QĐ).

- number: the records office's registration number, Arabic digits only (the series restarts each
  year), at most 7 digits; "4955", never "4955/KH-BCĐ" (the symbol is its own field);
- symbol: the document type's abbreviation, a hyphen, then the issuing body's ("KH-BCĐ",
  "TTr-CAX", "QĐ-BCA", "TTr-CAT(PTM)"); it must start with the type this document is;
- a numbered document is final: it needs the date it was signed (not in the future) and the
  signer's full name; an unnumbered one is a draft (the generator marks it DỰ THẢO);
- the issuing body and the place of issue are required; the other header texts have limits.

Services pass the values as they will be stored (what the user sent over what is stored) and the
names of their own fields, and raise `ValidationFailed` with what comes back, together with their
own errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NUMBER_SHAPE = re.compile(r"^\d{1,7}$")
SYMBOL_SHAPE = re.compile(r"^(?P<type>[A-ZĐ][A-Za-zĐđ]{0,3})-[A-ZĐ0-9][A-Za-zĐđ0-9().\-]{0,26}$")
LIMITS = {
    "parent_body": 200,
    "issuing_body": 200,
    "place": 100,
    "signer_authority": 100,
    "signer_title": 100,
    "signer_name": 150,
}

# Decree 30/2020, Appendix III: abbreviations of the document types ANTQ issues.
PLAN, REPORT, MEMO, DECISION = "KH", "BC", "TTr", "QĐ"
TYPE_NAMES = {
    PLAN: gettext_lazy("plan"),
    REPORT: gettext_lazy("report"),
    MEMO: gettext_lazy("submission memo"),
    DECISION: gettext_lazy("decision"),
}


@dataclass(frozen=True)
class Header:
    """A document's header as it will be stored. None: this document has no such field."""

    document_type: str  # PLAN, REPORT, MEMO or DECISION
    number: str
    symbol: str
    signed_on: dt.date | None
    signer_name: str
    issuing_body: str | None = None
    place: str | None = None
    parent_body: str | None = None
    signer_authority: str | None = None
    signer_title: str | None = None


def header_errors(header: Header, *, fields: Mapping[str, str] | None = None) -> dict[str, str]:
    """Field -> message for every rule `header` breaks. `fields` renames the error keys to the
    caller's field names (e.g. {"number": "memo_number", "signed_on": "submitted_on"})."""
    names = {
        "number": "number",
        "symbol": "symbol",
        "signed_on": "signed_on",
        "signer_name": "signer_name",
        **{name: name for name in LIMITS},
        **(fields or {}),
    }
    errors: dict[str, str] = {}
    kind = TYPE_NAMES.get(header.document_type, header.document_type)
    if header.number and not NUMBER_SHAPE.match(header.number):
        errors[names["number"]] = _(
            "Enter the number the records office gave the %(type)s: digits only, e.g. 125 (the symbol is separate)."
        ) % {"type": kind}
    match = SYMBOL_SHAPE.match(header.symbol or "")
    if match is None or match.group("type") != header.document_type:
        errors[names["symbol"]] = _(
            "Enter the symbol: %(abbr)s (the abbreviation of a %(type)s), a hyphen and the issuing body's "
            "abbreviation, e.g. %(abbr)s-BCĐ."
        ) % {"abbr": header.document_type, "type": kind}
    if header.signed_on is not None and header.signed_on > timezone.localdate():
        errors[names["signed_on"]] = _("The date of signing cannot be in the future.")
    if header.number:
        if header.signed_on is None:
            errors.setdefault(names["signed_on"], _("A numbered document needs the date it was signed."))
        if not header.signer_name.strip():
            errors[names["signer_name"]] = _("A numbered document needs the signer's full name.")
    if header.issuing_body is not None and not header.issuing_body.strip():
        errors[names["issuing_body"]] = _("Enter the issuing body in capitals, e.g. “CÔNG AN XÃ CAM LÂM”.")
    if header.place is not None and not header.place.strip():
        errors[names["place"]] = _("Enter the place of issue, e.g. “Cam Lâm”.")
    for name, limit in LIMITS.items():
        value = getattr(header, name)
        if value is not None and len(value) > limit:
            errors[names[name]] = _("At most %(n)s characters.") % {"n": limit}
    return errors
