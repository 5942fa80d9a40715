from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from antq.accounts.services import AccountInput
from antq.core.actor import Role
from antq.units.widgets import UnitPickerWidget


class OtpForm(forms.Form):
    token = forms.CharField(
        label=_("6-digit code"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class AccountCreateForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=64)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    home_unit = forms.CharField(
        label=_("Unit"),
        max_length=32,
        widget=UnitPickerWidget(),
        help_text=_("Type to search; the account belongs to this unit."),
    )
    role = forms.ChoiceField(label=_("Role at that unit"), choices=Role.choices)
    password = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput, max_length=128)

    def to_input(self) -> AccountInput:
        data = dict(self.cleaned_data)
        return AccountInput(home_unit_code=data.pop("home_unit"), **data)


class AccountEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False)


class RoleGrantForm(forms.Form):
    unit = forms.CharField(label=_("Unit"), max_length=32, widget=UnitPickerWidget())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class PasswordSetForm(forms.Form):
    password = forms.CharField(label=_("New password"), widget=forms.PasswordInput, max_length=128)


class TokenCreateForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=366, initial=90)
