"""The indicator catalogue: indicators (with their breakdown options and cross-field rules) and the
report forms that list them (Decree 09/2019: what is reported, by whom, how often, the cut-off
and the deadlines). Everyone signed in reads it; administrators at the nation change it
(`antq.reporting.catalogue.services`)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.core.models import Versioned
from antq.reporting.prefill import prefill_choices


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
    LARGEST_SITE = "site_largest", _("Largest attendance at one festival site")


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

    @property
    def audit_label(self) -> str:
        return f"{self.code} {self.name}"

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

    @property
    def audit_label(self) -> str:
        return f"{self.code} {self.name}"


class FormIndicator(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="lines")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["form", "position"]
        constraints = [models.UniqueConstraint(fields=["form", "indicator"], name="form_indicator_unique")]

    def __str__(self) -> str:
        return f"{self.form_id}: {self.indicator_id}"
