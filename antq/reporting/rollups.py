"""Roll-up summaries: changed by increments in the writer's transaction, rebuilt from the facts on
demand. Every function here runs inside the caller's transaction.

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

from antq.core.cache import bump_counter, counters

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


_COPY_EXPECTED = (
    "INSERT INTO reporting_rollup (form_id, period_key, indicator_id, option, unit_id, total, units, approved_total,"
    " approved_units) SELECT form_id, period_key, indicator_id, option, unit_id, total, units, approved_total,"
    " approved_units FROM rollup_expected"
)
_EXPECTED = """
CREATE TEMPORARY TABLE rollup_expected AS
SELECT form_id, period_key, indicator_id, option, province_id AS unit_id,
       SUM(value) AS total, SUM(CASE WHEN value > 0 THEN 1 ELSE 0 END) AS units,
       SUM(CASE WHEN approved THEN value ELSE 0 END) AS approved_total,
       SUM(CASE WHEN approved AND value > 0 THEN 1 ELSE 0 END) AS approved_units
FROM reporting_reportvalue WHERE province_id IS NOT NULL
GROUP BY form_id, period_key, indicator_id, province_id, option
"""


@dataclass
class RebuildResult:
    rows: int
    differences: int
    samples: list[str]


def rebuild(*, check_only: bool = False, sample: int = 20) -> RebuildResult:
    """Recompute every summary row from the facts, report rows that differ, and (unless
    `check_only`) replace the summaries. Call inside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS rollup_expected")
        cursor.execute(_EXPECTED)
        # Values have at most 3 decimals; SQLite adds them up as binary floats, so equal means
        # "within half a thousandth" (PostgreSQL's numeric is exact either way).
        diff_where = """
        FROM rollup_expected e FULL OUTER JOIN reporting_rollup r
          ON r.form_id = e.form_id AND r.period_key = e.period_key AND r.indicator_id = e.indicator_id
         AND r.option = e.option AND r.unit_id = e.unit_id
        WHERE (e.unit_id IS NULL AND (ABS(r.total) > 0.0005 OR r.units <> 0 OR ABS(r.approved_total) > 0.0005
                                      OR r.approved_units <> 0))
           OR (r.unit_id IS NULL AND (ABS(e.total) > 0.0005 OR e.units <> 0))
           OR (e.unit_id IS NOT NULL AND r.unit_id IS NOT NULL AND (
               ABS(e.total - r.total) > 0.0005 OR e.units <> r.units
               OR ABS(e.approved_total - r.approved_total) > 0.0005 OR e.approved_units <> r.approved_units))
        """
        cursor.execute("SELECT COUNT(*) " + diff_where)
        differences = int(cursor.fetchone()[0])
        samples: list[str] = []
        if differences:
            cursor.execute(
                "SELECT COALESCE(e.form_id, r.form_id), COALESCE(e.period_key, r.period_key), "
                "COALESCE(e.indicator_id, r.indicator_id), COALESCE(e.option, r.option), "
                "COALESCE(e.unit_id, r.unit_id), e.total, r.total " + diff_where + f" LIMIT {int(sample)}"
            )
            for form_id, period, indicator_id, option, unit_id, expected, stored in cursor.fetchall():
                label = f"form={form_id} period={period} indicator={indicator_id}{'/' + option if option else ''}"
                samples.append(f"{label} unit={unit_id}: facts={expected or 0} summary={stored or 0}")
        cursor.execute("SELECT COUNT(*) FROM rollup_expected")
        rows = int(cursor.fetchone()[0])
        if not check_only:
            cursor.execute("DELETE FROM reporting_rollup")
            cursor.execute(_COPY_EXPECTED)
            transaction.on_commit(lambda: bump_generation(0, "", everything=True))
        cursor.execute("DROP TABLE rollup_expected")
    return RebuildResult(rows=rows, differences=differences, samples=samples)


def generation(form_id: int, period_key: str) -> str:
    """A token that changes after every committed write to the form's figures for the period
    (and after every rebuild); cached read models put it in their keys so they are never staler
    than the last write."""
    key = f"rollup-gen:{form_id}:{period_key}"
    values = counters(["rollup-gen:all", key])
    return f"{values['rollup-gen:all']}.{values[key]}"


def bump_generation(form_id: int, period_key: str, *, everything: bool = False) -> None:
    bump_counter("rollup-gen:all" if everything else f"rollup-gen:{form_id}:{period_key}")


def _bumper(form_id: int, period_key: str) -> Callable[[], None]:
    return lambda: bump_generation(form_id, period_key)


def facts_disagreeing() -> int:
    """Facts whose copied keys (form, period, unit, province, commune, approved) differ from their
    report's. Those columns carry no foreign-key constraint (see ReportValue), so the rebuild
    command checks them; the services never write such a fact."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM reporting_reportvalue v JOIN reporting_report r ON r.id = v.report_id"
            " JOIN reporting_reportperiod p ON p.id = r.period_id"
            " WHERE v.form_id <> r.form_id OR v.period_key <> p.key OR v.unit_id <> r.unit_id"
            " OR COALESCE(v.province_id, 0) <> COALESCE(r.province_id, 0)"
            " OR COALESCE(v.commune_id, 0) <> COALESCE(r.commune_id, 0)"
            " OR (v.approved AND r.state <> 'approved') OR (NOT v.approved AND r.state = 'approved')"
        )
        return int(cursor.fetchone()[0])
