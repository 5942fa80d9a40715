"""Changing the roll-up summaries by increments, in the writer's transaction (`Changes`). Every
function here runs inside the caller's transaction; `rebuild` recomputes them from the facts.

The summaries hold one row per (form, period, indicator, option, province): the nation's totals are
the sum of 34 rows and a province's totals are its own rows. A commune's totals are read straight
from its facts (one report per period, about fifty indexed rows), so a commune-level summary would
only copy the facts one for one: it would double every write and make a rebuild as large as the
facts (see docs/architecture.md, "Summaries"). Rows are upserted in key order so that two writers in
the same province take the shared rows in the same order (no deadlock)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from antq.reporting.rollups.tokens import bump_generation

ZERO = Decimal(0)

# Only module constants are formatted into these statements; values are always parameters.
_UPSERT = """
INSERT INTO reporting_rollup (form_id, period_key, indicator_id, option, unit_id,
                              total, units, approved_total, approved_units)
VALUES {rows}
ON CONFLICT (form_id, period_key, indicator_id, option, unit_id) DO UPDATE SET
  total = reporting_rollup.total + excluded.total,
  units = reporting_rollup.units + excluded.units,
  approved_total = reporting_rollup.approved_total + excluded.approved_total,
  approved_units = reporting_rollup.approved_units + excluded.approved_units
"""
_ROW = "(%s, %s, %s, %s, %s, %s, %s, %s, %s)"
CHUNK = 500  # rows per statement: 4,500 parameters, well under SQLite's 32,766


def execute_rows(statement: str, row: str, rows: Sequence[Sequence[Any]], chunk: int = CHUNK) -> None:
    """Run `statement` with its `{rows}` replaced by as many `row` placeholders as a chunk holds:
    one round trip per 500 rows instead of one per row."""
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            cursor.execute(statement.format(rows=", ".join([row] * len(part))), [v for one in part for v in one])


@dataclass(frozen=True)
class FactKey:
    form_id: int
    period_key: str
    indicator_id: int
    option: str
    province_id: int | None
    commune_id: int | None


@dataclass
class Delta:
    total: Decimal = ZERO
    units: int = 0
    approved_total: Decimal = ZERO
    approved_units: int = 0

    def is_zero(self) -> bool:
        return not (self.total or self.units or self.approved_total or self.approved_units)


RowKey = tuple[int, str, int, str, int]  # form, period, indicator, option, province


class Changes:
    """Collects fact changes of one transaction and applies them as one batch of upserts (one per
    touched province row, however many facts changed)."""

    def __init__(self) -> None:
        self._deltas: dict[RowKey, Delta] = defaultdict(Delta)

    @staticmethod
    def _row(key: FactKey) -> RowKey | None:
        if key.province_id is None:
            return None
        return (key.form_id, key.period_key, key.indicator_id, key.option, key.province_id)

    def value_changed(self, key: FactKey, old: Decimal | None, new: Decimal | None, *, approved: bool) -> None:
        row = self._row(key)
        if row is None:
            return
        old_v, new_v = old or ZERO, new or ZERO
        delta = self._deltas[row]
        delta.total += new_v - old_v
        delta.units += (new_v > 0) - (old_v > 0)
        if approved:
            delta.approved_total += new_v - old_v
            delta.approved_units += (new_v > 0) - (old_v > 0)

    def approval_changed(self, key: FactKey, value: Decimal, *, approved: bool) -> None:
        row = self._row(key)
        if row is None:
            return
        sign = 1 if approved else -1
        delta = self._deltas[row]
        delta.approved_total += sign * value
        delta.approved_units += sign * int(value > 0)

    def apply(self) -> int:
        ordered = [
            (*key, d.total, d.units, d.approved_total, d.approved_units)
            for key, d in sorted(self._deltas.items())
            if not d.is_zero()
        ]
        if ordered:
            execute_rows(_UPSERT, _ROW, ordered)
            for form_id, period_key in {(row[0], row[1]) for row in ordered}:
                transaction.on_commit(_bumper(form_id, period_key))
        self._deltas.clear()
        return len(ordered)


def _bumper(form_id: int, period_key: str) -> Callable[[], None]:
    return lambda: bump_generation(form_id, period_key)
