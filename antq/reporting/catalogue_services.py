"""Writing the catalogue without code: indicators, their options (the kinds of a breakdown),
cross-field rules and report forms. Only administrators at the nation may call these
(`permissions.can_manage_catalogue`); everyone signed in reads the catalogue.

Every function is one transaction: it checks the actor, locks the row it changes, checks the
`version` the actor loaded (a stale one raises Conflict, never an overwrite), validates, writes and
audits with before and after. Options and rules belong to an indicator (a rule to its left side),
so changing them carries and bumps that indicator's version. After commit the dashboards' cache
generation is bumped, so no cached dashboard shows an old name, line or order.

What stored figures hold on to: once a report value or a site result uses an indicator, its code,
measure and aggregation are fixed, its decimal places can only grow, and its options' codes and
measures are fixed. Retire it (active until) and add a new one instead. Nothing that a figure, a
form or a rule uses is deleted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from antq.core.actor import Actor, Role
from antq.core.audit import audit_entry
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.tree import PATH_SEPARATOR
from antq.reporting import catalogue_selectors as cs
from antq.reporting import permissions
from antq.reporting.models import (
    Aggregation,
    FormIndicator,
    Indicator,
    IndicatorGroup,
    IndicatorOption,
    IndicatorRule,
    Measure,
    PeriodType,
    PrefillSource,
    ReportForm,
    ReportingLevel,
    ReportPeriod,
    RuleOperator,
    SiteResult,
)
from antq.reporting.prefill import prefill_choices
from antq.reporting.rollups import bump_generation

CODE_SHAPE = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")
YEARS = (2000, 2100)
DAYS = (0, 365)
# Codes that would collide with pages: /reports/catalogue/indicators/new/ and the like, and for
# forms also /reports/<form>/<period>/ against /reports/sites/<id>/ (a season's key is a number).
RESERVED_CODES = frozenset({"new"})
RESERVED_FORM_CODES = RESERVED_CODES | {"catalogue", "indicators", "sites"}


@dataclass(frozen=True)
class Spec:
    """The shape of one input field. `low`/`high` bound integers, `limit` the length of text."""

    kind: str  # slug | text | choice | int | bool
    limit: int = 0
    low: int = 0
    high: int = 0
    choices: Any = None  # a TextChoices class, or a function returning (value, label) pairs
    required: bool = True
    nullable: bool = False
    example: str = ""


INDICATOR_SPECS: dict[str, Spec] = {
    "code": Spec("slug", limit=64, example="gift_packages"),
    "name": Spec("text", limit=200),
    "name_en": Spec("text", limit=200),
    "group": Spec("choice", choices=IndicatorGroup),
    "measure": Spec("choice", choices=Measure),
    "aggregation": Spec("choice", choices=Aggregation),
    "decimals": Spec("int", low=0, high=3),
    "per_site": Spec("bool"),
    "source": Spec("choice", choices=prefill_choices, required=False),
    "headline": Spec("bool"),
    "description": Spec("text", limit=2000, required=False),
    "active_from": Spec("int", low=YEARS[0], high=YEARS[1]),
    "active_until": Spec("int", low=YEARS[0], high=YEARS[1], required=False, nullable=True),
    "position": Spec("int", low=0, high=1_000_000),
}
INDICATOR_REQUIRED = ("code", "name", "name_en", "group", "measure")
OPTION_SPECS: dict[str, Spec] = {
    "code": Spec("slug", limit=32, example="firearms"),
    "name": Spec("text", limit=200),
    "name_en": Spec("text", limit=200),
    "measure": Spec("choice", choices=Measure),
    "position": Spec("int", low=0, high=10_000),
}
OPTION_REQUIRED = ("code", "name", "name_en", "measure")
FORM_SPECS: dict[str, Spec] = {
    "code": Spec("slug", limit=64, example="ket-qua-ngay-hoi"),
    "name": Spec("text", limit=300),
    "name_en": Spec("text", limit=300, required=False),
    "basis": Spec("text", limit=500, required=False),
    "period_type": Spec("choice", choices=PeriodType),
    "reporting_level": Spec("choice", choices=ReportingLevel),
    "cutoff_days_before_end": Spec("int", low=DAYS[0], high=DAYS[1]),
    "commune_deadline_days": Spec("int", low=DAYS[0], high=DAYS[1]),
    "province_deadline_days": Spec("int", low=DAYS[0], high=DAYS[1]),
    "grace_days": Spec("int", low=DAYS[0], high=DAYS[1]),
    "is_active": Spec("bool"),
}
FORM_REQUIRED = ("code", "name", "period_type", "reporting_level")


# --- Shared steps ---------------------------------------------------------------------------------


def _require_manager(actor: Actor) -> None:
    if not permissions.can_manage_catalogue(actor):
        raise Forbidden(_("Only administrators at the Ministry change the indicators and report forms."))


def _scope_path(actor: Actor) -> str:
    return next(g.path for g in actor.grants if g.path.count(PATH_SEPARATOR) == 1 and g.role == Role.ADMINISTRATOR)


def _catalogue_changed() -> None:
    """Cached dashboards carry names, lines and their order: drop them all once committed.
    Catalogue changes are rare, so one global bump is cheaper than working out what they touch."""
    transaction.on_commit(lambda: bump_generation(0, "", everything=True))


def _label(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(capfirst(field.verbose_name))


def _coerce(
    model: type[models.Model],
    specs: Mapping[str, Spec],
    data: Mapping[str, Any],
    errors: dict[str, str],
    prefix: str = "",
) -> dict[str, Any]:
    """Check each given field's shape; returns the clean values, adds field -> message to `errors`."""
    clean: dict[str, Any] = {}
    for name, value in data.items():
        key = f"{prefix}{name}"
        spec = specs.get(name)
        if spec is None:
            errors[key] = _("%(field)s cannot be set here.") % {"field": name}
            continue
        label = _label(model, name)
        if spec.kind in ("slug", "text", "choice"):
            if value is None:
                value = ""
            if not isinstance(value, str):
                errors[key] = _("%(field)s: enter text.") % {"field": label}
                continue
            value = value.strip()
        if spec.kind == "slug":
            if not CODE_SHAPE.match(value) or len(value) > spec.limit:
                errors[key] = _(
                    "%(field)s: use lowercase letters without accents, digits, “_” or “-” "
                    "(at most %(n)s characters), e.g. %(example)s."
                ) % {"field": label, "n": spec.limit, "example": spec.example}
                continue
        elif spec.kind == "text":
            if spec.required and not value:
                errors[key] = _("%(field)s: enter it (at most %(n)s characters).") % {"field": label, "n": spec.limit}
                continue
            if len(value) > spec.limit:
                errors[key] = _("%(field)s: at most %(n)s characters.") % {"field": label, "n": spec.limit}
                continue
        elif spec.kind == "choice":
            assert spec.choices is not None
            choices = spec.choices.choices if isinstance(spec.choices, type) else spec.choices()  # type: ignore[attr-defined]
            if value not in {v for v, _lbl in choices}:
                allowed = ", ".join(f"{v} ({lbl})" if v else f"“” ({lbl})" for v, lbl in choices)
                errors[key] = _("%(field)s: choose one of %(values)s.") % {"field": label, "values": allowed}
                continue
        elif spec.kind == "int":
            if value is None and spec.nullable:
                clean[name] = None
                continue
            if not isinstance(value, int) or isinstance(value, bool) or not spec.low <= value <= spec.high:
                errors[key] = _("%(field)s: enter a whole number from %(a)s to %(b)s.") % {
                    "field": label,
                    "a": spec.low,
                    "b": spec.high,
                }
                continue
        elif spec.kind == "bool" and not isinstance(value, bool):
            errors[key] = _("%(field)s: choose yes or no.") % {"field": label}
            continue
        clean[name] = value
    return clean


