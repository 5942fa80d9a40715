from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from antq.registry.models import InitiativeRating, InitiativeStatus, InitiativeType
from antq.registry.permissions import RECORD_KINDS
from antq.registry.services import InitiativeInput
from antq.units.widgets import UnitPickerWidget

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COUNT_PREFIX = "count_"


class InitiativeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=32, widget=UnitPickerWidget())
    type = forms.ChoiceField(label=_("Type"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *InitiativeStatus.choices]
    )
    replicated = forms.ChoiceField(
        label=_("Replication"),
        required=False,
        choices=[("", _("All")), ("yes", _("Replicated from another")), ("no", _("Original"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [  # type: ignore[attr-defined]
            ("", _("All types")),
            *((t.code, t.name) for t in InitiativeType.objects.all()),
        ]


class InitiativeForm(forms.Form):
    """The initiative's details. Each count any type records is a field of its own (`count_<code>`);
    the service accepts those of the chosen type and names any other that was filled in."""

    type = forms.ChoiceField(label=_("Type"))
    unit = forms.CharField(
        label=_("Unit"),
        max_length=32,
        widget=UnitPickerWidget(kinds=sorted(RECORD_KINDS)),
        help_text=_("The commune, a village or residential group, or an organisation running it."),
    )
    name = forms.CharField(label=_("Name"), max_length=300)
    started_on = forms.DateField(label=_("Started on"), widget=DATE)
    members = forms.IntegerField(label=_("Members"), required=False, min_value=0)
    households = forms.IntegerField(label=_("Households taking part"), required=False, min_value=0)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    replicated_from = forms.IntegerField(
        label=_("Replicated from (initiative number)"),
        required=False,
        min_value=1,
        help_text=_("Search below for the initiative this one copies, in any province, and pick it."),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, editing: InitiativeType | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = list(InitiativeType.objects.all())
        self.fields["type"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((t.code, t.name) for t in types if t.is_active or (editing and t.pk == editing.pk)),
        ]
        self.measure_fields: list[str] = []
        seen: set[str] = set()
        for kind in types:
            for measure in kind.measures:
                name = f"{COUNT_PREFIX}{measure['code']}"
                if name in seen:
                    continue
                seen.add(name)
                self.fields[name] = forms.IntegerField(
                    label=measure["name"],
                    required=False,
                    min_value=0,
                    help_text=_("For “%(type)s”") % {"type": kind.name},
                )
                self.measure_fields.append(name)

    def to_input(self) -> InitiativeInput:
        data = self.cleaned_data
        counts = {name[len(COUNT_PREFIX) :]: data[name] for name in self.measure_fields if data.get(name) is not None}
        return InitiativeInput(
            type_code=data["type"],
            unit_code=data["unit"],
            name=data["name"],
            started_on=data["started_on"],
            members=data.get("members"),
            households=data.get("households"),
            counts=counts,
            description=data.get("description") or "",
            replicated_from=data.get("replicated_from"),
        )


class StatusForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("New status"), choices=InitiativeStatus.choices)
    on = forms.DateField(label=_("From"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=500, help_text=_("Required when dissolving."))


class EvaluationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    rating = forms.ChoiceField(label=_("Rating"), choices=InitiativeRating.choices)
    note = forms.CharField(label=_("Evaluation notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG or WebP, at most 10 MB."))
    caption = forms.CharField(label=_("Caption"), required=False, max_length=300)


class TypeForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=32, help_text=_("e.g. camera; cannot be changed later."))
    name = forms.CharField(label=_("Name (Vietnamese)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(
        label=_("Counts recorded"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: code | Vietnamese name | English name, e.g. cameras | Số camera | Cameras"),
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def measures_list(self) -> list[dict[str, str]]:
        rows = []
        for line in (self.cleaned_data.get("measures") or "").splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", ""]
            rows.append({"code": parts[0], "name": parts[1], "name_en": parts[2]})
        return rows

    @staticmethod
    def measures_text(measures: list[dict[str, str]]) -> str:
        return "\n".join(f"{m['code']} | {m['name']} | {m.get('name_en', '')}" for m in measures)
