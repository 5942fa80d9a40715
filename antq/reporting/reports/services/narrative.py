"""The official report's written parts (sections I-IV, what the unit writes on its report page)
and its header (number, date, signer, recipients), checked as Decree 30/2020 requires."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.documents.header import REPORT, Header, header_errors
from antq.core.errors import ValidationFailed
from antq.core.writes import bump_version
from antq.reporting.reports.models import NARRATIVE_SECTIONS, Report
from antq.reporting.reports.services.reports import lock_report

SYMBOL = "BC-BCĐ"  # the official report's symbol: a report (BC) of the steering committee (BCĐ)


@dataclass(frozen=True)
class ReportText:
    """The official report's written parts (sections I-IV) and its header: number, date, signer,
    recipients. Without a number the document is a draft."""

    situation: str = ""
    results: str = ""
    strengths: str = ""
    shortcomings: str = ""
    proposals: str = ""
    doc_number: str = ""
    doc_date: dt.date | None = None
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: str = ""

    @classmethod
    def of(cls, report: Report) -> ReportText:
        narrative = report.narrative or {}
        values: dict[str, Any] = {name: str(narrative.get(name, "")) for name in NARRATIVE_SECTIONS}
        values.update({f.name: getattr(report, f.name) for f in fields(cls) if f.name not in NARRATIVE_SECTIONS})
        return cls(**values)


HEADER_FIELDS = ("doc_number", "doc_date", "signer_authority", "signer_title", "signer_name", "recipients")


def _text_errors(data: ReportText) -> dict[str, str]:
    """The header's rules (Decree 30: a number in digits, a numbered report needs its date and
    signer) and the lengths the report keeps."""
    header = Header(
        document_type=REPORT,
        number=data.doc_number.strip(),
        symbol=SYMBOL,
        signed_on=data.doc_date,
        signer_name=data.signer_name.strip(),
        signer_authority=data.signer_authority.strip(),
        signer_title=data.signer_title.strip(),
    )
    errors = header_errors(header, fields={"number": "doc_number", "signed_on": "doc_date"})
    for name, limit in (("signer_name", 100), ("recipients", 2000)):
        if len(getattr(data, name).strip()) > limit:
            errors.setdefault(name, _("At most %(n)s characters.") % {"n": limit})
    return errors


@transaction.atomic
def report_narrative_save(*, actor: Actor, report_id: int, version: int, data: ReportText) -> Report:
    """The written parts of the official report and its header. Allowed in any state: approval
    locks the figures, not the wording of the cover report."""
    report = lock_report(actor, report_id, version)
    errors = _text_errors(data)
    if errors:
        raise ValidationFailed(errors=errors)
    before = ReportText.of(report)
    sections = {name: getattr(data, name).strip()[:20000] for name in NARRATIVE_SECTIONS}
    report.narrative = {**(report.narrative or {}), **sections}
    for name in HEADER_FIELDS:
        value = getattr(data, name)
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    bump_version(report, "narrative", *HEADER_FIELDS)
    was, now = before.__dict__, ReportText.of(report).__dict__
    changed = [name for name in was if was[name] != now[name]]
    audit_record(
        actor,
        "report.narrative",
        target=report,
        before={k: was[k] for k in changed},
        after={k: now[k] for k in changed},
    )
    return report
