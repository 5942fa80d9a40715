"""Results and reporting: the indicator catalogue, results per festival site, report forms and their
periods, a unit's report per (form, period) with its values, and the roll-up summaries.

Shape (DESIGN.md section 3, DHIS2 adapted): indicator -> report form (indicators + period type +
level that reports + deadlines) -> period (one row per form and period: entry window, cut-off
date, deadline) -> report per (period, unit) with state draft -> submitted -> approved | returned.

`ReportValue` rows are the facts. Each carries its form, period, unit and the denormalised
province and commune, so a roll-up is a filter on one indexed column, never a tree walk.
`Rollup` holds per (form, period, indicator, option, province) sums and is changed by
increments in the same transaction as the value, so a saved value is in every total at once.
The nation is read as the sum of at most 34 province rows (no hot national row).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.core.models import Placed, Versioned
from antq.festivals.models import FestivalSite
from antq.reporting.prefill import prefill_choices
from antq.units.models import Unit


class Measure(models.TextChoices):
    PEOPLE = "people", _("people")
    SESSIONS = "sessions", _("sessions")
    SITES = "sites", _("sites")
    PACKAGES = "packages", _("packages")
    VND = "vnd", _("VND")
    PIECES = "pieces", _("pieces")
    COPIES = "copies", _("copies")
    KG = "kg", _("kg")
    KM = "km", _("km")
    HOUSES = "houses", _("houses")
    CASES = "cases", _("cases")
    COLLECTIVES = "collectives", _("collectives")
    DOCUMENTS = "documents", _("documents")
    UNITS = "units", _("units")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum")
    MAX = "max", _("Largest value")
    COUNT = "count", _("Number of units reporting")


class IndicatorGroup(models.TextChoices):
    FESTIVAL = "festival", _("Festival")
    OUTREACH = "outreach", _("Outreach")
    SERVICES = "services", _("Services for people")
    MOVEMENT = "movement", _("Movement")
    COMMENDATION = "commendation", _("Commendations")


class PrefillSource(models.TextChoices):
    """Reporting's own prefill sources, from the festival sites. Apps above reporting register
    theirs (antq.reporting.prefill); `Indicator.source` takes any registered code."""

    NONE = "", _("Entered by hand")
    SITE_RESULTS = "site_results", _("Sum of the festival sites' results")
    SITES_HELD = "sites_held", _("Festival sites held")
    SITES_PILOT = "sites_pilot", _("Pilot sites held")


class Indicator(Versioned):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    group = models.CharField(_("group"), max_length=16, choices=IndicatorGroup.choices)
    measure = models.CharField(_("measure"), max_length=16, choices=Measure.choices)
    aggregation = models.CharField(_("aggregation"), max_length=8, choices=Aggregation.choices, default="sum")
    decimals = models.PositiveSmallIntegerField(_("decimal places"), default=0)
    per_site = models.BooleanField(_("entered per festival site"), default=False)
    source = models.CharField(_("prefilled from"), max_length=32, choices=prefill_choices, blank=True)
    headline = models.BooleanField(_("headline figure"), default=False)
    description = models.TextField(_("description"), blank=True)
    active_from = models.PositiveSmallIntegerField(_("active from year"), default=2000)
    active_until = models.PositiveSmallIntegerField(_("active until year"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(decimals__lte=3), name="indicator_decimals_max_3"),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True) | Q(active_until__gte=models.F("active_from")),
                name="indicator_years_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def active_in(self, year: int) -> bool:
        return self.active_from <= year and (self.active_until is None or year <= self.active_until)


class IndicatorOption(models.Model):
    """One kind in an indicator's breakdown (e.g. surrendered items: firearms, explosives in kg).
    An indicator with options stores one value per option and none of its own."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(_("code"), max_length=32)
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    measure = models.CharField(_("measure"), max_length=16, choices=Measure.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["indicator", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["indicator", "code"], name="indicator_option_unique")]

    def __str__(self) -> str:
        return self.name


class RuleOperator(models.TextChoices):
    LE = "le", "≤"
    GE = "ge", "≥"
    LT = "lt", "<"
    EQ = "eq", "="


