from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from antq.registry.initiatives.types.models import InitiativeType
from antq.registry.initiatives.types.services import InitiativeTypeInput, MeasureInput


class TypeForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=32, help_text=_("e.g. camera; cannot be changed later."))
    name = forms.CharField(label=_("Name (Vietnamese)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(
        label=_("Counts recorded"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: code | Vietnamese name | English name, e.g. cameras | Số camera | Cameras"),
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, editing: InitiativeType | None = None, **kwargs: Any) -> None:
        """`editing`: the type being edited (its values are the initial ones; its code is fixed)."""
        if editing is not None:
            kwargs["initial"] = {
                "code": editing.code,
                "name": editing.name,
                "name_en": editing.name_en,
                "description": editing.description,
                "measures": "\n".join(f"{m['code']} | {m['name']} | {m.get('name_en', '')}" for m in editing.measures),
                "is_active": editing.is_active,
                "version": editing.version,
            }
        super().__init__(*args, **kwargs)
        self.fields["code"].disabled = editing is not None

    def measures_list(self) -> tuple[MeasureInput, ...]:
        rows = []
        for line in (self.cleaned_data.get("measures") or "").splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", ""]
            rows.append(MeasureInput(code=parts[0], name=parts[1], name_en=parts[2]))
        return tuple(rows)

    def to_input(self) -> InitiativeTypeInput:
        data = self.cleaned_data
        return InitiativeTypeInput(
            name=data["name"],
            name_en=data.get("name_en") or "",
            description=data.get("description") or "",
            measures=self.measures_list(),
            is_active=bool(data.get("is_active")),
        )
