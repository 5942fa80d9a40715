"""The .xlsx import: all or nothing, every problem cell and row named, a dry run first."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from antq.festivals.models import FestivalSite
from antq.plans.models import Plan
from tests.festivals.factories import upload, workbook

pytestmark = pytest.mark.django_db


def test_import_dry_run_lists_every_problem_row_and_saves_nothing(
    api_as: Callable[[str], Client], commune_plan: Plan
) -> None:
    client = api_as("camlam.officer")
    before = FestivalSite.objects.count()
    data = workbook(
        [
            ["22453-0001", "", "20/07/2026", "07:30", "Nhà văn hóa thôn Tân Hải", "", "Hội nghị; Văn nghệ"],
            ["99999", "", "20/07/2026", "07:30", "Sân", "", ""],
            ["22453-0002", "", "02/09/2026", "07:30", "Sân", "", ""],
            ["22453-0003", "", "hôm qua", "25:00", "", "Bộ", "Bắn pháo hoa"],
        ]
    )
    result = upload(client, commune_plan, data, dry_run=False)
    assert not result["ok"] and result["created"] == 0
    problems = {(p["row"], p["field"]) for p in result["problems"]}
    assert (3, "unit") in problems and (4, "date") in problems
    assert {(5, "date"), (5, "start_time"), (5, "programme")} <= problems
    assert FestivalSite.objects.count() == before


def test_import_wrong_columns_is_refused_before_any_row(api_as: Callable[[str], Client], commune_plan: Plan) -> None:
    result = upload(api_as("camlam.officer"), commune_plan, workbook([["x"]], header=["Ma", "Ngay"]), dry_run=True)
    assert not result["ok"]
    messages = " ".join(p["message"] for p in result["problems"])
    assert "Mã đơn vị" in messages and "Địa điểm" in messages


def test_import_good_file_dry_run_then_for_real(api_as: Callable[[str], Client], commune_plan: Plan) -> None:
    client = api_as("camlam.officer")
    rows = [
        [f"22453-000{n}", "", "20/07/2026", "08:00", f"Nhà văn hóa {n}", "", "Hội nghị; Trò chơi dân gian"]
        for n in (1, 2, 3, 4)
    ]
    before = FestivalSite.objects.count()
    dry = upload(client, commune_plan, workbook(rows), dry_run=True)
    assert dry["ok"] and dry["created"] == 0 and FestivalSite.objects.count() == before
    real = upload(client, commune_plan, workbook(rows), dry_run=False)
    assert real["ok"] and real["created"] == 4
    site = FestivalSite.objects.get(pk=real["site_ids"][0])
    assert sorted(site.programme.values_list("item", flat=True)) == ["folk_games", "meeting"]
    assert site.commune.code == "22453"


def test_not_a_workbook(api_as: Callable[[str], Client], commune_plan: Plan) -> None:
    result = upload(api_as("camlam.officer"), commune_plan, b"PK\x03\x04 broken zip", dry_run=True)
    assert not result["ok"] and result["problems"][0]["field"] == "file"
