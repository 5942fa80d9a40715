"""What the export and import pages post."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from antq.reporting.files.exports import FORMAT_CHOICES, ROW_CHOICES
from antq.reporting.files.imports import MAX_UPLOAD_BYTES


class ExportForm(forms.Form):
    unit = forms.CharField(required=False)
    rows = forms.ChoiceField(choices=[(c, c) for c in ROW_CHOICES], required=False)
    figures = forms.ChoiceField(choices=[("all", "all"), ("approved", "approved")], required=False)
    format = forms.ChoiceField(choices=[(c, c) for c in FORMAT_CHOICES], required=False)

    def options(self) -> dict[str, Any]:
        """The export's options; what the page left out takes its default."""
        data = self.cleaned_data
        return {
            "unit_code": data["unit"] or None,
            "rows": data["rows"] or "children",
            "figures": data["figures"] or "all",
            "file_format": data["format"] or "xlsx",
        }


class ImportForm(forms.Form):
    """Step 1: the file to check (nothing is saved)."""

    file = forms.FileField(error_messages={"required": gettext_lazy("Choose the .xlsx or CSV file to check.")})

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(gettext_lazy("The file is larger than 20 MB; split it by province."))
        return upload


class ImportConfirmForm(forms.Form):
    """Step 3: import the file checked in step 1 (kept under `token`)."""

    token = forms.RegexField(regex=r"^[0-9a-f]+$")
    filename = forms.CharField(required=False)
