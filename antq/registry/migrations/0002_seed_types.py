from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    from antq.registry.initiatives.types.catalogue import seed_types

    seed_types(apps)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
