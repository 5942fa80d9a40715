"""Placed records follow their unit (antq.core.placement): every model that inherits `Placed` is
re-keyed when its unit's province and commune change, and every model that carries a province and
a commune is a `Placed` one (so a new one cannot be forgotten)."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import models

from antq.core.models import Placed
from antq.core.placement import PlaceChange, placed_models, placement_changed, rekey_placed
from antq.units.models import Unit

pytestmark = pytest.mark.django_db


def _unit_of(row: Any, lookup: str) -> Unit:
    for part in lookup.split("__"):
        row = getattr(row, part)
    return row  # type: ignore[no-any-return]


def test_every_model_with_province_and_commune_is_placed() -> None:
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields() if isinstance(f, models.ForeignKey)}
        if model is not Unit and {"province", "commune"} <= names:
            assert issubclass(model, Placed), f"{model._meta.label} carries province and commune but is not Placed"


def test_the_registry_holds_the_placed_models() -> None:
    labels = {m._meta.label for m in placed_models()}
    assert {
        "festivals.FestivalSite",
        "registry.Initiative",
        "registry.Exemplar",
        "registry.EmulationPledge",
        "plans.Plan",
        "reporting.Report",
        "reporting.ReportValue",
        "reporting.SiteResult",
    } <= labels


@pytest.mark.parametrize("model", placed_models(), ids=lambda m: m._meta.label)
def test_a_placed_model_follows_its_unit(model: type[Placed]) -> None:
    """A reform moves a unit to another province and commune (simulated on the unit's keys); every
    record kept at it takes the new keys, and the change is announced."""
    row = model._base_manager.exclude(province=None).order_by("pk").first()
    assert row is not None, f"the demo data holds no {model._meta.label}; add one so re-keying is tested"
    unit = _unit_of(row, model.placed_by)
    code = "22453" if unit.commune is None or unit.commune.code != "22453" else "18073"
    target = Unit.objects.get(code=code)  # Xã Cam Lâm (Khánh Hòa) or Phường Thành Sen (Hà Tĩnh)
    assert (unit.province_id, unit.commune_id) != (target.province_id, target.commune_id)
    Unit.objects.filter(pk=unit.pk).update(province=target.province_id, commune=target.commune_id)
    unit.refresh_from_db()
    heard: list[set[PlaceChange]] = []

    def listen(sender: object, changes: set[PlaceChange], **kwargs: object) -> None:
        heard.append(changes)

    placement_changed.connect(listen)
    try:
        rekey_placed([unit])
    finally:
        placement_changed.disconnect(listen)
    kept = model._base_manager.filter(**{model.placed_by: unit})
    assert kept.exists()
    assert set(kept.values_list("province_id", "commune_id").distinct()) == {(target.province_id, target.commune_id)}
    assert any(c.model is model and c.after == (target.province_id, target.commune_id) for c in heard[0])
