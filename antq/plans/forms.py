"""Input shape of the plan pages. Forms build the services' inputs (`to_input`) and the list's
filter (`to_filter`); the rules are the services'."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from antq.core.forms import VersionForm, YearField
from antq.plans.models import CONTENT_FIELDS, Plan, PlanState
from antq.plans.selectors import PlanFilter
from antq.plans.services import PlanInput, TaskInput
from antq.units.widgets import UnitPickerWidget

Choices = list[tuple[Any, str]]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 5})


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = YearField(label=_("Year"), required=False, min_value=2005, max_value=2100)
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[
            ("", _("All levels")),
            ("nation", _("Central")),
            ("province", _("Province")),
            ("commune", _("Commune")),
        ],
    )
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All states")), *PlanState.choices])

    def to_filter(self) -> PlanFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return PlanFilter(
            year=data.get("year"), state=data.get("state") or "", level=data.get("level") or "", query=data.get("q", "")
        )


class PlanContentForm(forms.Form):
    """The content of a plan; the same form writes a draft and amends a plan in force."""

    title = forms.CharField(label=_("Title (summary)"), max_length=500, widget=forms.TextInput(attrs={"size": 80}))
    window_start = forms.DateField(label=_("Festival window from"), widget=DATE)
    window_end = forms.DateField(label=_("Festival window to"), widget=DATE)
    parent_body = forms.CharField(label=_("Parent body (top left)"), max_length=200, required=False)
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=200)
    place = forms.CharField(label=_("Place of issue"), max_length=100)
    signer_authority = forms.CharField(
        label=_("Signing authority"),
        max_length=100,
        required=False,
        help_text=_("e.g. TM. BAN CHỈ ĐẠO or KT. TRƯỞNG BAN"),
    )
    signer_title = forms.CharField(label=_("Signer's title"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Signer"), max_length=150, required=False)
    basis_documents = forms.CharField(
        label=_("Other documents cited"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line; the plan above is cited automatically."),
    )
    purposes = forms.CharField(
        label=_("Purposes"),
        required=False,
        widget=TEXTAREA,
        help_text=_(
            "Number your own headings (I., 1., 1.1., a)) and the document keeps them as written; "
            "with no numbers it adds the usual outline."
        ),
    )
    requirements = forms.CharField(
        label=_("Requirements"), required=False, widget=TEXTAREA, help_text=_("Lines starting with “-” become a list.")
    )
    contents = forms.CharField(label=_("Contents"), required=False, widget=TEXTAREA)
    organisation = forms.CharField(label=_("Organisation of implementation"), required=False, widget=TEXTAREA)
    target_sites = forms.IntegerField(label=_("Target sites in all"), required=False, min_value=0)
    target_sites_per_commune = forms.IntegerField(
        label=_("Target sites per commune"), required=False, min_value=0, max_value=1000
    )
    target_pilot_sites = forms.IntegerField(label=_("Target pilot sites"), required=False, min_value=0)
    lower_plan_due_on = forms.DateField(label=_("Plans below due by"), required=False, widget=DATE)
    site_registration_due_on = forms.DateField(label=_("Sites registered by"), required=False, widget=DATE)
    recipients = forms.CharField(
        label=_("Recipients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. “Lưu: VT, PV05.” last."),
    )

    def content(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in CONTENT_FIELDS}


class PlanCreateForm(PlanContentForm):
    issuer = forms.ChoiceField(label=_("Issuing unit"))
    year = YearField(label=_("Year"), min_value=2005, max_value=2100)
    parent_plan = forms.TypedChoiceField(label=_("Plan implemented"), coerce=int, required=False, empty_value=None)
    symbol = forms.CharField(label=_("Symbol"), max_length=32, initial="KH-BCĐ")

    field_order = ["issuer", "year", "parent_plan", "symbol", "title"]

    def __init__(self, *args: Any, issuers: Choices, parents: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = issuers  # type: ignore[attr-defined]
        self.fields["parent_plan"].choices = parents  # type: ignore[attr-defined]

    def to_input(self) -> PlanInput:
        data = self.cleaned_data
        return PlanInput(**self.content(), year=data["year"], symbol=data["symbol"], parent_plan_id=data["parent_plan"])


class PlanEditForm(PlanContentForm, VersionForm):
    parent_plan = forms.TypedChoiceField(label=_("Plan implemented"), coerce=int, required=False, empty_value=None)
    symbol = forms.CharField(label=_("Symbol"), max_length=32)

    field_order = ["parent_plan", "symbol", "title"]

    def __init__(self, *args: Any, parents: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent_plan"].choices = parents  # type: ignore[attr-defined]

    def to_input(self, plan: Plan) -> PlanInput:
        data = self.cleaned_data
        return replace(PlanInput.of(plan), **self.content(), symbol=data["symbol"], parent_plan_id=data["parent_plan"])


class PlanAmendForm(PlanContentForm, VersionForm):
    reason = forms.CharField(label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2}))
    reference = forms.CharField(label=_("Amending document number"), max_length=64, required=False)
    effective_on = forms.DateField(label=_("Effective from"), required=False, widget=DATE)

    field_order = ["reason", "reference", "effective_on", "title"]

    def to_input(self, plan: Plan) -> PlanInput:
        return replace(PlanInput.of(plan), **self.content())


class PlanIssueForm(VersionForm):
    number = forms.CharField(label=_("Number"), max_length=7, help_text=_("From the records office, e.g. 4955"))
    issued_on = forms.DateField(label=_("Date of issue"), widget=DATE)
    signer_name = forms.CharField(label=_("Signer"), max_length=150, required=False)


class AttachmentForm(forms.Form):
    attachment = forms.FileField(label=_("Signed scan (PDF, PNG or JPEG, at most 20 MB)"))


class TaskForm(VersionForm):
    description = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label=_("Due by"), widget=DATE)
    assignee = forms.CharField(
        label=_("Assigned to"),
        required=False,
        widget=UnitPickerWidget(),
        help_text=_("Leave empty for every unit one level below."),
    )
    reason = forms.CharField(
        label=_("Reason (the plan is in force: adding a task is an amendment)"), required=False, max_length=500
    )

    def to_input(self) -> TaskInput:
        data = self.cleaned_data
        return TaskInput(description=data["description"], due_on=data["due_on"], assignee_code=data["assignee"] or None)


class TaskRemoveForm(VersionForm):
    reason = forms.CharField(required=False, max_length=500)


class TaskDoneForm(forms.Form):
    unit = forms.CharField(widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("Done on"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    undo = forms.BooleanField(required=False, widget=forms.HiddenInput)
