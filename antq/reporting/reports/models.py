"""A report form's periods, a unit's report per (form, period) and its values — the facts.

Shape (DESIGN.md section 3, DHIS2 adapted): report form -> period (one row per form and period:
entry window, cut-off date, deadline) -> report per (period, unit) with state draft -> submitted
-> approved | returned -> its `ReportValue` rows. Each fact carries its form, period, unit and
the denormalised province and commune, so a roll-up is a filter on one indexed column, never a
tree walk (`antq.reporting.rollups`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.core.models import Placed, Versioned
from antq.reporting.catalogue.models import Indicator, ReportForm
from antq.reporting.reports.periods import period_label
from antq.units.models import Unit


class ReportPeriod(Versioned):
    """One period of a form (kỳ báo cáo): 2026 season, 2026-08, 2026-Q3, 2026-H2, 2026."""

    # Periods are national; an import into a period is audited at the importing unit instead.
    audit_scope: str | None = None

    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="periods")
    key = models.CharField(_("period"), max_length=16)
    year = models.PositiveSmallIntegerField()
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    cutoff_on = models.DateField(_("cut-off date"))
    commune_deadline = models.DateField(_("commune deadline"))
    province_deadline = models.DateField(_("province deadline"))
    closes_on = models.DateField(_("entry closes on"))

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["form", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["form", "key"], name="report_period_unique"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="report_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.form.name} · {self.label}"

    @property
    def label(self) -> str:
        return period_label(self.form.period_type, self.key)

    def deadline_for(self, level: int) -> dt.date:
        return self.province_deadline if level <= 1 else self.commune_deadline

    def is_open(self, today: dt.date) -> bool:
        return self.starts_on <= today <= self.closes_on


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


EDITABLE_STATES = frozenset({ReportState.DRAFT, ReportState.RETURNED})
# The written parts of the official report (`Report.narrative`), sections I-IV of the document.
NARRATIVE_SECTIONS = ("situation", "results", "strengths", "shortcomings", "proposals")


class Report(Placed, Versioned):
    """A unit's report for one period of one form (a "submission" in DHIS2 terms)."""

    period = models.ForeignKey(ReportPeriod, on_delete=models.PROTECT, related_name="reports")
    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()
    state = models.CharField(_("state"), max_length=16, choices=ReportState.choices, default=ReportState.DRAFT)
    note = models.TextField(_("note"), blank=True)
    narrative = models.JSONField(_("narrative"), default=dict, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    on_time = models.BooleanField(null=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    return_reason = models.TextField(_("reason for returning"), blank=True)
    missing_units = models.JSONField(_("units missing when submitted"), default=list, blank=True)
    # The official report (.docx/PDF): its number, date, signer and recipients; empty -> a draft.
    doc_number = models.CharField(_("document number"), max_length=20, blank=True)
    doc_date = models.DateField(_("document date"), null=True, blank=True)
    signer_authority = models.CharField(_("signing on behalf of"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="report_period_unit_unique")]
        indexes = [
            models.Index(fields=["period", "province", "state"], name="report_period_province"),
            models.Index(fields=["period", "level", "state"], name="report_period_level"),
        ]

    def __str__(self) -> str:
        return f"{self.form.name} · {self.period.label} · {self.unit.name}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES


class ReportValue(Placed):
    """A fact: one figure of one report. `approved` mirrors the report's state so that rebuilding
    the approved roll-ups reads this table alone."""

    placed_by = "report__unit"

    # Ten million rows: every index is paid on every write, so there are only the ones the reads use
    # (the unique key covers `report`, the two composites cover `form`, `province` and `commune`;
    # `indicator` keeps its own for the catalogue's "in use" checks).
    # `form`, `unit`, `province` and `commune` are copies of the report's own (checked) keys, written
    # only by the services from the report row, so they carry no foreign-key constraint of their
    # own: four constraint checks per row were half the time of a 100,000-value import's commit.
    # `rollups_rebuild --check` and the bench verify that every fact agrees with its report.
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values", db_index=False)
    form = models.ForeignKey(
        ReportForm, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    period_key = models.CharField(max_length=16)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    option = models.SlugField(max_length=32, blank=True, db_index=False)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False)
    province = models.ForeignKey(
        Unit, null=True, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    commune = models.ForeignKey(
        Unit, null=True, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    value = models.DecimalField(max_digits=18, decimal_places=3)
    prefilled = models.DecimalField(max_digits=18, decimal_places=3, null=True, blank=True)
    overridden = models.BooleanField(default=False)
    note = models.CharField(max_length=500, blank=True)
    approved = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator", "option"], name="report_value_unique"),
            models.CheckConstraint(condition=Q(value__gte=0), name="report_value_non_negative"),
        ]
        indexes = [
            # Also covers the rebuild's GROUP BY (option, value, approved are the rest of its row):
            # SQLite has no hash aggregate, so it streams this index instead of sorting 10M rows.
            models.Index(
                fields=["form", "period_key", "indicator", "province", "option", "value", "approved"],
                name="value_province",
            ),
            models.Index(fields=["commune", "form", "period_key"], name="value_commune_period"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.indicator_id}{self.option} = {self.value}"
