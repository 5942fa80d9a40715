"""What the report and period pages post. Figures are raw text ("1.250", "2,5"): the services
parse and check them against the catalogue, and their errors come back beside each figure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from antq.core.forms import VersionForm
from antq.reporting.reports.models import NARRATIVE_SECTIONS, Report
from antq.reporting.reports.services import PeriodDates, ReportText
from antq.reporting.values import Line

# The buttons of the report page; "save" when none is named.
REPORT_ACTIONS = ("open", "save", "submit", "refresh", "approve", "return", "narrative")
TEXT_FIELDS = (
    *NARRATIVE_SECTIONS,
    "doc_number",
    "doc_date",
    "signer_authority",
    "signer_title",
    "signer_name",
    "recipients",
)


class FiguresForm(forms.Form):
    """Figures posted as "v:<field>" (one box per line of the form or the site), so that a
    service's error keyed by the figure's field shows beside its box."""

    PREFIX = "v:"

    def __init__(self, *args: Any, lines: Sequence[Line], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A figure whose code is the name of another field keeps its errors at the top instead.
        self.figure_fields = [line.field for line in lines if line.field not in self.fields]
        for field in self.figure_fields:
            self.fields[field] = forms.CharField(required=False, strip=False)

    def add_prefix(self, field_name: str) -> str:
        return f"{self.PREFIX}{field_name}" if field_name in self.figure_fields else field_name

    # Set once the figures were saved (a submission refused after its save): they are not "unsaved".
    saved = False

    @property
    def has_figure_errors(self) -> bool:
        """Whether a figure was refused and nothing was saved: the page says so above the boxes."""
        return not self.saved and any(name in self.figure_fields for name in self.errors)

    def figures(self) -> dict[str, str]:
        """The figures as posted (only the boxes the page sent), raw."""
        return {k[len(self.PREFIX) :]: str(v) for k, v in self.data.items() if k.startswith(self.PREFIX)}


class ReportActionForm(FiguresForm):
    """The report page: `action` (the button pressed), the report's `version`, and what the action
    needs — the figures with their notes ("n:<field>") and the note to the level above, the
    communes named as missing, the reason for returning, the official report's text and header."""

    action = forms.ChoiceField(choices=[(a, a) for a in REPORT_ACTIONS], required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(required=False)
    fill_zero = forms.BooleanField(required=False)
    missing = forms.MultipleChoiceField(required=False)
    reason = forms.CharField(required=False, max_length=2000)
    situation = forms.CharField(required=False)
    results = forms.CharField(required=False)
    strengths = forms.CharField(required=False)
    shortcomings = forms.CharField(required=False)
    proposals = forms.CharField(required=False)
    doc_number = forms.CharField(required=False, max_length=20)
    doc_date = forms.DateField(required=False)
    signer_authority = forms.CharField(required=False, max_length=100)
    signer_title = forms.CharField(required=False, max_length=100)
    signer_name = forms.CharField(required=False, max_length=100)
    recipients = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args: Any, report: Report | None, waiting: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        self.fields["missing"].choices = [(u.code, u.name) for u in waiting]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["action"] = data.get("action") or "save"
        if data["action"] != "open" and self.report is None:
            raise forms.ValidationError(_("This unit has not started its report for the period."))
        data["version"] = data.get("version") or 0
        return data

    def notes(self) -> dict[str, str]:
        return {k[2:]: str(v) for k, v in self.data.items() if k.startswith("n:")}

    def sent_note(self) -> str | None:
        """The note to the level above, when the page sent it."""
        return self.cleaned_data["note"] if "note" in self.data else None

    def text(self, current: ReportText) -> ReportText:
        """The official report's text as it will be: what the page sent over what is stored."""
        return replace(current, **{name: self.cleaned_data[name] for name in TEXT_FIELDS if name in self.data})


class PeriodDatesForm(VersionForm):
    """The dates of a period the Ministry may move."""

    cutoff_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    commune_deadline = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    province_deadline = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    closes_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def to_input(self) -> PeriodDates:
        return PeriodDates(**{k: v for k, v in self.cleaned_data.items() if k != "version"})
