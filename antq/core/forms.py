"""Form pieces every domain shares."""

from __future__ import annotations

from django import forms


class VersionForm(forms.Form):
    """The hidden version of a record, sent back with an action on it (a stale one is refused)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
