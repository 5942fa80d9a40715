from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from antq.core.forms import YearField
from antq.registry.exemplars.models import Exemplar, ExemplarCategory, ExemplarKind
from antq.registry.exemplars.selectors import ExemplarFilter
from antq.registry.exemplars.services import ExemplarInput
from antq.registry.permissions import RECORD_KINDS
from antq.units.forms import UnitField, UnitFieldsForm
from antq.units.widgets import UnitPickerWidget

EDITED_FIELDS = ("kind", "category", "name", "position", "year", "summary", "story", "version")


class ExemplarFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = YearField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(
        label=_("Collective or individual"), required=False, choices=[("", _("Both")), *ExemplarKind.choices]
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *ExemplarCategory.choices]
    )
    unit = forms.CharField(label=_("Unit (and below)"), required=False, max_length=32, widget=UnitPickerWidget())
    published = forms.ChoiceField(
        label=_("Public portal"),
        required=False,
        choices=[("", _("Published or not")), ("yes", _("Published")), ("no", _("Not published"))],
    )

    def to_filter(self) -> ExemplarFilter:
        data = self.cleaned_data if self.is_valid() else {}
        published = {"yes": True, "no": False}.get(data.get("published") or "")
        return ExemplarFilter(
            year=data.get("year"),
            kind=data.get("kind") or "",
            category=data.get("category") or "",
            unit_code=(data.get("unit") or "").strip(),
            published=published,
            query=data.get("q") or "",
        )


class ExemplarForm(UnitFieldsForm):
    kind = forms.ChoiceField(
        label=_("Collective or individual"), choices=ExemplarKind.choices, widget=forms.RadioSelect
    )
    category = forms.ChoiceField(label=_("Category"), choices=ExemplarCategory.choices, widget=forms.RadioSelect)
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("The collective (e.g. “Tổ dân phố 3”) or the person (e.g. “Ông Nguyễn Văn Hùng”)."),
    )
    position = forms.CharField(
        label=_("Position, workplace or address"),
        max_length=300,
        required=False,
        help_text=_("e.g. “Tổ trưởng Tổ bảo vệ ANTT Tổ dân phố 5”."),
    )
    unit = UnitField(
        label=_("Unit"),
        kinds=RECORD_KINDS,
        help_text=_(
            "Where the exemplar belongs: the province, a commune, a village or residential group, or an organisation."
        ),
    )
    year = YearField(
        label=_("Year"), min_value=2000, max_value=2100, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences; the public portal shows it in lists."),
    )
    story = forms.CharField(
        label=_("Story"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What the collective or person did, when, and what came of it."),
    )
    initiative = forms.TypedChoiceField(
        label=_("Initiative"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("The initiative (mô hình) of the same commune the exemplar is part of, if any."),
    )

    def __init__(
        self, *args: Any, initiatives: Sequence[tuple[int, str]] = (), editing: Exemplar | None = None, **kwargs: Any
    ) -> None:
        """`initiatives`: the choices of the initiative field; `editing`: the exemplar being edited
        (its values are the initial ones)."""
        if editing is not None:
            kwargs["initial"] = {name: getattr(editing, name) for name in EDITED_FIELDS}
            kwargs["initial"].update(unit=editing.unit.code, initiative=editing.initiative_id)
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = [("", _("— none —")), *initiatives]  # type: ignore[attr-defined]

    def to_input(self) -> ExemplarInput:
        data = self.cleaned_data
        return ExemplarInput(
            unit_code=data["unit"],
            kind=data["kind"],
            category=data["category"],
            name=data["name"],
            position=data.get("position") or "",
            year=data.get("year"),
            summary=data["summary"],
            story=data["story"],
            initiative_id=data.get("initiative"),
        )


class ExemplarEditForm(ExemplarForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
