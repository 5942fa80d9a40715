from __future__ import annotations

from typing import Any

from django import forms


class UnitPickerWidget(forms.TextInput):
    """Type-ahead unit picker: searches the actor's units via htmx; the chosen code fills the box.

    Works without JavaScript too: the box simply takes a unit code.
    """

    template_name = "units/widgets/unit_picker.html"

    def __init__(self, kinds: list[str] | None = None, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.kinds = kinds or []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["kinds"] = self.kinds
        return context
