"""Form pieces every domain shares."""

from __future__ import annotations

import re
from typing import Any

from django import forms


class VersionForm(forms.Form):
    """The hidden version of a record, sent back with an action on it (a stale one is refused)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class YearField(forms.IntegerField):
    """A year: never grouped ("2026", not "2.026") in its box, and a grouped year that an older
    link or a paste carries ("2.026", "2 026") is still read as the year it means."""

    def __init__(self, *, min_value: int = 2000, max_value: int = 2100, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.NumberInput(attrs={"inputmode": "numeric"}))
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str) and re.fullmatch(r"\s*\d{1,3}([. \u00a0,]\d{3})\s*", value):
            value = re.sub(r"\D", "", value)
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value
