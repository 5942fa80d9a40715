"""The kinds of an indicator's breakdown (options). They belong to their indicator: every change
carries the indicator's version and moves it on. Once figures use a kind, its code and measure
are fixed and it cannot be deleted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import ValidationFailed
from antq.core.writes import bump_version, lock_for_write
from antq.reporting.catalogue import permissions
from antq.reporting.catalogue import selectors as cs
from antq.reporting.catalogue.models import Indicator, IndicatorOption, IndicatorRule
from antq.reporting.catalogue.services.checks import (
    OPTION_SPECS,
    catalogue_changed,
    check_fields,
    label,
    lock_for_editing,
    options_snapshot,
    reserved,
)


@dataclass(frozen=True)
class OptionInput:
    """A kind's fields. `position` None: after the last (on create) or as it is (on change)."""

    code: str
    name: str
    name_en: str
    measure: str
    position: int | None = None

    @classmethod
    def of(cls, option: IndicatorOption) -> OptionInput:
        return cls(**{f.name: getattr(option, f.name) for f in fields(cls)})


def clean_options(rows: Sequence[OptionInput], errors: dict[str, str]) -> list[dict[str, Any]]:
    """The kinds of a new indicator, checked; errors are keyed "options.<n>.<field>"."""
    cleaned: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        prefix = f"options.{i}."
        values = check_fields(IndicatorOption, OPTION_SPECS, row, errors, prefix, skip=frozenset({"position"}))
        code = values.get("code")
        if code is not None and reserved(code):
            errors[f"{prefix}code"] = reserved(code)
        elif code is not None and code in seen:
            errors[f"{prefix}code"] = _(
                "Code: %(code)s appears twice in the breakdown; each kind needs its own code."
            ) % {"code": code}
        seen.add(code or "")
        values.setdefault("position", i)
        cleaned.append(values)
    return cleaned


def _lock(actor: Actor, indicator_code: str, version: int) -> Indicator:
    return lock_for_editing(
        permissions.indicators_visible_to(actor), {"code": indicator_code}, actor=actor, version=version
    )


def _check_code_free(indicator: Indicator, option: IndicatorOption, errors: dict[str, str]) -> None:
    if "code" in errors:
        return
    if reserved(option.code):
        errors["code"] = reserved(option.code)
        return
    if IndicatorOption.objects.filter(indicator=indicator, code=option.code).exclude(pk=option.pk).exists():
        errors["code"] = _("Code: %(indicator)s already has a kind %(code)s; choose another code.") % {
            "indicator": indicator.code,
            "code": option.code,
        }


def _changed(actor: Actor, action: str, indicator: Indicator, before: dict[str, Any]) -> None:
    bump_version(indicator)
    audit_record(actor, action, target=indicator, before=before, after=options_snapshot(indicator))
    catalogue_changed()


@transaction.atomic
def option_create(*, actor: Actor, indicator_code: str, version: int, data: OptionInput) -> IndicatorOption:
    """Add a kind to an indicator's breakdown (`version` is the indicator's). A new kind appears as
    a new line at once. An indicator whose figures were entered as one number gets no breakdown."""
    indicator = _lock(actor, indicator_code, version)
    errors: dict[str, str] = {}
    values = check_fields(IndicatorOption, OPTION_SPECS, data, errors, skip=frozenset({"position"}))
    siblings = IndicatorOption.objects.filter(indicator=indicator)
    if "position" not in values:
        values["position"] = (siblings.aggregate(n=Max("position"))["n"] or -1) + 1
    option = IndicatorOption(indicator=indicator, **values)
    _check_code_free(indicator, option, errors)
    if not siblings.exists() and cs.indicator_has_values(indicator, ""):
        errors["code"] = _(
            "Figures for %(code)s have been entered as one number, so it cannot get a breakdown now. Retire it and "
            "add a new indicator with its breakdown instead."
        ) % {"code": indicator.code}
    if errors:
        raise ValidationFailed(errors=errors)
    before = options_snapshot(indicator)
    option.save()
    _changed(actor, "indicator.option_add", indicator, before)
    return option


