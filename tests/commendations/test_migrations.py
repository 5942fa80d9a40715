"""The app was `antq.honours` until issue 17. Its initial migration creates the tables on a fresh
database and adopts the former app's (`honours_*`, recorded under "honours") on an existing one:
renamed, every row kept, the old migration rows gone. Run in a scratch SQLite file by
`manage.py`, as an upgrade is."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODELS = ("commendationproposal", "commendationnominee", "commendationdecision", "proposalevent")

# Rows of every model through the ORM, then the database made to look as the former app left it.
FORMER_DATABASE = """
import datetime as dt
from django.db import connection
from antq.commendations.models import CommendationDecision, CommendationNominee, CommendationProposal, ProposalEvent
from antq.units.models import Unit

nation = Unit.objects.create(code="VN", name="Việt Nam", kind="nation", path="VN/", level=0)
province = Unit.objects.create(code="56", name="Khánh Hòa", kind="province", parent=nation, path="VN/56/", level=1)
Unit.objects.filter(pk=province.pk).update(province=province)
header = {"year": 2026, "authority_level": "ministry", "memo_symbol": "TTr-CAT", "issuing_body": "CA", "place": "KH"}
for n in range(3):
    proposal = CommendationProposal.objects.create(unit=province, province=province, title=f"Đề nghị {n}", **header)
    ProposalEvent.objects.create(proposal=proposal, action="create", state="draft", unit=province)
decision = CommendationDecision.objects.create(
    proposal=proposal, unit=nation, number="3125", symbol="QĐ-BCA", year=2026, decided_on=dt.date(2026, 8, 12),
    issuing_body="BỘ CÔNG AN", place="Hà Nội", signer_title="THỨ TRƯỞNG", signer_name="Trần Đức Hải",
)
CommendationNominee.objects.create(
    proposal=proposal, kind="individual", name="Trần Thị Mai", name_folded="tran thi mai", achievement="Tốt.",
    award_form="medal", year=2026, province=province, awarded=True, decision=decision,
)
with connection.cursor() as cursor:
    for model in ("commendationproposal", "commendationnominee", "commendationdecision", "proposalevent"):
        cursor.execute(f'ALTER TABLE "commendations_{model}" RENAME TO "honours_{model}"')
    cursor.execute("DELETE FROM django_migrations WHERE app = 'commendations'")
    for name in ("0001_initial", "0002_placed_keys"):
        cursor.execute("INSERT INTO django_migrations (app, name, applied) VALUES ('honours', %s, '2026-12')", [name])
    cursor.execute("UPDATE django_content_type SET app_label = 'honours' WHERE app_label = 'commendations'")
"""

READ_BACK = """
from antq.commendations.models import CommendationDecision, CommendationNominee, CommendationProposal, ProposalEvent
nominee = CommendationNominee.objects.select_related("decision__proposal").get()
print(CommendationProposal.objects.count(), ProposalEvent.objects.count(), CommendationDecision.objects.count(),
      nominee.decision.reference, nominee.decision.proposal.title)
"""


def manage(var: Path, *args: str) -> str:
    environment = {**os.environ, "ANTQ_VAR_DIR": str(var), "DATABASE_URL": ""}
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def rows(database: sqlite3.Connection, sql: str) -> list[tuple[object, ...]]:
    return database.execute(sql).fetchall()


@pytest.mark.slow
def test_a_database_of_the_former_app_keeps_its_commendations(tmp_path: Path) -> None:
    manage(tmp_path, "migrate", "commendations", "--no-input")  # a fresh database: the tables are created
    manage(tmp_path, "shell", "-v", "0", "-c", FORMER_DATABASE)
    database = sqlite3.connect(tmp_path / "antq.sqlite3")
    before = {model: rows(database, f'SELECT * FROM "honours_{model}" ORDER BY id') for model in MODELS}
    content_types = rows(database, "SELECT id, model FROM django_content_type WHERE app_label = 'honours' ORDER BY id")
    assert [len(before[m]) for m in MODELS] == [3, 1, 1, 3] and len(content_types) == 4
    database.close()

    manage(tmp_path, "migrate", "commendations", "--no-input")

    database = sqlite3.connect(tmp_path / "antq.sqlite3")
    tables = {name for (name,) in rows(database, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not {t for t in tables if t.startswith("honours_")}
    for model in MODELS:
        assert rows(database, f'SELECT * FROM "commendations_{model}" ORDER BY id') == before[model], model
    assert rows(database, "SELECT name FROM django_migrations WHERE app IN ('honours', 'commendations')") == [
        ("0001_initial",)
    ]
    moved = rows(database, "SELECT id, model FROM django_content_type WHERE app_label = 'commendations' ORDER BY id")
    assert moved == content_types
    indexes = {name for (name,) in rows(database, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"proposal_province_year", "nominee_once_per_form_and_year", "decision_decided_on"} <= indexes
    decisions = rows(database, "SELECT sql FROM sqlite_master WHERE name = 'commendations_commendationdecision'")
    assert "decision_number_unique" in str(decisions[0][0])
    database.close()
    assert manage(tmp_path, "shell", "-v", "0", "-c", READ_BACK).split() == "3 3 1 3125/QĐ-BCA Đề nghị 2".split()
