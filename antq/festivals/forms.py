from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from antq.festivals.models import PROGRAMME_PARTS, PilotTier, ProgrammeItem, ProgrammePart, SiteState
from antq.festivals.permissions import ORGANISER_KINDS
from antq.festivals.services import SiteInput
from antq.units.widgets import UnitPickerWidget

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SiteFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2005, max_value=2100)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=32, widget=UnitPickerWidget())
    plan = forms.IntegerField(required=False, widget=forms.HiddenInput)
    pilot_tier = forms.ChoiceField(
        label=_("Pilot tier"),
        required=False,
        choices=[("any", _("All tiers")), ("none", _("Wide rollout")), *PilotTier.choices[1:]],
    )
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All states")), *SiteState.choices])
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)


class SiteForm(forms.Form):
    plan = forms.TypedChoiceField(label=_("Plan"), coerce=int)
    unit = forms.CharField(
        label=_("Organising unit"),
        max_length=32,
        widget=UnitPickerWidget(kinds=sorted(ORGANISER_KINDS)),
        help_text=_("The commune, a village or residential group, or an organisation."),
    )
    name = forms.CharField(
        label=_("Name"), max_length=300, required=False, help_text=_("Leave empty for the usual name with the unit's.")
    )
    date = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(label=_("Starts at"), required=False, widget=TIME)
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=TIME)
    venue = forms.CharField(label=_("Venue"), max_length=300)
    latitude = forms.FloatField(label=_("Latitude"), required=False, widget=forms.NumberInput(attrs={"step": "any"}))
    longitude = forms.FloatField(label=_("Longitude"), required=False, widget=forms.NumberInput(attrs={"step": "any"}))
    pilot_tier = forms.ChoiceField(label=_("Pilot tier"), choices=PilotTier.choices, required=False)
    programme = forms.MultipleChoiceField(
        label=_("Programme"), choices=ProgrammeItem.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    invited_leaders = forms.CharField(
        label=_("Invited leaders"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    expected_participants = forms.IntegerField(label=_("Expected participants"), required=False, min_value=0)

    def programme_parts(self) -> list[tuple[str, list[tuple[str, str, bool]]]]:
        """Programme checkboxes grouped by part (ceremony, festivities, services) for the template."""
        chosen = set(self["programme"].value() or [])
        labels = dict(ProgrammeItem.choices)
        return [
            (str(ProgrammePart(part).label), [(item, str(labels[item]), item in chosen) for item in items])
            for part, items in PROGRAMME_PARTS.items()
        ]

    def to_input(self) -> SiteInput:
        data = self.cleaned_data
        return SiteInput(
            unit_code=data["unit"],
            date=data["date"],
            start_time=data.get("start_time"),
            end_time=data.get("end_time"),
            name=data.get("name", ""),
            venue=data["venue"],
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            pilot_tier=data.get("pilot_tier") or "",
            programme=data.get("programme") or [],
            invited_leaders=data.get("invited_leaders", ""),
            expected_participants=data.get("expected_participants"),
        )


class SiteEditForm(SiteForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].disabled = True
        self.fields["plan"].required = False


class TransitionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    state = forms.ChoiceField(choices=SiteState.choices)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class BulkRowForm(forms.Form):
    """One line of the table form: a unit of the commune and when/where it holds its site."""

    include = forms.BooleanField(required=False)
    unit = forms.CharField(widget=forms.HiddenInput)
    date = forms.DateField(required=False, widget=DATE)
    start_time = forms.TimeField(required=False, widget=TIME)
    venue = forms.CharField(required=False, max_length=300)
    expected_participants = forms.IntegerField(required=False, min_value=0)


class ImportForm(forms.Form):
    plan = forms.TypedChoiceField(label=_("Plan"), coerce=int)
    file = forms.FileField(label=_("Workbook (.xlsx)"))
