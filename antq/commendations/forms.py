from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from antq.commendations.models import AuthorityLevel, AwardForm, NomineeKind, ProposalState
from antq.commendations.services import DecisionInput, NomineeInput, ProposalInput
from antq.units.widgets import UnitPickerWidget

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOMINEE_FIELDS = ("kind", "name", "position", "organisation", "achievement", "award_form")


class ProposalFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2005, max_value=2100)
    unit = forms.CharField(label=_("Unit (and below)"), required=False, max_length=32, widget=UnitPickerWidget())
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All states")), *ProposalState.choices])
    award_form = forms.ChoiceField(
        label=_("Form of commendation"), required=False, choices=[("", _("All forms")), *AwardForm.choices]
    )
    kind = forms.ChoiceField(
        label=_("Collective or individual"), required=False, choices=[("", _("Both")), *NomineeKind.choices]
    )


class ProposalForm(forms.Form):
    """A proposal's content; the nominees come from `NomineeFormSet` beside it."""

    unit = forms.ChoiceField(label=_("Proposing unit"))
    year = forms.IntegerField(label=_("Year of the achievements"), min_value=2005, max_value=2100)
    authority_level = forms.ChoiceField(
        label=_("Authority asked"),
        choices=AuthorityLevel.choices,
        help_text=_(
            "Commune: Giấy khen of the commune chairman. Province: Giấy khen of the police director, Bằng khen or "
            "emulation flag of the provincial chairman. Ministry: Bằng khen of the Minister, the medal, the "
            "Ministry's flag. Government: Bằng khen of the Prime Minister (through the Ministry)."
        ),
    )
    title = forms.CharField(
        label=_("Title (summary)"),
        max_length=500,
        required=False,
        help_text=_("Leave empty for the usual title with the year."),
    )
    festival_site = forms.TypedChoiceField(
        label=_("Festival site where the awards are handed over"), coerce=int, required=False, empty_value=None
    )
    reasons = forms.CharField(
        label=_("Reasons and achievements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The body of the memo; lines starting with “-” become a list."),
    )
    memo_number = forms.CharField(label=_("Memo number"), max_length=16, required=False)
    memo_symbol = forms.CharField(label=_("Memo symbol"), max_length=32)
    parent_body = forms.CharField(label=_("Parent body (top left)"), max_length=200, required=False)
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=200)
    place = forms.CharField(label=_("Place of issue"), max_length=100)
    signer_authority = forms.CharField(label=_("Signing authority"), max_length=100, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Signer"), max_length=150, required=False)
    recipients = forms.CharField(
        label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("One per line.")
    )

    HEADER = (
        "memo_number",
        "memo_symbol",
        "parent_body",
        "issuing_body",
        "place",
        "signer_authority",
        "signer_title",
        "signer_name",
        "recipients",
    )

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.HEADER and name != "version"]

    def header_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.HEADER]

    def to_input(self, nominees: list[NomineeInput]) -> ProposalInput:
        data = self.cleaned_data
        return ProposalInput(
            year=data["year"],
            authority_level=data["authority_level"],
            title=data.get("title") or "",
            festival_site_id=data.get("festival_site"),
            reasons=data.get("reasons") or "",
            memo_number=data.get("memo_number") or "",
            memo_symbol=data["memo_symbol"],
            parent_body=data.get("parent_body") or "",
            issuing_body=data["issuing_body"],
            place=data["place"],
            signer_authority=data.get("signer_authority") or "",
            signer_title=data.get("signer_title") or "",
            signer_name=data.get("signer_name") or "",
            recipients=data.get("recipients") or "",
            nominees=nominees,
        )


class ProposalEditForm(ProposalForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].disabled = True
        self.fields["unit"].required = False


class NomineeForm(forms.Form):
    """One row of the proposal list. Rows left empty are skipped; the service checks the rest."""

    kind = forms.ChoiceField(label=_("Collective or individual"), choices=NomineeKind.choices, required=False)
    name = forms.CharField(label=_("Full name / name of the collective"), max_length=300, required=False)
    position = forms.CharField(label=_("Position"), max_length=300, required=False)
    organisation = forms.CharField(label=_("Unit or organisation"), max_length=300, required=False)
    achievement = forms.CharField(
        label=_("Summary of achievements"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    award_form = forms.ChoiceField(label=_("Form of commendation"), choices=AwardForm.choices, required=False)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not any((data.get(name) or "").strip() for name in ("name", "position", "organisation", "achievement"))

    def to_input(self) -> NomineeInput:
        data = self.cleaned_data
        return NomineeInput(
            kind=data.get("kind") or "",
            name=data.get("name") or "",
            position=data.get("position") or "",
            organisation=data.get("organisation") or "",
            achievement=data.get("achievement") or "",
            award_form=data.get("award_form") or "",
        )


NomineeFormSet: type[BaseFormSet[NomineeForm]] = formset_factory(NomineeForm, extra=0, max_num=500)


class SubmitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    submitted_on = forms.DateField(label=_("Date of the signed memo"), required=False, widget=DATE)
    memo_number = forms.CharField(label=_("Memo number"), max_length=16, required=False)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class ReturnForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for returning"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("The proposing unit sees it and corrects the proposal."),
    )


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label=_("Decision number"), max_length=16, help_text=_("e.g. 3125"))
    symbol = forms.CharField(label=_("Symbol"), max_length=32)
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DATE)
    signer_authority = forms.CharField(label=_("Signing authority"), max_length=100, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=100)
    signer_name = forms.CharField(label=_("Signer"), max_length=150)
    awarded = forms.TypedMultipleChoiceField(
        label=_("Awarded"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick those the decision does not award."),
    )
    festival_site = forms.TypedChoiceField(
        label=_("Festival site where the awards are handed over"), coerce=int, required=False, empty_value=None
    )
    reward = forms.CharField(
        label=_("Reward (Article 2)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty for the usual wording on the reward by law."),
    )
    parent_body = forms.CharField(label=_("Parent body (top left)"), max_length=200, required=False)
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=200)
    place = forms.CharField(label=_("Place of issue"), max_length=100)
    basis = forms.CharField(
        label=_("Basis (căn cứ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )
    recipients = forms.CharField(
        label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One per line.")
    )

    def to_input(self) -> DecisionInput:
        data = self.cleaned_data
        return DecisionInput(
            number=data["number"],
            decided_on=data["decided_on"],
            signer_name=data["signer_name"],
            symbol=data["symbol"],
            signer_title=data["signer_title"],
            signer_authority=data.get("signer_authority") or "",
            parent_body=data.get("parent_body") or "",
            issuing_body=data["issuing_body"],
            place=data["place"],
            basis=data.get("basis") or "",
            reward=data.get("reward") or "",
            recipients=data.get("recipients") or "",
            festival_site_id=data.get("festival_site") or 0,  # 0: handed over at no site
            awarded_ids=data.get("awarded") or [],
        )
