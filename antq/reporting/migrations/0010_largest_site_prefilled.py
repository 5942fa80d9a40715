"""The largest attendance at one site follows the sites' results (it was typed by hand)."""

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    Indicator = apps.get_model("reporting", "Indicator")
    Indicator.objects.filter(code="largest_site_participants", source="").update(source="site_largest")


def backwards(apps: Any, schema_editor: Any) -> None:
    Indicator = apps.get_model("reporting", "Indicator")
    Indicator.objects.filter(code="largest_site_participants", source="site_largest").update(source="")


class Migration(migrations.Migration):
    dependencies = [("reporting", "0009_prefill_sources_registered")]

    operations = [migrations.RunPython(forwards, backwards)]
