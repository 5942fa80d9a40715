from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.forms import YearField
from antq.festivals.models import FestivalSite
from antq.registry.permissions import RECORD_KINDS
from antq.registry.pledges.models import EmulationPledge
from antq.registry.pledges.selectors import PledgeFilter
from antq.registry.pledges.services import PledgeInput
from antq.units.forms import UnitField, UnitFieldsForm
from antq.units.models import Unit
from antq.units.widgets import UnitPickerWidget

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FORM_FIELDS = ("unit", "signed_on", "title", "content", "parties", "households", "festival_site", "version")


class AnyCodesField(forms.MultipleChoiceField):
    """Checkboxes whose values the service checks (with a message naming what is wrong), so a
    choice made for another unit is not refused with a bare "not one of the choices"."""

    def valid_value(self, value: str) -> bool:
        return True


class AnySiteField(forms.TypedChoiceField):
    """A site choice the service checks (area, day, cancelled), for the same reason."""

    def valid_value(self, value: str) -> bool:
        return True


class PledgeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = YearField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    unit = forms.CharField(label=_("Unit (and below)"), required=False, max_length=32, widget=UnitPickerWidget())
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)
    festival_site = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def to_filter(self) -> PledgeFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return PledgeFilter(
            year=data.get("year"),
            unit_code=(data.get("unit") or "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            festival_site_id=data.get("festival_site"),
            query=data.get("q") or "",
        )


class PledgeForm(UnitFieldsForm):
    """The pledge form. The signing units and festival sites offered depend on the chosen unit:
    the view passes them in (`party_units`, `sites`) for the unit the form was sent with."""

    unit = UnitField(
        label=_("Unit"),
        kinds=RECORD_KINDS,
        help_text=_("Whose area signs the pledge: usually the commune; a village or an organisation for its own."),
    )
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=300)
    content = forms.CharField(
        label=_("Content"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the parties pledge to do."),
    )
    party_units = AnyCodesField(label=_("Signing units"), required=False, widget=forms.CheckboxSelectMultiple)
    parties = forms.CharField(
        label=_("Other parties"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Signing parties that are not units, e.g. “Ủy ban MTTQ xã, Hội Cựu chiến binh, Đoàn Thanh niên”."),
    )
    households = forms.IntegerField(
        label=_("Households pledging"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    festival_site = AnySiteField(
        label=_("Festival site where signed"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("If it was signed at a festival site, the date must be the site's day."),
    )

    def __init__(
        self,
        *args: Any,
        party_units: Sequence[Unit] = (),
        sites: Sequence[FestivalSite] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party_units"].choices = [(u.code, u.name) for u in party_units]  # type: ignore[attr-defined]
        self.fields["festival_site"].choices = [  # type: ignore[attr-defined]
            ("", _("— not at a festival site —")),
            *[(s.pk, f"{timezone.localtime(s.starts_at):%d/%m/%Y} · {s.name} · {s.venue}") for s in sites],
        ]

    @staticmethod
    def initial_of(pledge: EmulationPledge) -> dict[str, Any]:
        return {
            "unit": pledge.unit.code,
            "signed_on": pledge.signed_on,
            "title": pledge.title,
            "content": pledge.content,
            "parties": pledge.parties,
            "party_units": [u.code for u in pledge.party_units.all()],
            "households": pledge.households,
            "festival_site": pledge.festival_site_id,
            "version": pledge.version,
        }

    @staticmethod
    def posted_as_initial(data: Any) -> dict[str, Any]:
        """The sent values as the initial values of an unbound form (a refresh shows no errors)."""
        initial: dict[str, Any] = {k: data.get(k) for k in FORM_FIELDS if data.get(k) is not None}
        initial["party_units"] = data.getlist("party_units")
        return initial

    def to_input(self) -> PledgeInput:
        data = self.cleaned_data
        return PledgeInput(
            unit_code=data["unit"],
            signed_on=data.get("signed_on"),
            title=data["title"],
            content=data["content"],
            parties=data.get("parties") or "",
            party_unit_codes=tuple(data.get("party_units") or ()),
            households=data.get("households"),
            festival_site_id=data.get("festival_site"),
        )


class PledgeEditForm(PledgeForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
