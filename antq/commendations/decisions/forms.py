"""The shape of a decision as the deciding level records it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from antq.commendations.decisions.services import HEADER_FIELDS, DecisionInput
from antq.commendations.proposals.forms import DATE, IssuerForm
from antq.commendations.proposals.models import CommendationNominee
from antq.core.forms import VersionForm


class DecisionForm(VersionForm, IssuerForm):
    number = forms.CharField(label=_("Decision number"), max_length=16, help_text=_("e.g. 3125"))
    symbol = forms.CharField(label=_("Symbol"), max_length=32)
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DATE)
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
    basis = forms.CharField(
        label=_("Basis (căn cứ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )
    recipients = forms.CharField(
        label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One per line.")
    )

    field_order = (
        "version",
        "number",
        "symbol",
        "decided_on",
        "signer_authority",
        "signer_title",
        "signer_name",
        "awarded",
        "festival_site",
        "reward",
        "parent_body",
        "issuing_body",
        "place",
        "basis",
        "recipients",
    )

    def __init__(
        self, *args: Any, nominees: Sequence[CommendationNominee], sites: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signer_title"].required = self.fields["signer_name"].required = True  # a decision is signed
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
            reward=data.get("reward") or "",
            festival_site_id=data.get("festival_site") or 0,  # 0: handed over at no site
            awarded_ids=data.get("awarded") or [],
            **{name: data.get(name) or "" for name in HEADER_FIELDS},
        )
