from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from antq.core.forms import VersionForm, YearField
from antq.registry.initiatives.models import Initiative, InitiativeRating, InitiativeStatus
from antq.registry.initiatives.selectors import InitiativeFilter
from antq.registry.initiatives.services import InitiativeInput
from antq.registry.initiatives.types.models import InitiativeType
from antq.registry.permissions import RECORD_KINDS
from antq.units.forms import UnitField, UnitFieldsForm
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

    def to_filter(self) -> InitiativeFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return InitiativeFilter(
            unit_code=(data.get("unit") or "").strip(),
            type_code=data.get("type") or "",
            status=data.get("status") or "",
            replicated={"yes": True, "no": False}.get(data.get("replicated") or ""),
            query=data.get("q") or "",
        )


class InitiativeForm(UnitFieldsForm):
    """The initiative's details. Each count any type records is a field of its own (`count_<code>`);
    the service accepts those of the chosen type and names any other that was filled in."""

    type = forms.ChoiceField(label=_("Type"))
    unit = UnitField(
        label=_("Unit"),
        kinds=RECORD_KINDS,
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

    def __init__(self, *args: Any, editing: Initiative | None = None, **kwargs: Any) -> None:
        """`editing`: the initiative being edited (its values are the initial ones, and its type
        is offered even when retired)."""
        if editing is not None:
            kwargs["initial"] = self.initial_of(editing)
        super().__init__(*args, **kwargs)
        types = list(InitiativeType.objects.all())
        self.fields["type"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((t.code, t.name) for t in types if t.is_active or (editing and t.pk == editing.type_id)),
        ]
        self.measure_fields: list[str] = []
        for kind in types:
            for measure in kind.measures:
                name = f"{COUNT_PREFIX}{measure['code']}"
                if name in self.fields:
                    continue
                self.fields[name] = forms.IntegerField(
                    label=measure["name"],
                    required=False,
                    min_value=0,
                    help_text=_("For “%(type)s”") % {"type": kind.name},
                )
                self.measure_fields.append(name)

    @staticmethod
    def initial_of(initiative: Initiative) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "type": initiative.type.code,
            "unit": initiative.unit.code,
            "name": initiative.name,
            "started_on": initiative.started_on,
            "members": initiative.members,
            "households": initiative.households,
            "description": initiative.description,
            "replicated_from": initiative.replicated_from_id,
            "version": initiative.version,
        }
        for code, value in (initiative.counts or {}).items():
            initial[f"{COUNT_PREFIX}{code}"] = value
        return initial

    def add_error(self, field: str | None, error: Any) -> None:
        """The service names a count `counts.<code>`; here it is the field `count_<code>`."""
        if field is not None and field.startswith("counts."):
            field = f"{COUNT_PREFIX}{field.split('.', 1)[1]}"
        super().add_error(field if field is None or field in self.fields else None, error)

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


class StatusForm(VersionForm):
    status = forms.ChoiceField(label=_("New status"), choices=InitiativeStatus.choices)
    on = forms.DateField(label=_("From"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=500, help_text=_("Required when dissolving."))

    @classmethod
    def offered(cls, initiative: Initiative, today: Any) -> StatusForm:
        """The form as the page offers it: the likely next status, from today."""
        next_status = InitiativeStatus.WEAK if initiative.status == InitiativeStatus.ACTIVE else InitiativeStatus.ACTIVE
        return cls(initial={"version": initiative.version, "on": today, "status": next_status})


class EvaluationForm(VersionForm):
    year = YearField(label=_("Year"), min_value=1990, max_value=2100)
    rating = forms.ChoiceField(label=_("Rating"), choices=InitiativeRating.choices)
    note = forms.CharField(label=_("Evaluation notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG or WebP, at most 10 MB."))
    caption = forms.CharField(label=_("Caption"), required=False, max_length=300)