@transaction.atomic
def option_ensure(*, actor: Actor, indicator_code: str, code: str, name: str, name_en: str) -> None:
    """For other apps' services: keep an option that mirrors one of their catalogue entries (an
    initiative type in "initiatives by type") present and named as the entry. The caller checked
    the actor may change its catalogue; a missing indicator (retired by the Ministry) is left so."""
    if not Indicator.objects.filter(code=indicator_code).exists():
        return
    indicator = lock_for_write(permissions.indicators_visible_to(actor), {"code": indicator_code}, version=None)
    before = options_snapshot(indicator)
    option = IndicatorOption.objects.filter(indicator=indicator, code=code).first()
    if option is None:
        position = (IndicatorOption.objects.filter(indicator=indicator).aggregate(n=Max("position"))["n"] or -1) + 1
        IndicatorOption.objects.create(
            indicator=indicator, code=code, name=name, name_en=name_en, measure=indicator.measure, position=position
        )
    elif (option.name, option.name_en) != (name, name_en):
        IndicatorOption.objects.filter(pk=option.pk).update(name=name, name_en=name_en)
    else:
        return
    _changed(actor, "indicator.option_sync", indicator, before)


@transaction.atomic
def option_update(
    *, actor: Actor, indicator_code: str, option_code: str, version: int, data: OptionInput
) -> IndicatorOption:
    """Rename or reorder a kind. Its code and measure are fixed once figures use it; a new code is
    carried into the rules that name the kind."""
    indicator = _lock(actor, indicator_code, version)
    option = cs.option_get(indicator, option_code)
    errors: dict[str, str] = {}
    values = check_fields(IndicatorOption, OPTION_SPECS, data, errors, skip=frozenset({"position"}))
    changed = {k: v for k, v in values.items() if getattr(option, k) != v}
    fixed = [k for k in ("code", "measure") if k in changed]
    if fixed and cs.indicator_has_values(indicator, option.code):
        for name in fixed:
            errors[name] = _(
                "%(field)s cannot change: figures have already been entered for %(indicator)s: %(option)s. Add a "
                "new kind instead (and retire the indicator if the old kind must go)."
            ) % {"field": label(IndicatorOption, name), "indicator": indicator.code, "option": option.name}
    if errors:
        raise ValidationFailed(errors=errors)
    if not changed:
        return option
    before = options_snapshot(indicator)
    old_code = option.code
    for name, value in changed.items():
        setattr(option, name, value)
    _check_code_free(indicator, option, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    option.save()
    if option.code != old_code:
        IndicatorRule.objects.filter(left=indicator, left_option=old_code).update(left_option=option.code)
        IndicatorRule.objects.filter(right=indicator, right_option=old_code).update(right_option=option.code)
    _changed(actor, "indicator.option_update", indicator, before)
    return option


@transaction.atomic
def option_delete(*, actor: Actor, indicator_code: str, option_code: str, version: int) -> None:
    indicator = _lock(actor, indicator_code, version)
    option = cs.option_get(indicator, option_code)
    if cs.indicator_has_values(indicator, option.code):
        raise ValidationFailed(
            _(
                "Kind %(option)s of %(indicator)s cannot be deleted: figures have been entered for it. Retire the "
                "indicator (active until) and add a new one if the kind must go."
            )
            % {"option": option.code, "indicator": indicator.code}
        )
    rules = [cs.rule_text(r) for r in cs.rules_naming_option(indicator, option.code)]
    if rules:
        raise ValidationFailed(
            _("Kind %(option)s of %(indicator)s cannot be deleted: rules name it (%(rules)s); delete them first.")
            % {"option": option.code, "indicator": indicator.code, "rules": "; ".join(rules)}
        )
    before = options_snapshot(indicator)
    option.delete()
    _changed(actor, "indicator.option_delete", indicator, before)
