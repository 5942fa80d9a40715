"""Loading the official unit tree from antq/units/data/ (built by scripts/build_unit_data.py).

Idempotent: codes are the keys. A second run creates what is missing and refreshes official names,
kinds and centroids; it never touches villages, organisations, key-area flags set by officers, or
anything recorded against units. Runs in one transaction: a bad file changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from antq.units.models import NATION_CODE, Unit, UnitKind
from antq.units.services import unit_fill_derived

DATA_DIR = Path(__file__).resolve().parent / "data"
CURRENT_FILE = DATA_DIR / "units_2025.csv"
LEGACY_FILE = DATA_DIR / "units_legacy.csv"
REFORM_DATE = dt.date(2025, 7, 1)
OFFICIAL_FIELDS = ("name", "short_name", "kind", "latitude", "longitude", "area_km2")


class UnitDataError(Exception):
    pass


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)


def _float(value: str) -> float | None:
    return float(value) if value not in ("", None) else None


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def units_load(*, include_legacy: bool = True) -> LoadReport:
    report = LoadReport()
    current_rows = _read(CURRENT_FILE)
    legacy_rows = _read(LEGACY_FILE) if include_legacy else []
    valid_kinds = set(UnitKind.values)
    for row in current_rows + legacy_rows:
        if row["kind"] not in valid_kinds:
            raise UnitDataError(f"{row['code']}: unknown kind {row['kind']!r}")

    with transaction.atomic():
        existing = {u.code: u for u in Unit.objects.filter(level__lte=3).exclude(kind__in=_LOCAL)}
        nation = existing.get(NATION_CODE)
        if nation is None:
            nation = Unit(code=NATION_CODE, name="Việt Nam", short_name="Việt Nam", kind=UnitKind.NATION)
            nation.latitude, nation.longitude = 16.0, 106.0
            unit_fill_derived(nation)
            nation.save()
            report.created += 1
            existing[NATION_CODE] = nation

        for rows, closed in ((current_rows, False), (legacy_rows, True)):
            rows = sorted(rows, key=lambda r: (0 if r["parent_code"] == NATION_CODE else 1, len(r["code"]), r["code"]))
            to_create: list[Unit] = []
            to_update: list[Unit] = []
            relinked: list[Unit] = []
            for row in rows:
                parent = existing.get(row["parent_code"])
                if parent is None:
                    raise UnitDataError(f"{row['code']}: parent {row['parent_code']} is missing")
                values = {
                    "name": row["name"],
                    "short_name": row["short_name"],
                    "kind": row["kind"],
                    "latitude": _float(row["latitude"]),
                    "longitude": _float(row["longitude"]),
                    "area_km2": _float(row.get("area_km2", "")),
                }
                unit = existing.get(row["code"])
                if unit is None:
                    unit = Unit(code=row["code"], parent=parent, **values)
                    if closed:
                        unit.closed_on = REFORM_DATE
                    unit_fill_derived(unit)
                    existing[unit.code] = unit
                    to_create.append(unit)
                elif any(getattr(unit, k) != v for k, v in values.items()):
                    for k, v in values.items():
                        setattr(unit, k, v)
                    unit_fill_derived(unit)
                    to_update.append(unit)
                else:
                    report.unchanged += 1
                if closed:
                    successors = row["successor_codes"].split()
                    if not successors:
                        raise UnitDataError(f"{row['code']}: no successor")
                    first = existing.get(successors[0])
                    if first is None:
                        raise UnitDataError(f"{row['code']}: successor {successors[0]} is missing")
                    links = (first.pk, first.province_id, first.commune_id)
                    if (unit.successor_id, unit.province_id, unit.commune_id) != links or unit.closed_on is None:
                        unit.successor = first
                        unit.province_id, unit.commune_id = first.province_id, first.commune_id
                        unit.closed_on = unit.closed_on or REFORM_DATE
                        if unit.pk is not None:
                            relinked.append(unit)
                    unit._successor_codes = successors  # type: ignore[attr-defined]
            # bulk_create in level order so that parents get their ids first.
            for level in sorted({u.level for u in to_create}):
                batch = [u for u in to_create if u.level == level]
                self_province = {id(u) for u in batch if u.province is u}
                self_commune = {id(u) for u in batch if u.commune is u}
                for u in batch:
                    if id(u) in self_province:
                        u.province = None
                    if id(u) in self_commune:
                        u.commune = None
                Unit.objects.bulk_create(batch, batch_size=1000)
                _fix_self_references(batch, self_province, self_commune)
            if to_update:
                Unit.objects.bulk_update(
                    to_update,
                    [*OFFICIAL_FIELDS, "search_text", "search_short", "path", "level"],
                    batch_size=1000,
                )
            report.created += len(to_create)
            report.updated += len(to_update)
            if closed:
                _link_successors([existing[r["code"]] for r in rows], existing)
                if relinked:
                    Unit.objects.bulk_update(
                        relinked, ["successor", "province", "commune", "closed_on"], batch_size=1000
                    )
    return report


_LOCAL = [
    UnitKind.VILLAGE,
    UnitKind.RESIDENTIAL_GROUP,
    UnitKind.AGENCY,
    UnitKind.ENTERPRISE,
    UnitKind.SCHOOL,
    UnitKind.INDUSTRIAL_ZONE,
]


def _fix_self_references(batch: list[Unit], self_province: set[int], self_commune: set[int]) -> None:
    """A province's `province` and a commune's `commune` is itself: only known after insert."""
    fix = [u for u in batch if id(u) in self_province or id(u) in self_commune]
    for unit in fix:
        if id(unit) in self_province:
            unit.province = unit
        if id(unit) in self_commune:
            unit.commune = unit
    if fix:
        Unit.objects.bulk_update(fix, ["province", "commune"], batch_size=1000)


def _link_successors(units: list[Unit], existing: dict[str, Unit]) -> None:
    through = Unit.successors.through
    wanted = {(unit.pk, existing[code].pk) for unit in units for code in getattr(unit, "_successor_codes", [])}
    have = set(through.objects.filter(from_unit_id__in=[u.pk for u in units]).values_list("from_unit_id", "to_unit_id"))
    through.objects.bulk_create(
        [through(from_unit_id=a, to_unit_id=b) for a, b in sorted(wanted - have)], batch_size=2000
    )
