"""The catalogue editor's input shapes. Each form builds the service's input (`to_input`); what
depends on stored figures is checked by the services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from antq.core.forms import VersionForm, YearField
from antq.reporting.catalogue.models import (
    Aggregation,
    IndicatorGroup,
    Measure,
    PeriodType,
    ReportingLevel,
    RuleOperator,
)
from antq.reporting.catalogue.services import (
    FIXED_ONCE_REPORTED,
    FIXED_ONCE_USED,
    FormInput,
    IndicatorInput,
    OptionInput,
    RuleInput,
)
from antq.reporting.prefill import prefill_choices


def _values(form: forms.Form) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


def _fix(form: forms.Form, names: Sequence[str], why: str) -> None:
    """Show what can no longer change as read-only, and why."""
    for name in names:
        form.fields[name].disabled = True
        form.fields[name].help_text = why


DECIMALS = [(n, str(n)) for n in range(4)]


class IndicatorForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=64,
        help_text=gettext_lazy("Lowercase letters, digits, _ or -, e.g. gift_packages. Used in files and the API."),
    )
    name = forms.CharField(label=gettext_lazy("Name (Vietnamese)"), max_length=200)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=200)
    group = forms.ChoiceField(label=gettext_lazy("Group"), choices=IndicatorGroup.choices)
    measure = forms.ChoiceField(label=gettext_lazy("Measure"), choices=Measure.choices)
    aggregation = forms.ChoiceField(label=gettext_lazy("Aggregation"), choices=Aggregation.choices)
    decimals = forms.TypedChoiceField(
        label=gettext_lazy("Decimal places"),
        choices=DECIMALS,
        coerce=int,
        help_text=gettext_lazy("Used by figures in kg or km; other measures are whole numbers."),
    )
    per_site = forms.BooleanField(label=gettext_lazy("Entered per festival site"), required=False)
    source = forms.ChoiceField(label=gettext_lazy("Prefilled from"), choices=prefill_choices, required=False)
    headline = forms.BooleanField(label=gettext_lazy("Headline figure on the dashboard"), required=False)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    active_from = YearField(label=gettext_lazy("Active from year"), min_value=2000, max_value=2100)
    active_until = YearField(
        label=gettext_lazy("Active until year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("Leave empty while in use; set the last year to retire the indicator."),
    )
    position = forms.IntegerField(
        label=gettext_lazy("Order in lists"),
        required=False,
        min_value=0,
        help_text=gettext_lazy("Smaller numbers come first."),
    )

    def to_input(self) -> IndicatorInput:
        return IndicatorInput(**_values(self))


class IndicatorEditForm(IndicatorForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, has_values: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if has_values:
            _fix(
                self,
                FIXED_ONCE_USED,
                _("Fixed: figures have been entered. Retire the indicator and add a new one to change it."),
            )
            self.fields["decimals"].help_text = _("Figures have been entered: decimal places can only be raised.")


class OptionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    code = forms.CharField(
        label=gettext_lazy("Code"), max_length=32, help_text=gettext_lazy("e.g. firearms, explosives")
    )
    name = forms.CharField(label=gettext_lazy("Name (Vietnamese)"), max_length=200)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=200)
    measure = forms.ChoiceField(label=gettext_lazy("Measure"), choices=Measure.choices)
    position = forms.IntegerField(label=gettext_lazy("Order in lists"), required=False, min_value=0)

    def __init__(self, *args: Any, has_values: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if has_values:
            _fix(self, ("code", "measure"), _("Fixed: figures have been entered for this kind."))

    def to_input(self) -> OptionInput:
        return OptionInput(**_values(self))


class RuleForm(forms.Form):
    """A rule of the indicator `code`: its left side is that indicator (or one of its kinds)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    left = forms.ChoiceField(label=gettext_lazy("Figure"))
    operator = forms.ChoiceField(label=gettext_lazy("Must be"), choices=RuleOperator.choices)
    right = forms.ChoiceField(label=gettext_lazy("Compared with"))

    def __init__(self, *args: Any, code: str, sides: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["left"].choices = [c for c in sides if c[0].partition(".")[0] == code]  # type: ignore[attr-defined]
        self.fields["right"].choices = sides  # type: ignore[attr-defined]

    def to_input(self) -> RuleInput:
        left, _dot, left_option = self.cleaned_data["left"].partition(".")
        right, _dot, right_option = self.cleaned_data["right"].partition(".")
        return RuleInput(
            left=left,
            left_option=left_option,
            operator=self.cleaned_data["operator"],
            right=right,
            right_option=right_option,
        )


class ReportFormForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=64,
        help_text=gettext_lazy("Lowercase letters, digits, _ or -, e.g. ket-qua-quy. Appears in addresses."),
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=300)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=300, required=False)
    basis = forms.CharField(
        label=gettext_lazy("Basis"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("e.g. Nghị định 09/2019/NĐ-CP"),
    )
    period_type = forms.ChoiceField(label=gettext_lazy("Period type"), choices=PeriodType.choices)
    reporting_level = forms.ChoiceField(label=gettext_lazy("Level that reports"), choices=ReportingLevel.choices)
    cutoff_days_before_end = forms.IntegerField(
        label=gettext_lazy("Cut-off: days before the period ends"), min_value=0, max_value=365, initial=0
    )
    commune_deadline_days = forms.IntegerField(
        label=gettext_lazy("Commune deadline: days after the period ends"), min_value=0, max_value=365, initial=5
    )
    province_deadline_days = forms.IntegerField(
        label=gettext_lazy("Province deadline: days after the period ends"), min_value=0, max_value=365, initial=10
    )
    grace_days = forms.IntegerField(
        label=gettext_lazy("Entry stays open: days after the deadline"), min_value=0, max_value=365, initial=15
    )
    is_active = forms.BooleanField(label=gettext_lazy("In use"), required=False, initial=True)

    def to_input(self) -> FormInput:
        return FormInput(**_values(self))


class ReportFormEditForm(ReportFormForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, reported: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if reported:
            _fix(self, FIXED_ONCE_REPORTED, _("Fixed: units have already reported on this form."))


class FormIndicatorsForm(VersionForm):
    """The indicators ticked for a form ("on") and their order numbers ("pos:<code>", smaller
    first; a box left empty puts the indicator after the numbered ones, in catalogue order)."""

    on = forms.MultipleChoiceField(required=False)

    def __init__(self, *args: Any, codes: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes = list(codes)
        self.fields["on"].choices = [(c, c) for c in self.codes]  # type: ignore[attr-defined]

    def chosen(self) -> list[str]:
        order = {c: n for n, c in enumerate(self.codes)}
        positions = {c: _position(self.data.get(f"pos:{c}"), order[c]) for c in self.cleaned_data["on"]}
        return sorted(positions, key=lambda c: (positions[c], order[c]))


def _position(raw: str | None, fallback: int) -> int:
    try:
        return int(raw or "")
    except ValueError:
        return 1_000_000 + fallback
