"""Reads for editing the catalogue: one indicator or form with everything that uses it, so the
screens and the services can say what may still change. The catalogue is readable by everyone
signed in; these selectors take no actor (the callers decide who may write)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from antq.core.errors import NotFound
from antq.reporting.models import (
    FormIndicator,
    Indicator,
    IndicatorOption,
    IndicatorRule,
    Report,
    ReportForm,
    ReportValue,
    SiteResult,
)


def indicator_get(code: str) -> Indicator:
    indicator = Indicator.objects.prefetch_related("options").filter(code=code).first()
    if indicator is None:
        raise NotFound()
    return indicator


def indicator_list_all() -> QuerySet[Indicator]:
    return Indicator.objects.order_by("position", "code")


def option_get(indicator: Indicator, code: str) -> IndicatorOption:
    option = IndicatorOption.objects.filter(indicator=indicator, code=code).first()
    if option is None:
        raise NotFound()
    return option


def rules_of(indicator: Indicator) -> QuerySet[IndicatorRule]:
    """Rules with the indicator on either side (a rule belongs to its left indicator)."""
    return (
        IndicatorRule.objects.filter(Q(left=indicator) | Q(right=indicator))
        .select_related("left", "right")
        .order_by("left__position", "left__code", "pk")
    )


def rule_get(rule_id: int) -> IndicatorRule:
    rule = IndicatorRule.objects.select_related("left", "right").filter(pk=rule_id).first()
    if rule is None:
        raise NotFound()
    return rule


def form_get_any(code: str) -> ReportForm:
    """A report form by code, in use or not (the editors also reach retired forms)."""
    form = ReportForm.objects.filter(code=code).first()
    if form is None:
        raise NotFound()
    return form


def form_list_all() -> QuerySet[ReportForm]:
    return ReportForm.objects.prefetch_related("lines__indicator").order_by("-is_active", "code")


def form_indicator_codes(form: ReportForm) -> list[str]:
    return list(
        FormIndicator.objects.filter(form=form).order_by("position", "pk").values_list("indicator__code", flat=True)
    )


@dataclass
class IndicatorUsage:
    """What holds on to an indicator: stored figures, report forms, rules."""

    report_values: int = 0
    site_results: int = 0
    forms: list[str] = field(default_factory=list)  # names of the forms that list it
    rules: int = 0

    @property
    def has_values(self) -> bool:
        return bool(self.report_values or self.site_results)


def indicator_usage(indicator: Indicator) -> IndicatorUsage:
    return IndicatorUsage(
        report_values=ReportValue.objects.filter(indicator=indicator).count(),
        site_results=SiteResult.objects.filter(indicator=indicator).count(),
        forms=list(
            ReportForm.objects.filter(lines__indicator=indicator).order_by("code").values_list("name", flat=True)
        ),
        rules=IndicatorRule.objects.filter(Q(left=indicator) | Q(right=indicator)).count(),
    )


def indicator_has_values(indicator: Indicator, option: str | None = None) -> bool:
    """Whether any report or festival site stored a figure for the indicator (or one option)."""
    extra = {} if option is None else {"option": option}
    return (
        ReportValue.objects.filter(indicator=indicator, **extra).exists()
        or SiteResult.objects.filter(indicator=indicator, **extra).exists()
    )


def options_with_values(indicator: Indicator) -> set[str]:
    codes = set(ReportValue.objects.filter(indicator=indicator).values_list("option", flat=True).distinct())
    codes |= set(SiteResult.objects.filter(indicator=indicator).values_list("option", flat=True).distinct())
    return codes


def rules_naming_option(indicator: Indicator, option: str) -> QuerySet[IndicatorRule]:
    return IndicatorRule.objects.filter(
        Q(left=indicator, left_option=option) | Q(right=indicator, right_option=option)
    ).select_related("left", "right")


def form_indicators_with_values(form: ReportForm, indicator_ids: Iterable[int]) -> set[int]:
    """Those of `indicator_ids` that have figures on the form in any of its periods (one indexed
    probe each: a form holds a few dozen indicators but may hold millions of figures)."""
    return {i for i in set(indicator_ids) if ReportValue.objects.filter(form=form, indicator_id=i).exists()}


def form_has_reports(form: ReportForm) -> bool:
    return Report.objects.filter(form=form).exists()


def rule_text(rule: IndicatorRule) -> str:
    left = f"{rule.left.code}.{rule.left_option}" if rule.left_option else rule.left.code
    right = f"{rule.right.code}.{rule.right_option}" if rule.right_option else rule.right.code
    return f"{left} {rule.get_operator_display()} {right}"


def side_choices() -> list[tuple[str, str]]:
    """Every indicator, and every option of an indicator with a breakdown, as "code[.option]"."""
    choices: list[tuple[str, str]] = []
    for indicator in Indicator.objects.prefetch_related("options").order_by("position", "code"):
        options = list(indicator.options.all())
        choices.append((indicator.code, f"{indicator.name} ({indicator.code})"))
        for option in options:
            choices.append((f"{indicator.code}.{option.code}", f"{indicator.name}: {option.name}"))
    return choices
