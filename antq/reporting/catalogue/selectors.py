"""Reading the catalogue: what a report asks for (a form's lines in a year and their rules, memoised
per process), the forms in use, and for the editor one indicator or form with everything that
uses it, so the pages and the services can say what may still change.

The catalogue is national and read by everyone signed in, so the plain reads take no actor; the
editor's page selectors take the actor and refuse anyone but an administrator at the nation."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import Forbidden, NotFound
from antq.core.writes import missing
from antq.reporting.catalogue import permissions
from antq.reporting.catalogue.models import FormIndicator, Indicator, IndicatorOption, IndicatorRule, ReportForm
from antq.reporting.reports.models import Report, ReportValue
from antq.reporting.reports.periods import example_key
from antq.reporting.results.models import SiteResult
from antq.reporting.values import Line, lines_for

# --- What a report asks for ------------------------------------------------------------------------

# A form's lines and rules are read on every save, prefill and page, and change only through the
# catalogue services, which bump the "all" roll-up generation after commit. They are kept per
# process for that generation, and for at most CATALOGUE_TTL seconds so that an edit made outside
# the services (a shell, a migration) is seen within a minute. Lines and rules are never mutated.
CATALOGUE_TTL = 60.0
_lines_cache: dict[tuple[int, int], tuple[str, float, list[Line]]] = {}
_rules_cache: dict[frozenset[int], tuple[str, float, list[IndicatorRule]]] = {}


def _catalogue_token() -> str:
    return str(cache.get("rollup-gen:all", 0))


def catalogue_cache_clear() -> None:
    _lines_cache.clear()
    _rules_cache.clear()


def form_lines(form: ReportForm, year: int) -> list[Line]:
    """The figures the form asks for in `year`: its active indicators, expanded into their options."""
    token, now = _catalogue_token(), time.monotonic()
    hit = _lines_cache.get((form.pk, year))
    if hit is not None and hit[0] == token and now - hit[1] < CATALOGUE_TTL:
        return list(hit[2])
    indicators = [
        fi.indicator
        for fi in FormIndicator.objects.filter(form=form)
        .select_related("indicator")
        .prefetch_related("indicator__options")
        if fi.indicator.active_in(year)
    ]
    lines = lines_for(indicators)
    _lines_cache[(form.pk, year)] = (token, now, lines)
    return list(lines)


def rules_for(lines: Sequence[Line]) -> list[IndicatorRule]:
    """The cross-field rules between the indicators of `lines`."""
    ids = frozenset(line.indicator.pk for line in lines)
    token, now = _catalogue_token(), time.monotonic()
    hit = _rules_cache.get(ids)
    if hit is not None and hit[0] == token and now - hit[1] < CATALOGUE_TTL:
        return list(hit[2])
    rules = list(IndicatorRule.objects.filter(left_id__in=ids, right_id__in=ids).select_related("left", "right"))
    _rules_cache[ids] = (token, now, rules)
    return list(rules)


def site_lines(year: int) -> list[Line]:
    """The figures entered per festival site in `year`."""
    indicators = Indicator.objects.filter(per_site=True).prefetch_related("options").order_by("position", "code")
    return lines_for([i for i in indicators if i.active_in(year)])


# --- Reading ---------------------------------------------------------------------------------------


def form_list() -> QuerySet[ReportForm]:
    """The report forms in use."""
    return ReportForm.objects.filter(is_active=True).order_by("code")


def form_get(code: str) -> ReportForm:
    """A report form by code, in use or not."""
    form = ReportForm.objects.filter(code=code).first()
    if form is None:
        raise missing(ReportForm, code)
    return form


def indicator_list() -> QuerySet[Indicator]:
    return Indicator.objects.prefetch_related("options", "rules__right").order_by("position", "code")


def indicator_get(code: str) -> Indicator:
    indicator = Indicator.objects.prefetch_related("options").filter(code=code).first()
    if indicator is None:
        raise missing(Indicator, code)
    return indicator


def indicator_list_all() -> QuerySet[Indicator]:
    return Indicator.objects.order_by("position", "code")


def option_get(indicator: Indicator, code: str) -> IndicatorOption:
    option = IndicatorOption.objects.filter(indicator=indicator, code=code).first()
    if option is None:
        raise NotFound(_("Indicator %(indicator)s has no kind %(code)s.") % {"indicator": indicator.code, "code": code})
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
        raise NotFound(_("This rule no longer exists."))
    return rule


def form_list_all() -> QuerySet[ReportForm]:
    """Every report form, in use or not."""
    return ReportForm.objects.prefetch_related("lines__indicator").order_by("-is_active", "code")


def form_indicator_codes(form: ReportForm) -> list[str]:
    return list(
        FormIndicator.objects.filter(form=form).order_by("position", "pk").values_list("indicator__code", flat=True)
    )


def forms_listing(indicator: Indicator) -> list[str]:
    """Codes of the report forms that list the indicator."""
    return list(ReportForm.objects.filter(lines__indicator=indicator).order_by("code").values_list("code", flat=True))


# --- What holds on to an indicator or a form -------------------------------------------------------


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


def indicator_has_site_results(indicator: Indicator) -> bool:
    return SiteResult.objects.filter(indicator=indicator).exists()


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
        choices.append((indicator.code, f"{indicator.name} ({indicator.code})"))
        for option in indicator.options.all():
            choices.append((f"{indicator.code}.{option.code}", f"{indicator.name}: {option.name}"))
    return choices


# --- Pages ---------------------------------------------------------------------------------------


def indicators_page(*, actor: Actor) -> dict[str, Any]:
    """The catalogue as everyone reads it: indicators, and the forms in use with their lines."""
    return {
        "indicators": indicator_list(),
        "forms": form_list().prefetch_related("lines__indicator"),
        "can_manage": permissions.can_manage_catalogue(actor),
        "example": example_key,
    }


def editor_check(actor: Actor) -> None:
    """The editor's pages are for administrators at the nation."""
    if not permissions.can_manage_catalogue(actor):
        raise Forbidden(_("Only administrators at the Ministry change the indicators and report forms."))


