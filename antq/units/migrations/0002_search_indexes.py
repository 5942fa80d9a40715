"""Indexes for unit search (`search_text LIKE '%query%'`), one per engine.

PostgreSQL: a trigram GIN index (pg_trgm) answers infix LIKE without reading the table.
SQLite: a covering index lets the match and the count scan a narrow index instead of the table.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS unit_search_trgm ON units_unit USING gin (search_text gin_trgm_ops)"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS unit_search_cover ON units_unit "
            "(closed_on, search_text, path, search_short, level, code)"
        )


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    schema_editor.execute("DROP INDEX IF EXISTS unit_search_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS unit_search_cover")


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