def _require(
    model: type[models.Model], names: Sequence[str], data: Mapping[str, Any], errors: dict[str, str], prefix: str = ""
) -> None:
    for name in names:
        if name not in data and f"{prefix}{name}" not in errors:
            errors[f"{prefix}{name}"] = _("%(field)s: this is required.") % {"field": _label(model, name)}


def _check_version(obj: Indicator | ReportForm, version: int) -> None:
    if obj.version == version:
        return
    if isinstance(obj, Indicator):
        raise Conflict(
            _(
                "Someone else changed indicator %(code)s after you opened it. "
                "Reload it to see their change, then try again."
            )
            % {"code": obj.code}
        )
    raise Conflict(
        _(
            "Someone else changed report form %(code)s after you opened it. "
            "Reload it to see their change, then try again."
        )
        % {"code": obj.code}
    )


def _bump_version(obj: Indicator | ReportForm) -> None:
    obj.version = F("version") + 1  # type: ignore[assignment]
    obj.save()
    obj.refresh_from_db()


def _audit(
    actor: Actor,
    action: str,
    obj: Indicator | ReportForm,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    audit_entry(
        actor=actor.user,
        action=action,
        target_type="indicator" if isinstance(obj, Indicator) else "report_form",
        target_id=obj.pk,
        target_label=f"{obj.code} {obj.name}",
        scope_path=_scope_path(actor),
        before=before,
        after=after,
    )


# --- Indicators -----------------------------------------------------------------------------------


def _locked_indicator(code: str) -> Indicator:
    indicator = Indicator.objects.select_for_update().filter(code=code).first()
    if indicator is None:
        raise NotFound(_("There is no indicator with code %(code)s.") % {"code": code})
    return indicator


def _locked_for_write(actor: Actor, code: str, version: int) -> Indicator:
    _require_manager(actor)
    indicator = _locked_indicator(code)
    _check_version(indicator, version)
    return indicator


def indicator_snapshot(indicator: Indicator) -> dict[str, Any]:
    return {name: getattr(indicator, name) for name in INDICATOR_SPECS}


def _options_snapshot(indicator: Indicator) -> dict[str, Any]:
    return {
        "options": [
            {"code": o.code, "name": o.name, "name_en": o.name_en, "measure": o.measure, "position": o.position}
            for o in IndicatorOption.objects.filter(indicator=indicator).order_by("position", "code")
        ]
    }


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
    if indicator.code in RESERVED_CODES:
        errors["code"] = _("Code: %(code)s is reserved for other pages; choose another code.") % {
            "code": indicator.code
        }
        return
    other = Indicator.objects.filter(code=indicator.code).exclude(pk=indicator.pk).first()
    if other is not None:
        errors["code"] = _("Code: %(code)s is already the code of “%(name)s”; choose another code.") % {
            "code": indicator.code,
            "name": other.name,
        }


def _clean_options(rows: Sequence[Mapping[str, Any]], errors: dict[str, str]) -> list[dict[str, Any]]:
    cleaned: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        prefix = f"options.{i}."
        values = _coerce(IndicatorOption, OPTION_SPECS, row, errors, prefix)
        _require(IndicatorOption, OPTION_REQUIRED, row, errors, prefix)
        code = values.get("code")
        if code in RESERVED_CODES:
            errors[f"{prefix}code"] = _("Code: %(code)s is reserved for other pages; choose another code.") % {
                "code": code
            }
        elif code is not None and code in seen:
            errors[f"{prefix}code"] = _(
                "Code: %(code)s appears twice in the breakdown; each kind needs its own code."
            ) % {"code": code}
        seen.add(code or "")
        values.setdefault("position", i)
        cleaned.append(values)
    return cleaned


@transaction.atomic
def indicator_create(*, actor: Actor, data: Mapping[str, Any], options: Sequence[Mapping[str, Any]] = ()) -> Indicator:
    """A new indicator, with its breakdown kinds when it has one. Not on any form until added."""
    _require_manager(actor)
    errors: dict[str, str] = {}
    values = _coerce(Indicator, INDICATOR_SPECS, data, errors)
    _require(Indicator, INDICATOR_REQUIRED, data, errors)
    indicator = Indicator(
        aggregation=Aggregation.SUM,
        decimals=0,
        per_site=False,
        source=PrefillSource.NONE,
        headline=False,
        active_from=timezone.localdate().year,
        position=(Indicator.objects.aggregate(n=Max("position"))["n"] or 0) + 10,
    )
    for name, value in values.items():
        setattr(indicator, name, value)
    _check_indicator(indicator, errors)
    _check_code_free(indicator, errors)
    option_rows = _clean_options(options, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    try:
        with transaction.atomic():
            indicator.save()
    except IntegrityError as exc:  # a concurrent create took the code between check and write
        raise ValidationFailed(errors={"code": _("Code: this code was just taken; choose another.")}) from exc
    IndicatorOption.objects.bulk_create([IndicatorOption(indicator=indicator, **row) for row in option_rows])
    _audit(
        actor, "indicator.create", indicator, after={**indicator_snapshot(indicator), **_options_snapshot(indicator)}
    )
    _catalogue_changed()
    return indicator


FIXED_ONCE_USED = ("code", "measure", "aggregation")


@transaction.atomic
def indicator_update(*, actor: Actor, code: str, version: int, changes: Mapping[str, Any]) -> Indicator:
    """Change an indicator. Names, description, headline, position and years can always change;
    see the module docstring for what stored figures fix."""
    indicator = _locked_for_write(actor, code, version)
    errors: dict[str, str] = {}
    values = _coerce(Indicator, INDICATOR_SPECS, changes, errors)
    changed = {k: v for k, v in values.items() if getattr(indicator, k) != v}
    fixed = [k for k in FIXED_ONCE_USED if k in changed]
    lowers_decimals = "decimals" in changed and changed["decimals"] < indicator.decimals
    if (fixed or lowers_decimals) and cs.indicator_has_values(indicator):
        for name in fixed:
            errors[name] = _(
                "%(field)s cannot change: figures have already been entered for %(code)s. Retire it (set “active "
                "until” to its last year) and add a new indicator instead."
            ) % {"field": _label(Indicator, name), "code": indicator.code}
        if lowers_decimals:
            errors["decimals"] = _(
                "Decimal places cannot go below %(n)s: figures for %(code)s may already use them. Raise it, or "
                "retire the indicator and add a new one."
            ) % {"n": indicator.decimals, "code": indicator.code}
    if changed.get("per_site") is False and SiteResult.objects.filter(indicator=indicator).exists():
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
            _bump_version(indicator)
    except IntegrityError as exc:
        raise ValidationFailed(errors={"code": _("Code: this code was just taken; choose another.")}) from exc
    after = indicator_snapshot(indicator)
    _audit(
        actor,
        "indicator.update",
        indicator,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    _catalogue_changed()
    return indicator


@transaction.atomic
def indicator_delete(*, actor: Actor, code: str, version: int) -> None:
    """Delete an indicator nothing uses (no figure, no form, no rule); its options go with it."""
    indicator = _locked_for_write(actor, code, version)
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
    _audit(
        actor, "indicator.delete", indicator, before={**indicator_snapshot(indicator), **_options_snapshot(indicator)}
    )
    indicator.delete()
    _catalogue_changed()


# --- Options --------------------------------------------------------------------------------------


def _option_of(indicator: Indicator, code: str) -> IndicatorOption:
    option = IndicatorOption.objects.filter(indicator=indicator, code=code).first()
    if option is None:
        raise NotFound(_("Indicator %(indicator)s has no kind %(code)s.") % {"indicator": indicator.code, "code": code})
    return option


def _check_option_code_free(indicator: Indicator, option: IndicatorOption, errors: dict[str, str]) -> None:
    if "code" in errors:
        return
    if option.code in RESERVED_CODES:
        errors["code"] = _("Code: %(code)s is reserved for other pages; choose another code.") % {"code": option.code}
        return
    if IndicatorOption.objects.filter(indicator=indicator, code=option.code).exclude(pk=option.pk).exists():
        errors["code"] = _("Code: %(indicator)s already has a kind %(code)s; choose another code.") % {
            "indicator": indicator.code,
            "code": option.code,
        }


def _option_changed(actor: Actor, action: str, indicator: Indicator, before: dict[str, Any]) -> None:
    _bump_version(indicator)
    _audit(actor, action, indicator, before=before, after=_options_snapshot(indicator))
    _catalogue_changed()


@transaction.atomic
def option_create(*, actor: Actor, indicator_code: str, version: int, data: Mapping[str, Any]) -> IndicatorOption:
    """Add a kind to an indicator's breakdown (`version` is the indicator's). A new kind appears as
    a new line at once. An indicator whose figures were entered as one number gets no breakdown."""
    indicator = _locked_for_write(actor, indicator_code, version)
    errors: dict[str, str] = {}
    values = _coerce(IndicatorOption, OPTION_SPECS, data, errors)
    _require(IndicatorOption, OPTION_REQUIRED, data, errors)
    siblings = IndicatorOption.objects.filter(indicator=indicator)
    if "position" not in values:
        values["position"] = (siblings.aggregate(n=Max("position"))["n"] or -1) + 1
    option = IndicatorOption(indicator=indicator, **values)
    _check_option_code_free(indicator, option, errors)
    if not siblings.exists() and cs.indicator_has_values(indicator, ""):
        errors["code"] = _(
            "Figures for %(code)s have been entered as one number, so it cannot get a breakdown now. Retire it and "
            "add a new indicator with its breakdown instead."
        ) % {"code": indicator.code}
    if errors:
        raise ValidationFailed(errors=errors)
    before = _options_snapshot(indicator)
    option.save()
    _option_changed(actor, "indicator.option_add", indicator, before)
    return option


@transaction.atomic
def option_ensure(*, actor: Actor, indicator_code: str, code: str, name: str, name_en: str) -> None:
    """For other apps' services: keep an option that mirrors one of their catalogue entries (an
    initiative type in "initiatives by type") present and named as the entry. The caller checked
    the actor may change its catalogue; a missing indicator (retired by the Ministry) is left so."""
    indicator = Indicator.objects.select_for_update().filter(code=indicator_code).first()
    if indicator is None:
        return
    before = _options_snapshot(indicator)
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
    _option_changed(actor, "indicator.option_sync", indicator, before)


@transaction.atomic
def option_update(
    *, actor: Actor, indicator_code: str, option_code: str, version: int, changes: Mapping[str, Any]
) -> IndicatorOption:
    """Rename or reorder a kind. Its code and measure are fixed once figures use it; a new code is
    carried into the rules that name the kind."""
    indicator = _locked_for_write(actor, indicator_code, version)
    option = _option_of(indicator, option_code)
    errors: dict[str, str] = {}
    values = _coerce(IndicatorOption, OPTION_SPECS, changes, errors)
    changed = {k: v for k, v in values.items() if getattr(option, k) != v}
    fixed = [k for k in ("code", "measure") if k in changed]
    if fixed and cs.indicator_has_values(indicator, option.code):
        for name in fixed:
            errors[name] = _(
                "%(field)s cannot change: figures have already been entered for %(indicator)s: %(option)s. Add a "
                "new kind instead (and retire the indicator if the old kind must go)."
            ) % {"field": _label(IndicatorOption, name), "indicator": indicator.code, "option": option.name}
    if errors:
        raise ValidationFailed(errors=errors)
    if not changed:
        return option
    before = _options_snapshot(indicator)
    old_code = option.code
    for name, value in changed.items():
        setattr(option, name, value)
    _check_option_code_free(indicator, option, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    option.save()
    if option.code != old_code:
        IndicatorRule.objects.filter(left=indicator, left_option=old_code).update(left_option=option.code)
        IndicatorRule.objects.filter(right=indicator, right_option=old_code).update(right_option=option.code)
    _option_changed(actor, "indicator.option_update", indicator, before)
    return option


@transaction.atomic
def option_delete(*, actor: Actor, indicator_code: str, option_code: str, version: int) -> None:
    indicator = _locked_for_write(actor, indicator_code, version)
    option = _option_of(indicator, option_code)
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
    before = _options_snapshot(indicator)
    option.delete()
    _option_changed(actor, "indicator.option_delete", indicator, before)


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
def rule_create(
    *,
    actor: Actor,
    version: int,
    left: str,
    operator: str,
    right: str,
    left_option: str = "",
    right_option: str = "",
) -> IndicatorRule:
    """ "left[.option] operator right[.option]" must hold whenever both are entered. The rule belongs
    to the left indicator: `version` is the left indicator's and is bumped. Without a kind, an
    indicator with a breakdown stands for the sum of its kinds."""
    _require_manager(actor)
    errors: dict[str, str] = {}
    left, right = (left or "").strip(), (right or "").strip()
    left_option, right_option = (left_option or "").strip(), (right_option or "").strip()
    left_ind = Indicator.objects.select_for_update().filter(code=left).first() if left else None
    if left_ind is None:
        errors["left"] = _("Left side: there is no indicator with code “%(code)s”; choose one from the catalogue.") % {
            "code": left
        }
    else:
        _check_version(left_ind, version)
    right_ind = Indicator.objects.filter(code=right).first() if right else None
    if right_ind is None:
        errors["right"] = _(
            "Right side: there is no indicator with code “%(code)s”; choose one from the catalogue."
        ) % {"code": right}
    if operator not in RuleOperator.values:
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
    rule = IndicatorRule(
        left=left_ind, left_option=left_option, operator=operator, right=right_ind, right_option=right_option
    )
    duplicate = IndicatorRule.objects.filter(
        left=left_ind, left_option=left_option, operator=operator, right=right_ind, right_option=right_option
    ).exists()
    if duplicate:
        raise ValidationFailed(_("This rule already exists: %(rule)s.") % {"rule": cs.rule_text(rule)})
    rule.save()
    _bump_version(left_ind)
    _audit(actor, "indicator.rule_add", left_ind, after={"rule": cs.rule_text(rule)})
    _catalogue_changed()
    return rule


@transaction.atomic
def rule_delete(*, actor: Actor, rule_id: int, version: int) -> None:
    """Delete a rule (`version` is its left indicator's)."""
    _require_manager(actor)
    rule = IndicatorRule.objects.filter(pk=rule_id).first()
    if rule is None:
        raise NotFound(_("This rule no longer exists."))
    left = _locked_indicator_by_pk(rule.left_id)
    _check_version(left, version)
    text = cs.rule_text(rule)
    rule.delete()
    _bump_version(left)
    _audit(actor, "indicator.rule_delete", left, before={"rule": text})
    _catalogue_changed()


def _locked_indicator_by_pk(pk: int) -> Indicator:
    return Indicator.objects.select_for_update().get(pk=pk)


# --- Report forms ---------------------------------------------------------------------------------


def form_snapshot(form: ReportForm) -> dict[str, Any]:
    return {name: getattr(form, name) for name in FORM_SPECS}


def _check_form(form: ReportForm, errors: dict[str, str]) -> None:
    if "code" not in errors:
        if form.code in RESERVED_FORM_CODES:
            errors["code"] = _("Code: %(code)s is reserved for other pages; choose another code.") % {"code": form.code}
        else:
            other = ReportForm.objects.filter(code=form.code).exclude(pk=form.pk).first()
            if other is not None:
                errors["code"] = _("Code: %(code)s is already the code of “%(name)s”; choose another code.") % {
                    "code": form.code,
                    "name": other.name,
                }
    if (
        form.reporting_level == ReportingLevel.COMMUNE
        and "province_deadline_days" not in errors
        and "commune_deadline_days" not in errors
        and form.province_deadline_days < form.commune_deadline_days
    ):
        errors["province_deadline_days"] = _(
            "Province deadline: provinces add up their communes' reports, so give them at least %(n)s days (the "
            "communes' deadline)."
        ) % {"n": form.commune_deadline_days}


def _indicator_ids(codes: Sequence[str], errors: dict[str, str]) -> list[int]:
    """The ids of `codes` in order; unknown or repeated codes go into errors["indicators"]."""
    cleaned = [str(c).strip() for c in codes]
    found = dict(Indicator.objects.filter(code__in=cleaned).values_list("code", "pk"))
    unknown = [c for c in cleaned if c not in found]
    repeated = sorted({c for c in cleaned if cleaned.count(c) > 1})
    if unknown:
        errors["indicators"] = _("Indicators: there is no indicator with code %(codes)s.") % {
            "codes": ", ".join(unknown)
        }
    elif repeated:
        errors["indicators"] = _("Indicators: %(codes)s appear more than once; list each indicator once.") % {
            "codes": ", ".join(repeated)
        }
    return [found[c] for c in cleaned if c in found]


@transaction.atomic
def form_create(*, actor: Actor, data: Mapping[str, Any], indicators: Sequence[str] = ()) -> ReportForm:
    """A new report form with its indicators in the order given. Its periods open by themselves."""
    _require_manager(actor)
    errors: dict[str, str] = {}
    values = _coerce(ReportForm, FORM_SPECS, data, errors)
    _require(ReportForm, FORM_REQUIRED, data, errors)
    form = ReportForm(**values)
    _check_form(form, errors)
    ids = _indicator_ids(indicators, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    try:
        with transaction.atomic():
            form.save()
    except IntegrityError as exc:
        raise ValidationFailed(errors={"code": _("Code: this code was just taken; choose another.")}) from exc
    FormIndicator.objects.bulk_create([FormIndicator(form=form, indicator_id=i, position=n) for n, i in enumerate(ids)])
    _audit(
        actor,
        "report_form.create",
        form,
        after={**form_snapshot(form), "indicators": cs.form_indicator_codes(form)},
    )
    _catalogue_changed()
    return form


def _locked_form(actor: Actor, code: str, version: int) -> ReportForm:
    _require_manager(actor)
    form = ReportForm.objects.select_for_update().filter(code=code).first()
    if form is None:
        raise NotFound(_("There is no report form with code %(code)s.") % {"code": code})
    _check_version(form, version)
    return form


@transaction.atomic
def form_update(*, actor: Actor, code: str, version: int, changes: Mapping[str, Any]) -> ReportForm:
    """Change a form's settings. Its code, period type and reporting level are fixed once units
    have reported on it. New deadline settings apply to periods opened afterwards; a period
    already open keeps its dates (the Ministry moves them on the period's page)."""
    form = _locked_form(actor, code, version)
    errors: dict[str, str] = {}
    values = _coerce(ReportForm, FORM_SPECS, changes, errors)
    changed = {k: v for k, v in values.items() if getattr(form, k) != v}
    fixed = [k for k in ("code", "period_type", "reporting_level") if k in changed]
    if fixed and cs.form_has_reports(form):
        for name in fixed:
            errors[name] = _(
                "%(field)s cannot change: units have already reported on this form. Set it out of use and add a "
                "new form instead."
            ) % {"field": _label(ReportForm, name)}
    before = form_snapshot(form)
    for name, value in changed.items():
        setattr(form, name, value)
    _check_form(form, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    if not changed:
        return form
    if "period_type" in changed:
        # No report exists (checked above): periods opened under the old type mean other dates.
        ReportPeriod.objects.filter(form=form).delete()
    try:
        with transaction.atomic():
            _bump_version(form)
    except IntegrityError as exc:
        raise ValidationFailed(errors={"code": _("Code: this code was just taken; choose another.")}) from exc
    after = form_snapshot(form)
    _audit(
        actor,
        "report_form.update",
        form,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    _catalogue_changed()
    return form


@transaction.atomic
def form_set_indicators(*, actor: Actor, code: str, version: int, indicators: Sequence[str]) -> ReportForm:
    """The form's indicators, in this order. Added ones appear as new lines in open reports at
    once; one with figures on this form in any period cannot be taken off."""
    form = _locked_form(actor, code, version)
    errors: dict[str, str] = {}
    ids = _indicator_ids(indicators, errors)
    if not errors and not ids:
        errors["indicators"] = _("Indicators: keep at least one; to stop using the form, set it out of use.")
    current = {fi.indicator_id: fi for fi in FormIndicator.objects.filter(form=form).select_related("indicator")}
    removed = [i for i in current if i not in ids]
    if not errors and removed:
        used = cs.form_indicators_with_values(form, removed)
        if used:
            errors["indicators"] = _(
                "Indicators: %(codes)s cannot be taken off this form: figures have been entered for them. Retire "
                "the indicator (active until) instead."
            ) % {"codes": ", ".join(sorted(current[i].indicator.code for i in used))}
    if errors:
        raise ValidationFailed(errors=errors)
    before = cs.form_indicator_codes(form)
    FormIndicator.objects.filter(form=form, indicator_id__in=removed).delete()
    for position, indicator_id in enumerate(ids):
        line = current.get(indicator_id)
        if line is None:
            FormIndicator.objects.create(form=form, indicator_id=indicator_id, position=position)
        elif line.position != position:
            FormIndicator.objects.filter(pk=line.pk).update(position=position)
    after = cs.form_indicator_codes(form)
    if after == before:
        return form
    _bump_version(form)
    _audit(actor, "report_form.indicators", form, before={"indicators": before}, after={"indicators": after})
    _catalogue_changed()
    return form
