"""Writes for reports and periods. Every function is one transaction: it validates, writes the
facts, changes the roll-ups by the same increments (`rollups.changes.Changes`) and audits;
nothing is half-written. A report (or a period) is locked for the whole write through
`lock_for_write`: outside the actor's area 404, not the actor's to change 403, a stale `version`
409 — never a silent overwrite."""

from antq.reporting.reports.services.narrative import NARRATIVE_SECTIONS, ReportText, report_narrative_save
from antq.reporting.reports.services.periods import PeriodDates, period_update
from antq.reporting.reports.services.reports import (
    report_approve,
    report_open,
    report_refresh,
    report_return,
    report_save,
    report_submit,
)

__all__ = [
    "NARRATIVE_SECTIONS",
    "PeriodDates",
    "ReportText",
    "period_update",
    "report_approve",
    "report_narrative_save",
    "report_open",
    "report_refresh",
    "report_return",
    "report_save",
    "report_submit",
]
