"""Commendations' tables: created on a fresh database, adopted on one that has the former app's.

Until issue 17 this app was `antq.honours`: its tables were `honours_*` and its migrations were
recorded under "honours". The state below is the models' (the CreateModel operations, applied to
the state only); `create_or_adopt` then makes the database match it:

- a fresh database: it creates the four tables with their indexes and constraints;
- a database with the former app's tables: it renames them to `commendations_*` through the schema
  editor (ALTER TABLE ... RENAME TO ...: rows, foreign keys, indexes and constraints go with them;
  the explicit index and constraint names do not name the table, so they stay as they are), points
  the former app's content types at this app and removes the "honours" rows of django_migrations.
  Nothing is copied, so nothing can be lost.

The indexes and constraints Django named after the table (those of the foreign keys) and, on
PostgreSQL, the id sequences keep their `honours_` names on an adopted database: nothing reads them
by name (Django finds a column's constraints by introspection).
"""

from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.recorder import MigrationRecorder
from django.db.migrations.state import StateApps
import django.db.models.deletion

FORMER_LABEL = "honours"
# Creation order: a table before the tables that refer to it.
MODELS = ("CommendationProposal", "CommendationDecision", "CommendationNominee", "ProposalEvent")


def _former_table(model: type[models.Model]) -> str:
    return f"{FORMER_LABEL}_{model._meta.model_name}"


