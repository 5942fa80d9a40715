"""Keeping placed records where their unit is (DESIGN.md section 3: "a reform is a bounded
re-keying of facts").

Every concrete model that inherits `antq.core.models.Placed` carries the province and commune of
the unit it is kept at. When units are moved, merged or closed, the units services update the
units' own keys and then call `rekey_placed(units)` in the same transaction: each placed model's
rows kept at those units take the units' new keys in one UPDATE per (province, commune), and
`placement_changed` tells the apps that keep figures derived from places (reporting's draft
reports) which places lost or gained records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.dispatch import Signal

from antq.core.models import Placed, placement

Place = tuple[int | None, int | None]  # (province id, commune id)

# Sent inside the transaction after a re-keying that moved records: `changes` is a set of
# `PlaceChange` (the place records left, the place they went to, the models concerned).
placement_changed = Signal()


@dataclass(frozen=True)
class PlaceChange:
    before: Place
    after: Place
    model: type[Placed]


def placed_models() -> list[type[Placed]]:
    """Every concrete model kept at a unit, in a fixed order."""
    found = [m for m in apps.get_models() if issubclass(m, Placed)]
    return sorted(found, key=lambda m: m._meta.label)


def rekey_placed(units: Iterable[Any]) -> set[PlaceChange]:
    """Give every placed record kept at one of `units` the unit's current (province, commune).
    Bounded: one UPDATE per model and distinct place, through the index on the unit key."""
    by_place: dict[Place, list[int]] = {}
    for unit in units:
        by_place.setdefault(placement(unit), []).append(unit.pk)
    changes: set[PlaceChange] = set()
    for model in placed_models():
        for (province_id, commune_id), unit_ids in by_place.items():
            rows = model._base_manager.filter(**{f"{model.placed_by}__in": unit_ids}).exclude(
                province_id=province_id, commune_id=commune_id
            )
            before = set(rows.values_list("province_id", "commune_id").distinct())
            if not before:
                continue
            rows.update(province_id=province_id, commune_id=commune_id)
            changes.update(PlaceChange(old, (province_id, commune_id), model) for old in before)
    if changes:
        placement_changed.send(sender=Placed, changes=changes)
    return changes
