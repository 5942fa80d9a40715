"""The shape of what officers enter about proposals: the list filters, the proposal with its list
(rows added on the page, no script needed), and the actions on the proposal's page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from antq.commendations.proposals.checks import HEADER_TEXTS
from antq.commendations.proposals.models import AuthorityLevel, AwardForm, NomineeKind, ProposalState
from antq.commendations.proposals.nominees import MAX_NOMINEES
from antq.commendations.proposals.selectors import ProposalFilter
from antq.commendations.proposals.services import NomineeInput, ProposalInput
from antq.core.forms import VersionForm, YearField
from antq.units.widgets import UnitPickerWidget

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOMINEE_FIELDS = ("kind", "name", "position", "organisation", "achievement", "award_form")
PREFIX = "nominees"
ROWS_ADDED = 3


class ProposalFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = YearField(label=_("Year"), required=False, min_value=2005, max_value=2100)
    unit = forms.CharField(label=_("Unit (and below)"), required=False, max_length=32, widget=UnitPickerWidget())
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All states")), *ProposalState.choices])
    award_form = forms.ChoiceField(
        label=_("Form of commendation"), required=False, choices=[("", _("All forms")), *AwardForm.choices]
    )
    kind = forms.ChoiceField(
        label=_("Collective or individual"), required=False, choices=[("", _("Both")), *NomineeKind.choices]
    )

    def to_filter(self) -> ProposalFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return ProposalFilter(
            year=data.get("year"),
            state=data.get("state") or "",
            unit_code=(data.get("unit") or "").strip(),
            award_form=data.get("award_form") or "",
            kind=data.get("kind") or "",
            query=data.get("q") or "",
        )


class IssuerForm(forms.Form):
    """Who issues a memo or a decision and who signs it (the header's and signature's lines)."""

    parent_body = forms.CharField(label=_("Parent body (top left)"), max_length=200, required=False)
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=200)
    place = forms.CharField(label=_("Place of issue"), max_length=100)
    signer_authority = forms.CharField(label=_("Signing authority"), max_length=100, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Signer"), max_length=150, required=False)


class ProposalForm(IssuerForm):
    """A proposal's content; the nominees come from `NomineeFormSet` beside it."""

    unit = forms.ChoiceField(label=_("Proposing unit"))
    year = YearField(label=_("Year of the achievements"), min_value=2005, max_value=2100)
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
    recipients = forms.CharField(
        label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("One per line.")
    )

    HEADER = ("memo_number", "memo_symbol", *HEADER_TEXTS, "recipients")

    def __init__(self, *args: Any, units: list[tuple[str, str]], sites: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units  # type: ignore[attr-defined]
        self.fields["festival_site"].choices = [("", "—"), *sites]  # type: ignore[attr-defined]

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
            nominees=tuple(nominees),
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
        return NomineeInput(**{name: data.get(name) or "" for name in NOMINEE_FIELDS})


NomineeFormSet: type[BaseFormSet[NomineeForm]] = formset_factory(NomineeForm, extra=0, max_num=MAX_NOMINEES)


class ProposalWithList:
    """The proposal form and its list as the one form a page submits: valid when both are and the
    officer did not only ask for more rows. A service's error `nominees.<i>.<field>` is shown
    beside that field of the i-th filled row (empty rows are left out of the list sent)."""

    def __init__(
        self,
        post: QueryDict | None,
        *,
        form_class: type[ProposalForm],
        initial: dict[str, Any],
        rows: list[dict[str, Any]],
        units: list[tuple[str, str]],
        sites: list[tuple[int, str]],
    ) -> None:
        self.adding = post is not None and "add_rows" in post
        if post is None:
            self.form = form_class(None, initial=initial, units=units, sites=sites)
            self.formset = NomineeFormSet(initial=[*rows, {}], prefix=PREFIX)
        elif self.adding:
            # Unbound, keeping what was typed, so no "required" errors show before the officer saves.
            self.form = form_class(None, initial={**initial, **post.dict()}, units=units, sites=sites)
            data = post.copy()
            total = int(data.get(f"{PREFIX}-TOTAL_FORMS") or 0)
            data[f"{PREFIX}-TOTAL_FORMS"] = str(min(total + ROWS_ADDED, MAX_NOMINEES))
            self.formset = NomineeFormSet(data, prefix=PREFIX)
        else:
            self.form = form_class(post, initial=initial, units=units, sites=sites)
            self.formset = NomineeFormSet(post, prefix=PREFIX)

    def is_valid(self) -> bool:
        return not self.adding and self.form.is_valid() and self.formset.is_valid()

    def _filled(self) -> list[NomineeForm]:
        return [row for row in self.formset.forms if not row.is_blank()]

    @property
    def fields(self) -> set[str]:
        """Where an error can be shown beside its field."""
        rows = {f"nominees.{i}.{name}" for i in range(len(self._filled())) for name in NOMINEE_FIELDS}
        return set(self.form.fields) | rows

    def add_error(self, field: str | None, message: str) -> None:
        parts = (field or "").split(".")
        if len(parts) == 3 and parts[0] == PREFIX:
            self._filled()[int(parts[1])].add_error(parts[2], message)
        else:
            self.form.add_error(field, message)

    def to_input(self) -> ProposalInput:
        return self.form.to_input([row.to_input() for row in self._filled()])


class SubmitForm(VersionForm):
    submitted_on = forms.DateField(label=_("Date of the signed memo"), required=False, widget=DATE)
    memo_number = forms.CharField(label=_("Memo number"), max_length=16, required=False)

    def arguments(self) -> dict[str, Any]:
        """What `proposal_submit` takes (a number left empty keeps the one entered before)."""
        data = self.cleaned_data
        return {**data, "memo_number": data["memo_number"] or None}


class NoteForm(VersionForm):
    """Forwarding, with an optional note."""

    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def arguments(self) -> dict[str, Any]:
        return {"version": self.cleaned_data["version"], "note": self.cleaned_data["note"]}


class WithdrawForm(NoteForm):
    """Withdrawing, with an optional reason (the page's note)."""

    def arguments(self) -> dict[str, Any]:
        return {"version": self.cleaned_data["version"], "reason": self.cleaned_data["note"]}


class ReturnForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason for returning"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("The proposing unit sees it and corrects the proposal."),
    )
