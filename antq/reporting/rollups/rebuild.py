"""Rebuilding the roll-up summaries from the facts (`manage.py rollups_rebuild`), and the check
that every fact agrees with its report (`--check`). Call inside a transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

from antq.reporting.rollups.tokens import bump_generation

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
