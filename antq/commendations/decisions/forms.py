"""The shape of a decision as the deciding level records it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from antq.commendations.decisions.services import DecisionInput
from antq.commendations.proposals.forms import DATE
from antq.commendations.proposals.models import CommendationNominee
from antq.core.forms import VersionForm


class DecisionForm(VersionForm):
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

    def __init__(
        self,
        *args: Any,
        nominees: Sequence[CommendationNominee],
        sites: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["awarded"].choices = [  # type: ignore[attr-defined]
            (n.pk, f"{n.name} — {n.get_award_form_display()}") for n in nominees
        ]
        self.fields["festival_site"].choices = [(0, "—"), *sites]  # type: ignore[attr-defined]

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