class IndicatorRule(models.Model):
    """A cross-field rule checked on every set of values that holds both sides, e.g.
    "ID cards issued ≤ participants". Non-negative values are checked for every indicator."""

    left = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rules")
    left_option = models.SlugField(max_length=32, blank=True)
    operator = models.CharField(_("operator"), max_length=2, choices=RuleOperator.choices)
    right = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    right_option = models.SlugField(max_length=32, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["left", "left_option", "operator", "right", "right_option"], name="indicator_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.left_id}{self.left_option} {self.operator} {self.right_id}{self.right_option}"


class SiteResult(Placed):
    """One figure of a held festival site. Its commune's (or province's) report follows the sum."""

    placed_by = "site__unit"

    site = models.ForeignKey(FestivalSite, on_delete=models.CASCADE, related_name="results")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    option = models.SlugField(max_length=32, blank=True)
    year = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=18, decimal_places=3)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "indicator", "option"], name="site_result_unique"),
            models.CheckConstraint(condition=Q(value__gte=0), name="site_result_non_negative"),
        ]
        indexes = [
            models.Index(fields=["year", "commune", "indicator"], name="site_result_commune"),
            models.Index(fields=["year", "province", "indicator"], name="site_result_province"),
        ]

    def __str__(self) -> str:
        return f"{self.site_id}: {self.indicator_id}{self.option} = {self.value}"


class PeriodType(models.TextChoices):
    SEASON = "season", _("Festival season")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("Half-year")
    YEAR = "year", _("Year")


class ReportingLevel(models.TextChoices):
    COMMUNE = "commune", _("Communes report, provinces add up")
    PROVINCE = "province", _("Provinces report")


class ReportForm(Versioned):
    """A report regime in the sense of Decree 09/2019: what is reported, by whom, how often, the
    data cut-off and the deadline. Deadlines are offsets from the period's end so a new period
    opens by itself; each period's own dates can then be moved."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    basis = models.CharField(_("basis"), max_length=500, blank=True)
    period_type = models.CharField(_("period type"), max_length=16, choices=PeriodType.choices)
    reporting_level = models.CharField(_("level that reports"), max_length=16, choices=ReportingLevel.choices)
    cutoff_days_before_end = models.PositiveSmallIntegerField(_("cut-off: days before the period ends"), default=0)
    commune_deadline_days = models.PositiveSmallIntegerField(
        _("commune deadline: days after the period ends"), default=5
    )
    province_deadline_days = models.PositiveSmallIntegerField(
        _("province deadline: days after the period ends"), default=10
    )
    grace_days = models.PositiveSmallIntegerField(_("entry stays open: days after the deadline"), default=15)
    indicators: models.ManyToManyField[Indicator, FormIndicator] = models.ManyToManyField(
        Indicator, through="FormIndicator", related_name="forms"
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class FormIndicator(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="lines")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["form", "position"]
        constraints = [models.UniqueConstraint(fields=["form", "indicator"], name="form_indicator_unique")]

    def __str__(self) -> str:
        return f"{self.form_id}: {self.indicator_id}"


class ReportPeriod(Versioned):
    """One period of a form (kỳ báo cáo): 2026 season, 2026-08, 2026-Q3, 2026-H2, 2026."""

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
        from antq.reporting.periods import period_label

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


class Rollup(models.Model):
    """Totals per (form, period, indicator, option) for one province: its own figures and those of
    every commune in it. `units` counts the facts with a value above zero (the COUNT aggregation).
    Changed only by `rollups.Changes.apply` and `rollups.rebuild`."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="+", db_index=False)
    period_key = models.CharField(max_length=16)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    option = models.SlugField(max_length=32, blank=True, db_index=False)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    total = models.DecimalField(max_digits=24, decimal_places=3, default=Decimal(0))
    units = models.IntegerField(default=0)
    approved_total = models.DecimalField(max_digits=24, decimal_places=3, default=Decimal(0))
    approved_units = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["form", "period_key", "indicator", "option", "unit"], name="rollup_unique")
        ]

    def __str__(self) -> str:
        return f"{self.form_id} {self.period_key} {self.indicator_id}{self.option} @ {self.unit_id}: {self.total}"
