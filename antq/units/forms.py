from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from antq.core.actor import Actor
from antq.units.models import CREATABLE_UNDER, KEY_AREA_FLAGS, UnitKind
from antq.units.selectors import units_named
from antq.units.widgets import UnitPickerWidget

CREATABLE_KIND_CHOICES = [(k.value, k.label) for k in UnitKind if k.value in CREATABLE_UNDER]


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    province = forms.CharField(label=_("Province code"), required=False, max_length=32)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *UnitKind.choices])
    include_historical = forms.BooleanField(label=_("Include historical units"), required=False)


class UnitCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CREATABLE_KIND_CHOICES)
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), max_length=200, required=False)
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        required=False,
        help_text=_("Leave empty to generate one from the parent's code."),
    )
    latitude = forms.FloatField(label=_("Latitude"), required=False)
    longitude = forms.FloatField(label=_("Longitude"), required=False)
    is_border = forms.BooleanField(label=_("Border area"), required=False)
    is_ethnic_minority = forms.BooleanField(label=_("Ethnic-minority area"), required=False)
    is_religious = forms.BooleanField(label=_("Religious area"), required=False)
    is_industrial_zone = forms.BooleanField(label=_("Industrial zone"), required=False)
    is_university = forms.BooleanField(label=_("University area"), required=False)


class UnitEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), max_length=200, required=False)
    latitude = forms.FloatField(label=_("Latitude"), required=False)
    longitude = forms.FloatField(label=_("Longitude"), required=False)
    is_border = forms.BooleanField(label=_("Border area"), required=False)
    is_ethnic_minority = forms.BooleanField(label=_("Ethnic-minority area"), required=False)
    is_religious = forms.BooleanField(label=_("Religious area"), required=False)
    is_industrial_zone = forms.BooleanField(label=_("Industrial zone"), required=False)
    is_university = forms.BooleanField(label=_("University area"), required=False)

    def __init__(self, *args: object, official_fields_editable: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not official_fields_editable:
            for name in ("name", "short_name", "latitude", "longitude"):
                self.fields[name].disabled = True


class UnitMoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    new_parent = forms.CharField(label=_("New parent"), max_length=32, widget=UnitPickerWidget())


class UnitCloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    successor = forms.CharField(label=_("Successor"), max_length=32, widget=UnitPickerWidget())
    closed_on = forms.DateField(label=_("Closed on"), required=False)


FLAG_FIELDS = KEY_AREA_FLAGS


class UnitField(forms.CharField):
    """A unit box: the picker lists units as one types, and the box takes a unit's code or its
    full name with or without diacritics. A name is turned into the code when it names exactly one
    unit the actor may choose (`UnitFieldsForm` gives the field its actor); otherwise the field says
    why. What reaches the service is always the text to look up by code."""

    def __init__(self, *, kinds: Iterable[str] | None = None, **kwargs: Any) -> None:
        self.kinds = sorted(kinds or [])
        kwargs.setdefault("max_length", 200)
        super().__init__(widget=UnitPickerWidget(kinds=self.kinds), **kwargs)
        self.actor: Actor | None = None

    def clean(self, value: Any) -> str:
        text: str = super().clean(value)
        if not text or self.actor is None:
            return text
        found = units_named(actor=self.actor, text=text, kinds=self.kinds)
        if len(found) == 1:
            return found[0].code
        if len(found) > 1:
            names = "; ".join(f"{u.name} ({u.code}{', ' + u.parent.name if u.parent else ''})" for u in found[:5])
            raise forms.ValidationError(
                _("Several units are called “%(text)s”: %(names)s. Choose one from the list or type its code.")
                % {"text": text, "names": names}
            )
        return text  # the service names it: does not exist or is outside your area


class UnitFieldsForm(forms.Form):
    """A form with `UnitField`s: pass `actor=` so typed names are found in the actor's area."""

    def __init__(self, *args: Any, actor: Actor | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, UnitField):
                field.actor = actor
