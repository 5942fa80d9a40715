"""Writes for results and reporting. Every function is one transaction: it validates, writes the
facts, changes the roll-ups by the same increments, and audits. Nothing is half-written.

Locking: a report (or a site) row is locked for the whole write and carries a `version`; a caller
holding an older version is told someone else changed it (409), never silently overwritten.
"""

from antq.reporting.services.lines import form_lines, prefill_for, rules_for
from antq.reporting.services.periods import period_dates, period_get_or_create, period_update, today
from antq.reporting.services.reports import (
    DOCUMENT_FIELDS,
    NARRATIVE_SECTIONS,
    children_not_approved,
    report_approve,
    report_narrative_save,
    report_open,
    report_refresh,
    report_return,
    report_save,
    report_submit,
    reporting_levels,
)
from antq.reporting.services.sites import (
    period_key_for,
    records_changed,
    site_lines,
    site_records_changed,
    site_results_save,
)

__all__ = [
    "DOCUMENT_FIELDS",
    "NARRATIVE_SECTIONS",
    "children_not_approved",
    "form_lines",
    "period_dates",
    "period_get_or_create",
    "period_key_for",
    "period_update",
    "prefill_for",
    "records_changed",
    "report_approve",
    "report_narrative_save",
    "report_open",
    "report_refresh",
    "report_return",
    "report_save",
    "report_submit",
    "reporting_levels",
    "rules_for",
    "site_lines",
    "site_records_changed",
    "site_results_save",
    "today",
]