def indicator_page(*, actor: Actor, code: str) -> dict[str, Any]:
    """An indicator with its kinds, its rules and what holds on to it."""
    indicator = indicator_get(code)
    editor_check(actor)
    return {
        "indicator": indicator,
        "usage": indicator_usage(indicator),
        "options": indicator.options.all(),
        "rules": [(r, rule_text(r)) for r in rules_of(indicator)],
    }


def indicator_for_editing(*, actor: Actor, code: str) -> Indicator:
    indicator = indicator_get(code)
    editor_check(actor)
    return indicator


def form_for_editing(*, actor: Actor, code: str) -> ReportForm:
    report_form = form_get(code)
    editor_check(actor)
    return report_form


def forms_page(*, actor: Actor) -> dict[str, Any]:
    editor_check(actor)
    return {"forms": form_list_all()}


def rule_for_editing(*, actor: Actor, rule_id: int) -> IndicatorRule:
    rule = rule_get(rule_id)
    editor_check(actor)
    return rule


def form_indicators_page(*, actor: Actor, code: str, chosen: Sequence[str] | None = None) -> dict[str, Any]:
    """Every indicator, ticked and numbered as the form lists it (or as `chosen` lists them, the
    user's ticks being shown again); one with figures on the form is marked and cannot go."""
    report_form = form_for_editing(actor=actor, code=code)
    current = form_indicator_codes(report_form) if chosen is None else list(chosen)
    indicators = list(indicator_list_all())
    with_values = form_indicators_with_values(report_form, [i.pk for i in indicators if i.code in current])
    place = {c: (n + 1) * 10 for n, c in enumerate(current)}
    rows = [
        {"indicator": i, "on": i.code in place, "position": place.get(i.code, ""), "locked": i.pk in with_values}
        for i in indicators
    ]
    rows.sort(key=lambda r: (not r["on"], r["position"] if r["on"] else 0))
    return {"report_form": report_form, "rows": rows, "codes": [i.code for i in indicators]}
