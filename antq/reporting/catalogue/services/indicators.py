"""Indicators and the cross-field rules between them (a rule belongs to its left indicator: adding
or deleting one carries and bumps that indicator's version)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import ValidationFailed
from antq.core.writes import bump_version
from antq.reporting.catalogue import permissions
from antq.reporting.catalogue import selectors as cs
from antq.reporting.catalogue.models import (
    Aggregation,
    Indicator,
    IndicatorOption,
    IndicatorRule,
    PrefillSource,
    RuleOperator,
)
from antq.reporting.catalogue.services.checks import (
    INDICATOR_SPECS,
    catalogue_changed,
    changed_only,
    check_fields,
    label,
    lock_for_editing,
    options_snapshot,
    require_manager,
    reserved,
    taken,
)
from antq.reporting.catalogue.services.options import OptionInput, clean_options

# What stored figures hold on to: retire the indicator (active until) and add a new one instead.
FIXED_ONCE_USED = ("code", "measure", "aggregation")


@dataclass(frozen=True)
class IndicatorInput:
    """An indicator's fields. `active_from` None: this year; `position` None: after the last
    (on create) or as it is (on change)."""

    code: str
    name: str
    name_en: str
    group: str
    measure: str
    aggregation: str = Aggregation.SUM
    decimals: int = 0
    per_site: bool = False
    source: str = PrefillSource.NONE
    headline: bool = False
    description: str = ""
    active_from: int | None = None
    active_until: int | None = None
    position: int | None = None

    @classmethod
    def of(cls, indicator: Indicator) -> IndicatorInput:
        return cls(**{f.name: getattr(indicator, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class RuleInput:
    """ "left[.left_option] operator right[.right_option]"; without a kind, an indicator with a
    breakdown stands for the sum of its kinds."""

    left: str
    operator: str
    right: str
    left_option: str = ""
    right_option: str = ""


def indicator_snapshot(indicator: Indicator) -> dict[str, Any]:
    return {f.name: getattr(indicator, f.name) for f in fields(IndicatorInput)}


def _lock(actor: Actor, code: str | int, version: int | None) -> Indicator:
    """The indicator with this code (or primary key), locked for an administrator at the nation."""
    key = {"code": code} if isinstance(code, str) else code
    return lock_for_editing(permissions.indicators_visible_to(actor), key, actor=actor, version=version)


def _check_indicator(indicator: Indicator, errors: dict[str, str]) -> None:
    """Rules between fields, checked once each field has its own shape."""
    if (
        indicator.active_until is not None
        and "active_from" not in errors
        and "active_until" not in errors
        and indicator.active_until < indicator.active_from
    ):
        errors["active_until"] = _("Active until must be %(year)s or later, the year the indicator starts.") % {
            "year": indicator.active_from
        }
    if "source" not in errors and "per_site" not in errors:
        if indicator.source == PrefillSource.SITE_RESULTS and not indicator.per_site:
            errors["per_site"] = _(
                "Prefilled from the sites' results needs the figure entered per festival site: tick “entered per "
                "festival site”, or choose another source."
            )
        elif indicator.per_site and indicator.source != PrefillSource.SITE_RESULTS:
            errors["source"] = _(
                "A figure entered per festival site reaches the report as the sum of the sites' results: choose "
                "“Sum of the festival sites' results” as the source."
            )


def _check_code_free(indicator: Indicator, errors: dict[str, str]) -> None:
    if "code" in errors:
        return
    if reserved(indicator.code):
        errors["code"] = reserved(indicator.code)
        return
    other = Indicator.objects.filter(code=indicator.code).exclude(pk=indicator.pk).first()
    if other is not None:
        errors["code"] = _("Code: %(code)s is already the code of “%(name)s”; choose another code.") % {
            "code": indicator.code,
            "name": other.name,
        }


@transaction.atomic
def indicator_create(*, actor: Actor, data: IndicatorInput, options: Sequence[OptionInput] = ()) -> Indicator:
    """A new indicator, with its breakdown kinds when it has one. Not on any form until added."""
    require_manager(actor)
    errors: dict[str, str] = {}
    values = check_fields(Indicator, INDICATOR_SPECS, data, errors, skip=frozenset({"active_from", "position"}))
    indicator = Indicator(
        active_from=timezone.localdate().year,
        position=(Indicator.objects.aggregate(n=Max("position"))["n"] or 0) + 10,
    )
    for name, value in values.items():
        setattr(indicator, name, value)
    _check_indicator(indicator, errors)
    _check_code_free(indicator, errors)
    option_rows = clean_options(options, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    try:
        with transaction.atomic():
            indicator.save()
    except IntegrityError as exc:
        raise ValidationFailed(errors=taken()) from exc
    IndicatorOption.objects.bulk_create([IndicatorOption(indicator=indicator, **row) for row in option_rows])
    after = {**indicator_snapshot(indicator), **options_snapshot(indicator)}
    audit_record(actor, "indicator.create", target=indicator, after=after)
    catalogue_changed()
    return indicator


@transaction.atomic
def indicator_update(*, actor: Actor, code: str, version: int, data: IndicatorInput) -> Indicator:
    """Change an indicator. Names, description, headline, position and years can always change;
    once figures use it, its code, measure and aggregation are fixed and its decimal places can
    only grow."""
    indicator = _lock(actor, code, version)
    errors: dict[str, str] = {}
    values = check_fields(Indicator, INDICATOR_SPECS, data, errors, skip=frozenset({"position"}))
    changed = {k: v for k, v in values.items() if getattr(indicator, k) != v}
    fixed = [k for k in FIXED_ONCE_USED if k in changed]
    lowers_decimals = "decimals" in changed and changed["decimals"] < indicator.decimals
    if (fixed or lowers_decimals) and cs.indicator_has_values(indicator):
        for name in fixed:
            errors[name] = _(
                "%(field)s cannot change: figures have already been entered for %(code)s. Retire it (set “active "
                "until” to its last year) and add a new indicator instead."
            ) % {"field": label(Indicator, name), "code": indicator.code}
        if lowers_decimals:
            errors["decimals"] = _(
                "Decimal places cannot go below %(n)s: figures for %(code)s may already use them. Raise it, or "
                "retire the indicator and add a new one."
            ) % {"n": indicator.decimals, "code": indicator.code}
    if changed.get("per_site") is False and cs.indicator_has_site_results(indicator):
        errors["per_site"] = _(
            "%(code)s already has results recorded at festival sites; it stays entered per site. Retire it and add "
            "a new indicator instead."
        ) % {"code": indicator.code}
    before = indicator_snapshot(indicator)
    for name, value in changed.items():
        setattr(indicator, name, value)
    _check_indicator(indicator, errors)
    if "code" in changed:
        _check_code_free(indicator, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    if not changed:
        return indicator
    try:
        with transaction.atomic():
            bump_version(indicator, *changed)
    except IntegrityError as exc:
        raise ValidationFailed(errors=taken()) from exc
    was, now = changed_only(before, indicator_snapshot(indicator), changed)
    audit_record(actor, "indicator.update", target=indicator, before=was, after=now)
    catalogue_changed()
    return indicator


@transaction.atomic
def indicator_delete(*, actor: Actor, code: str, version: int) -> None:
    """Delete an indicator nothing uses (no figure, no form, no rule); its options go with it."""
    indicator = _lock(actor, code, version)
    usage = cs.indicator_usage(indicator)
    reasons: list[str] = []
    if usage.has_values:
        reasons.append(
            _(
                "figures have been entered for it (%(reports)s in reports, %(sites)s at festival sites); retire it "
                "instead by setting “active until”"
            )
            % {"reports": usage.report_values, "sites": usage.site_results}
        )
    if usage.forms:
        reasons.append(
            _("report forms list it (%(forms)s); take it off those forms first") % {"forms": "; ".join(usage.forms)}
        )
    if usage.rules:
        reasons.append(_("%(n)s rule(s) compare it; delete those rules first") % {"n": usage.rules})
    if reasons:
        raise ValidationFailed(
            _("Indicator %(code)s cannot be deleted: %(reasons)s.")
            % {"code": indicator.code, "reasons": "; ".join(reasons)}
        )
    before = {**indicator_snapshot(indicator), **options_snapshot(indicator)}
    audit_record(actor, "indicator.delete", target=indicator, before=before)
    indicator.delete()
    catalogue_changed()


# --- Rules ----------------------------------------------------------------------------------------


def _check_side(indicator: Indicator | None, option: str, field: str, errors: dict[str, str]) -> None:
    if indicator is None or not option:
        return
    codes = list(indicator.options.values_list("code", flat=True))
    if option in codes:
        return
    if not codes:
        errors[field] = _("%(indicator)s has no breakdown; leave the kind empty.") % {"indicator": indicator.code}
    else:
        errors[field] = _(
            "%(indicator)s has no kind “%(option)s”; choose one of %(options)s, or leave it empty for the total."
        ) % {"indicator": indicator.code, "option": option, "options": ", ".join(codes)}


@transaction.atomic
def rule_create(*, actor: Actor, version: int, data: RuleInput) -> IndicatorRule:
    """A rule that must hold whenever both figures are entered. `version` is the left indicator's
    and is bumped."""
    require_manager(actor)
    errors: dict[str, str] = {}
    left, right = data.left.strip(), data.right.strip()
    left_option, right_option = data.left_option.strip(), data.right_option.strip()
    left_ind = _lock(actor, left, version) if left and Indicator.objects.filter(code=left).exists() else None
    if left_ind is None:
        errors["left"] = _("Left side: there is no indicator with code “%(code)s”; choose one from the catalogue.") % {
            "code": left
        }
    right_ind = Indicator.objects.filter(code=right).first() if right else None
    if right_ind is None:
        errors["right"] = _(
            "Right side: there is no indicator with code “%(code)s”; choose one from the catalogue."
        ) % {"code": right}
    if data.operator not in RuleOperator.values:
        errors["operator"] = _("Operator: choose one of %(values)s.") % {
            "values": ", ".join(f"{v} ({lbl})" for v, lbl in RuleOperator.choices)
        }
    _check_side(left_ind, left_option, "left_option", errors)
    _check_side(right_ind, right_option, "right_option", errors)
    if left_ind is not None and left_ind == right_ind and left_option == right_option and "right" not in errors:
        errors["right"] = _("Right side: a rule compares two different figures; choose another figure than the left.")
    if errors:
        raise ValidationFailed(errors=errors)
    assert left_ind is not None and right_ind is not None
    sides = {"left_option": left_option, "operator": data.operator, "right": right_ind, "right_option": right_option}
    rule = IndicatorRule(left=left_ind, **sides)
    if IndicatorRule.objects.filter(left=left_ind, **sides).exists():
        raise ValidationFailed(_("This rule already exists: %(rule)s.") % {"rule": cs.rule_text(rule)})
    rule.save()
    bump_version(left_ind)
    audit_record(actor, "indicator.rule_add", target=left_ind, after={"rule": cs.rule_text(rule)})
    catalogue_changed()
    return rule


@transaction.atomic
def rule_delete(*, actor: Actor, rule_id: int, version: int) -> None:
    """Delete a rule (`version` is its left indicator's)."""
    rule = lock_for_editing(
        permissions.rules_visible_to(actor).select_related("left", "right"), rule_id, actor=actor, version=None
    )
    left = _lock(actor, rule.left_id, version)
    text = cs.rule_text(rule)
    rule.delete()
    bump_version(left)
    audit_record(actor, "indicator.rule_delete", target=left, before={"rule": text})
    catalogue_changed()
