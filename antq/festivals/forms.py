"""Input shape of the site pages. Forms build the services' inputs (`to_input`) and the listings'
filter (`to_filter`); the rules are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.actor import Actor
from antq.core.forms import VersionForm, YearField
from antq.festivals.models import PROGRAMME_PARTS, FestivalSite, PilotTier, ProgrammeItem, ProgrammePart, SiteState
from antq.festivals.permissions import ORGANISER_KINDS
from antq.festivals.selectors import SiteFilter
from antq.festivals.services import SiteInput
from antq.units.forms import UnitField, UnitFieldsForm
from antq.units.widgets import UnitPickerWidget

Choices = list[tuple[Any, str]]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SiteFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = YearField(label=_("Year"), required=False, min_value=2005, max_value=2100)
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

    def to_filter(self) -> SiteFilter:
        data = self.cleaned_data if self.is_valid() else {}
        tier = data.get("pilot_tier") or "any"
        return SiteFilter(
            year=data.get("year"),
            plan_id=data.get("plan"),
            unit_code=(data.get("unit") or "").strip(),
            pilot_tier=None if tier == "any" else ("" if tier == "none" else tier),
            state=data.get("state") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            query=data.get("q") or "",
        )


class SiteForm(UnitFieldsForm):
    plan = forms.TypedChoiceField(label=_("Plan"), coerce=int)
    unit = UnitField(
        label=_("Organising unit"),
        kinds=ORGANISER_KINDS,
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

    def __init__(self, *args: Any, plans: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = plans  # type: ignore[attr-defined]

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


class SiteEditForm(SiteForm, VersionForm):
    """A site's details as stored, to change; its plan is shown, not changed."""

    def __init__(self, data: Any, *, site: FestivalSite, actor: Actor | None = None) -> None:
        local = timezone.localtime(site.starts_at)
        initial = {
            "plan": site.plan_id,
            "unit": site.unit.code,
            "name": site.name,
            "date": local.date(),
            "start_time": local.time(),
            "end_time": timezone.localtime(site.ends_at).time() if site.ends_at else None,
            "venue": site.venue,
            "latitude": site.latitude,
            "longitude": site.longitude,
            "pilot_tier": site.pilot_tier,
            "programme": [p.item for p in site.programme.all()],
            "invited_leaders": site.invited_leaders,
            "expected_participants": site.expected_participants,
            "version": site.version,
        }
        plans = [(site.plan_id, f"{site.plan.reference} · {site.plan.issuer.name}")]
        super().__init__(data, initial=initial, plans=plans, actor=actor)
        self.fields["plan"].disabled = True
        self.fields["plan"].required = False


class TransitionForm(VersionForm):
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

    def to_input(self) -> SiteInput:
        data = self.cleaned_data
        return SiteInput(
            unit_code=data["unit"],
            date=data.get("date"),
            start_time=data.get("start_time"),
            venue=data.get("venue") or "",
            expected_participants=data.get("expected_participants"),
        )


class ImportForm(forms.Form):
    plan = forms.TypedChoiceField(label=_("Plan"), coerce=int)
    file = forms.FileField(label=_("Workbook (.xlsx)"))

    def __init__(self, *args: Any, plans: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = plans  # type: ignore[attr-defined]


class ImportConfirmForm(forms.Form):
    """The confirmation after a dry run: the plan and the token of the checked file kept aside."""

    plan = forms.IntegerField()
    token = forms.RegexField(regex=r"^[0-9a-f]{32}$")