def create_or_adopt(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    connection = schema_editor.connection
    models_ = [apps.get_model("commendations", name) for name in MODELS]
    tables = set(connection.introspection.table_names())
    former = [_former_table(model) for model in models_ if _former_table(model) in tables]
    if not former:
        for model in models_:
            schema_editor.create_model(model)
        return
    if len(former) != len(models_):
        missing = sorted({_former_table(m) for m in models_} - set(former))
        raise RuntimeError(f"Only some of the former commendations tables exist (missing: {', '.join(missing)})")
    for model in models_:
        schema_editor.alter_db_table(model, _former_table(model), model._meta.db_table)
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(connection.alias)
    if not content_types.filter(app_label="commendations").exists():
        content_types.filter(app_label=FORMER_LABEL).update(app_label="commendations")
    MigrationRecorder(connection).migration_qs.filter(app=FORMER_LABEL).delete()


def drop_tables(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for name in reversed(MODELS):
        schema_editor.delete_model(apps.get_model("commendations", name))


STATE = [
    migrations.CreateModel(
        name='CommendationDecision',
        fields=[
            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ('version', models.PositiveIntegerField(default=1)),
            ('number', models.CharField(max_length=16, verbose_name='number')),
            ('symbol', models.CharField(max_length=32, verbose_name='symbol')),
            ('year', models.PositiveSmallIntegerField(verbose_name='year of the decision')),
            ('decided_on', models.DateField(verbose_name='date of the decision')),
            ('parent_body', models.CharField(blank=True, max_length=200, verbose_name='parent body')),
            ('issuing_body', models.CharField(max_length=200, verbose_name='issuing body')),
            ('place', models.CharField(max_length=100, verbose_name='place')),
            ('signer_authority', models.CharField(blank=True, max_length=100, verbose_name='signing authority')),
            ('signer_title', models.CharField(max_length=100, verbose_name="signer's title")),
            ('signer_name', models.CharField(max_length=150, verbose_name='signer')),
            ('basis', models.TextField(blank=True, verbose_name='basis')),
            ('reward', models.TextField(blank=True, verbose_name='reward')),
            ('recipients', models.TextField(blank=True, verbose_name='recipients')),
            ('created_at', models.DateTimeField(auto_now_add=True)),
            ('updated_at', models.DateTimeField(auto_now=True)),
            ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ('festival_site', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='festivals.festivalsite', verbose_name='festival site where awards are handed over')),
            ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit', verbose_name='deciding unit')),
        ],
        options={
            'verbose_name': 'commendation decision',
            'verbose_name_plural': 'commendation decisions',
            'ordering': ['-decided_on', '-id'],
        },
    ),
    migrations.CreateModel(
        name='CommendationProposal',
        fields=[
            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ('version', models.PositiveIntegerField(default=1)),
            ('year', models.PositiveSmallIntegerField(verbose_name='year of the achievements')),
            ('title', models.CharField(max_length=500, verbose_name='title')),
            ('authority_level', models.CharField(choices=[('commune', 'Commune'), ('province', 'Province'), ('ministry', 'Ministry'), ('government', 'Government (Prime Minister)')], max_length=16, verbose_name='authority asked')),
            ('reasons', models.TextField(blank=True, verbose_name='reasons and achievements')),
            ('memo_number', models.CharField(blank=True, max_length=16, verbose_name='memo number')),
            ('memo_symbol', models.CharField(max_length=32, verbose_name='memo symbol')),
            ('parent_body', models.CharField(blank=True, max_length=200, verbose_name='parent body')),
            ('issuing_body', models.CharField(max_length=200, verbose_name='issuing body')),
            ('place', models.CharField(max_length=100, verbose_name='place')),
            ('signer_authority', models.CharField(blank=True, max_length=100, verbose_name='signing authority')),
            ('signer_title', models.CharField(blank=True, max_length=100, verbose_name="signer's title")),
            ('signer_name', models.CharField(blank=True, max_length=150, verbose_name='signer')),
            ('recipients', models.TextField(blank=True, verbose_name='recipients')),
            ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('forwarded', 'Forwarded to the Ministry'), ('decided', 'Decided'), ('returned', 'Returned'), ('withdrawn', 'Withdrawn')], default='draft', max_length=16, verbose_name='state')),
            ('submitted_on', models.DateField(blank=True, null=True, verbose_name='date of the memo')),
            ('submitted_at', models.DateTimeField(blank=True, null=True)),
            ('forwarded_at', models.DateTimeField(blank=True, null=True)),
            ('decided_at', models.DateTimeField(blank=True, null=True)),
            ('returned_at', models.DateTimeField(blank=True, null=True)),
            ('return_reason', models.TextField(blank=True, verbose_name='reason for returning')),
            ('withdrawn_at', models.DateTimeField(blank=True, null=True)),
            ('created_at', models.DateTimeField(auto_now_add=True)),
            ('updated_at', models.DateTimeField(auto_now=True)),
            ('commune', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit', verbose_name='commune')),
            ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ('festival_site', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='festivals.festivalsite', verbose_name='festival site where awards are handed over')),
            ('forwarded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ('province', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit', verbose_name='province')),
            ('returned_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ('returned_by_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit')),
            ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='commendation_proposals', to='units.unit', verbose_name='proposing unit')),
            ('withdrawn_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
        ],
        options={
            'verbose_name': 'commendation proposal',
            'verbose_name_plural': 'commendation proposals',
            'ordering': ['-year', '-created_at', '-id'],
        },
    ),
    migrations.CreateModel(
        name='CommendationNominee',
        fields=[
            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ('row', models.PositiveSmallIntegerField(default=0)),
            ('kind', models.CharField(choices=[('collective', 'Collective'), ('individual', 'Individual')], max_length=16, verbose_name='collective or individual')),
            ('name', models.CharField(max_length=300, verbose_name='name')),
            ('name_folded', models.CharField(editable=False, max_length=300)),
            ('position', models.CharField(blank=True, max_length=300, verbose_name='position')),
            ('organisation', models.CharField(blank=True, max_length=300, verbose_name='unit or organisation')),
            ('achievement', models.TextField(verbose_name='summary of achievements')),
            ('award_form', models.CharField(choices=[('certificate_of_commendation', 'Certificate of commendation'), ('certificate_of_merit', 'Certificate of merit'), ('medal', 'Medal “For national security”'), ('emulation_flag', 'Emulation flag')], max_length=32, verbose_name='form of commendation')),
            ('year', models.PositiveSmallIntegerField(verbose_name='year')),
            ('active', models.BooleanField(default=True)),
            ('awarded', models.BooleanField(default=False, verbose_name='awarded')),
            ('commune', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit', verbose_name='commune')),
            ('decision', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='nominees', to='commendations.commendationdecision')),
            ('province', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit', verbose_name='province')),
            ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='nominees', to='commendations.commendationproposal')),
        ],
        options={
            'verbose_name': 'nominee',
            'verbose_name_plural': 'nominees',
            'ordering': ['proposal', 'row', 'id'],
        },
    ),
    migrations.AddField(
        model_name='commendationdecision',
        name='proposal',
        field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='commendations.commendationproposal'),
    ),
    migrations.CreateModel(
        name='ProposalEvent',
        fields=[
            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ('action', models.CharField(max_length=16)),
            ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('forwarded', 'Forwarded to the Ministry'), ('decided', 'Decided'), ('returned', 'Returned'), ('withdrawn', 'Withdrawn')], max_length=16)),
            ('actor_label', models.CharField(blank=True, max_length=150)),
            ('note', models.TextField(blank=True)),
            ('at', models.DateTimeField(auto_now_add=True)),
            ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='commendations.commendationproposal')),
            ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit')),
        ],
        options={
            'verbose_name': 'proposal event',
            'ordering': ['at', 'id'],
        },
    ),
    migrations.AddIndex(
        model_name='commendationproposal',
        index=models.Index(fields=['province', 'year', 'state'], name='proposal_province_year'),
    ),
    migrations.AddIndex(
        model_name='commendationproposal',
        index=models.Index(fields=['commune', 'year', 'state'], name='proposal_commune_year'),
    ),
    migrations.AddIndex(
        model_name='commendationproposal',
        index=models.Index(fields=['state', 'year'], name='proposal_state_year'),
    ),
    migrations.AddConstraint(
        model_name='commendationproposal',
        constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'returned'), _negated=True), models.Q(('return_reason', ''), _negated=True), _connector='OR'), name='proposal_returned_has_reason'),
    ),
    migrations.AddIndex(
        model_name='commendationnominee',
        index=models.Index(fields=['commune', 'year'], name='nominee_commune_year'),
    ),
    migrations.AddIndex(
        model_name='commendationnominee',
        index=models.Index(fields=['province', 'year'], name='nominee_province_year'),
    ),
    migrations.AddConstraint(
        model_name='commendationnominee',
        constraint=models.UniqueConstraint(condition=models.Q(('active', True)), fields=('province', 'year', 'award_form', 'kind', 'name_folded'), name='nominee_once_per_form_and_year'),
    ),
    migrations.AddIndex(
        model_name='commendationdecision',
        index=models.Index(fields=['decided_on'], name='decision_decided_on'),
    ),
    migrations.AddConstraint(
        model_name='commendationdecision',
        constraint=models.UniqueConstraint(fields=('unit', 'year', 'number', 'symbol'), name='decision_number_unique'),
    ),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("festivals", "0003_placed_keys"),
        ("units", "0003_province_listing_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE),
        migrations.RunPython(create_or_adopt, drop_tables),
    ]
