"""Reading and checking figures: Vietnamese number input, the catalogue's rules, and the field
names used in error messages. Shared by site results, reports and imports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from antq.core.text import format_number
from antq.reporting.catalogue.models import Indicator, IndicatorRule, Measure, RuleOperator

# Measures counted in whole numbers whatever the indicator says.
WHOLE_MEASURES = frozenset(Measure.values) - {Measure.KG, Measure.KM}
MAX_VALUE = Decimal("999999999999999")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")

Key = tuple[str, str]  # (indicator code, option code or "")


def field_name(key: Key) -> str:
    return f"{key[0]}.{key[1]}" if key[1] else key[0]


def parse_key(field: str) -> Key:
    code, _dot, option = field.partition(".")
    return code, option


def parse_number(raw: object) -> Decimal | None:
    """'12.780.000' -> 12780000, '2,5' -> 2.5, '' -> None. Raises ValueError when not a number."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, (int, Decimal)):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(str(raw))
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(text):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(raw) from exc
    if not number.is_finite():
        raise ValueError(raw)
    return number


@dataclass(frozen=True)
class Line:
    """One enterable figure: an indicator, or one option of an indicator with a breakdown."""

    indicator: Indicator
    option: str
    name: str
    name_en: str
    measure: str

    @property
    def key(self) -> Key:
        return (self.indicator.code, self.option)

    @property
    def field(self) -> str:
        return field_name(self.key)

    @property
    def label(self) -> str:
        return self.name_en if (get_language() or "vi").startswith("en") else self.name

    @property
    def measure_label(self) -> str:
        return str(Measure(self.measure).label)

    @property
    def decimals(self) -> int:
        return 0 if self.measure in WHOLE_MEASURES else self.indicator.decimals


def lines_for(indicators: Iterable[Indicator]) -> list[Line]:
    """Indicators expanded into their options (prefetch `options`)."""
    lines: list[Line] = []
    for indicator in indicators:
        options = list(indicator.options.all())
        if not options:
            lines.append(Line(indicator, "", indicator.name, indicator.name_en, indicator.measure))
        for option in options:
            lines.append(
                Line(
                    indicator,
                    option.code,
                    f"{indicator.name}: {option.name}",
                    f"{indicator.name_en}: {option.name_en}",
                    option.measure,
                )
            )
    return lines


def check_values(lines: list[Line], raw: Mapping[str, object]) -> tuple[dict[Key, Decimal | None], dict[str, str]]:
    """Parse and check one set of figures (a site's or a report's). Returns (values, errors) where
    errors maps field -> message naming the figure and what would be right."""
    values: dict[Key, Decimal | None] = {}
    errors: dict[str, str] = {}
    by_field = {line.field: line for line in lines}
    for field in raw:
        if field not in by_field:
            errors[field] = _("%(field)s is not a figure of this form.") % {"field": field}
    for line in lines:
        if line.field not in raw:
            continue
        try:
            number = parse_number(raw[line.field])
        except ValueError:
            errors[line.field] = _("%(name)s: “%(raw)s” is not a number; write digits, e.g. 12.780.000.") % {
                "name": line.label,
                "raw": str(raw[line.field])[:40],
            }
            continue
        if number is not None:
            if number < 0:
                errors[line.field] = _("%(name)s cannot be negative.") % {"name": line.label}
                continue
            if number > MAX_VALUE:
                errors[line.field] = _("%(name)s is too large.") % {"name": line.label}
                continue
            exponent = number.normalize().as_tuple().exponent
            places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
            if places > line.decimals:
                errors[line.field] = (
                    _("%(name)s is counted in whole numbers.") % {"name": line.label}
                    if line.decimals == 0
                    else _("%(name)s takes at most %(n)s decimal places.") % {"name": line.label, "n": line.decimals}
                )
                continue
        values[line.key] = number
    return values, errors


def check_rules(
    lines: list[Line], values: Mapping[Key, Decimal | None], rules: Iterable[IndicatorRule]
) -> dict[str, str]:
    """Cross-field rules on a complete set of figures (stored values merged with the new ones)."""
    errors: dict[str, str] = {}
    by_code = {line.indicator.code: line.indicator for line in lines}
    keys = [line.key for line in lines]
    known = set(keys)

    def side(code: str, option: str) -> Decimal | None:
        if option or (code, "") in known:
            return values.get((code, option))
        parts = [values.get((c, o)) for (c, o) in keys if c == code]
        present = [p for p in parts if p is not None]
        return sum(present, Decimal(0)) if present else None

    for rule in rules:
        left_code, right_code = rule.left.code, rule.right.code
        if left_code not in by_code or right_code not in by_code:
            continue
        left, right = side(left_code, rule.left_option), side(right_code, rule.right_option)
        if left is None or right is None:
            continue
        ok = {
            RuleOperator.LE: left <= right,
            RuleOperator.GE: left >= right,
            RuleOperator.LT: left < right,
            RuleOperator.EQ: left == right,
        }[RuleOperator(rule.operator)]
        if not ok:
            labels = {line.key: line.label for line in lines}  # only when a rule fails
            left_key = (left_code, rule.left_option)
            left_label = labels.get(left_key) or by_code[left_code].name
            right_label = labels.get((right_code, rule.right_option)) or by_code[right_code].name
            errors[field_name(left_key)] = _("%(left)s (%(lv)s) must be %(op)s %(right)s (%(rv)s).") % {
                "left": left_label,
                "lv": format_number(left, _places(left)),
                "op": RuleOperator(rule.operator).label,
                "right": right_label,
                "rv": format_number(right, _places(right)),
            }
    return errors


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
