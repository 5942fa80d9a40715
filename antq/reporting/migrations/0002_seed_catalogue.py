from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from antq.reporting.catalogue.seed import seed_catalogue

    seed_catalogue(apps)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
