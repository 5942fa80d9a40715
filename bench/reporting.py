"""Results and reporting benchmark (issue 4), run inside bench/run.py's child process after the
synthetic nation is built (Django is set up, the database is migrated, the real unit tree and the
demo data are loaded).

1. Facts: Report and ReportValue rows for every current province and commune, every figure of
   every form, over 2022-2026 (festival season, half-year movement report, then monthly forms
   until the wanted number of values is reached). Written straight to the tables (COPY on
   PostgreSQL, executemany on SQLite, secondary indexes rebuilt after the load) with the same
   denormalised columns the services write; then the summaries are built by `rollups.rebuild()`
   (which is also the rebuild measurement) and checked with `rollups_rebuild --check`.
2. Writes through the service layer: report_open / report_save / report_submit by commune
   officers, one writer and two writer processes; every sampled save is checked to be in the
   national total as soon as it returns.
3. Reads: roll-ups straight from the facts (province, nation), the uncached national dashboard,
   and the dashboard data endpoint over HTTP (gunicorn, 2 workers, Redis cache, `wrk` with 50
   connections), warm and cold (first request after a write).
4. Import of values (antq/reporting/imports.py), when that module exists.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import http.client
import importlib.util
import io
import json
import multiprocessing
import os
import pstats
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
YEARS = (2026, 2025, 2024, 2023, 2022)
SAVE_YEAR = "2026"
WRITERS_ONE = 150  # commune reports saved by one writer
WRITERS_TWO = 300  # ... and by two writer processes (150 each)
COLD_SAMPLES = 20
PROFILED_SAVES = 10  # saves run under cProfile (not in the timings)
HTTP_SECONDS = 15
CONNECTIONS = 50

# Plausible ranges per indicator (low, high); ranges are chosen so the catalogue's rules hold
# (ID cards <= participants, pilot sites <= sites held, largest site <= participants, ...).
RANGES: dict[str, tuple[float, float]] = {
    "sites_held": (1, 4),
    "pilot_sites": (0, 1),
    "participants": (1000, 6000),
    "largest_site_participants": (300, 1000),
    "outreach_sessions": (2, 40),
    "outreach_attendees": (100, 8000),
    "leaflets": (100, 5000),
    "id_cards_issued": (0, 200),
    "gift_packages": (5, 120),
    "gift_value": (2_500_000, 60_000_000),
    "items_surrendered": (0, 12),
    "medical_exams": (0, 300),
    "houses_built": (0, 3),
    "roads_repaired": (0, 5),
    "pledges_signed": (1, 8),
    "commended_collectives": (0, 4),
    "commended_individuals": (0, 8),
    "initiatives_effective": (0, 5),
    "communes_with_model": (0, 2),
}
EXTRA_FORMS = [
    ("bench-thang-an-ninh", "Báo cáo tháng về phong trào (bench)", "month"),
    ("bench-thang-dich-vu", "Báo cáo tháng về hoạt động phục vụ nhân dân (bench)", "month"),
    ("bench-quy", "Báo cáo quý (bench)", "quarter"),
]


def log(message: str) -> None:
    print(f"[reporting {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _stats(samples_s: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples_s)
    if not ms:
        return {"n": 0}
    return {
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 2),
        "p95_ms": round(ms[max(0, int(len(ms) * 0.95) - 1)], 2),
        "max_ms": round(ms[-1], 2),
    }


def _timed(fn: Callable[[], Any], repeat: int) -> dict[str, float]:
    fn()  # warm
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return _stats(samples)


# --- The plan: which (form, period) slices make up the wanted number of values ------------------


def _plan(values_target: int) -> tuple[list[tuple[Any, Any, list[Any]]], dict[str, Any]]:
    from antq.reporting.catalogue.seed import FESTIVAL_FORM, INDICATORS, MOVEMENT_FORM
    from antq.reporting.catalogue.selectors import form_lines
    from antq.reporting.models import FormIndicator, Indicator, ReportForm
    from antq.reporting.reports.drafts import period_get_or_create
    from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

    reporting_units = Unit.objects.current().filter(kind__in=PROVINCE_KINDS | COMMUNE_KINDS).count()
    candidates: list[tuple[str, str]] = [(FESTIVAL_FORM, str(y)) for y in YEARS]
    candidates += [(MOVEMENT_FORM, f"{y}-H{h}") for y in YEARS for h in (2, 1)]
    months = [f"{y}-{m:02d}" for y in YEARS for m in range(12, 0, -1) if (y, m) <= (2026, 10)]
    quarters = [f"{y}-Q{q}" for y in YEARS for q in (4, 3, 2, 1) if (y, q) <= (2026, 3)]
    candidates += [(EXTRA_FORMS[0][0], k) for k in months] + [(EXTRA_FORMS[1][0], k) for k in months]
    candidates += [(EXTRA_FORMS[2][0], k) for k in quarters]

    all_codes = [row[0] for row in INDICATORS]
    lines_of: dict[str, int] = {
        FESTIVAL_FORM: len(form_lines(ReportForm.objects.get(code=FESTIVAL_FORM), 2026)),
        MOVEMENT_FORM: len(form_lines(ReportForm.objects.get(code=MOVEMENT_FORM), 2026)),
    }
    every = len(all_codes) + 4  # items_surrendered has five options
    for code, _name, _type in EXTRA_FORMS:
        lines_of[code] = every
    chosen: list[tuple[str, str]] = []
    total = 0
    for code, key in candidates:
        if total >= values_target:
            break
        chosen.append((code, key))
        total += reporting_units * lines_of[code]

    forms: dict[str, Any] = {}
    indicators = {i.code: i for i in Indicator.objects.all()}
    for code, name, period_type in EXTRA_FORMS:
        if not any(c == code for c, _k in chosen):
            continue
        form, created = ReportForm.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_en": name, "period_type": period_type, "reporting_level": "commune"},
        )
        if created:
            FormIndicator.objects.bulk_create(
                [FormIndicator(form=form, indicator=indicators[c], position=n) for n, c in enumerate(all_codes)]
            )
    slices = []
    for code, key in chosen:
        form = forms.get(code) or ReportForm.objects.get(code=code)
        forms[code] = form
        period = period_get_or_create(form=form, key=key)
        slices.append((form, period, form_lines(form, period.year)))
    return slices, {"planned_values": total}


# --- Generation -----------------------------------------------------------------------------------


def _value_maker(lines: list[Any], rng: random.Random) -> list[tuple[int, str, float, float, int]]:
    out = []
    for line in lines:
        low, high = RANGES.get(line.indicator.code, (0, 100))
        out.append((line.indicator.pk, line.option, low, high - low, line.decimals))
    return out


def _pg_text(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    return str(value)


def _other_columns(model: Any, known: tuple[str, ...], vendor: str) -> tuple[list[str], list[Any]]:
    """Columns the bench does not set (added to the model later, e.g. the official report's fields):
    each gets its field's default, as an ORM insert would."""
    from django.db import models

    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.column in known or field.primary_key:
            continue
        value = field.get_default()
        if isinstance(field, models.JSONField):
            value = json.dumps(value)
        elif isinstance(value, bool) and vendor == "sqlite":
            value = int(value)
        columns.append(field.column)
        values.append(value)
    return columns, values


def _secondary_indexes(cursor: Any, vendor: str, table: str) -> tuple[list[str], list[str]]:
    """(drop statements, create statements) for the table's secondary indexes and unique constraints."""
    drops: list[str] = []
    creates: list[str] = []
    if vendor == "postgresql":
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = %s::regclass AND contype = 'u'",
            [table],
        )
        for name, definition in cursor.fetchall():
            drops.append(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            creates.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary "
            "AND i.indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        )
        for name, definition in cursor.fetchall():
            drops.append(f'DROP INDEX "{name}"')
            creates.append(definition)
    else:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [table])
        for name, sql in cursor.fetchall():
            if sql:  # automatic indexes of inline UNIQUE constraints have no SQL and stay
                drops.append(f'DROP INDEX "{name}"')
                creates.append(sql)
    return drops, creates


REPORT_COLUMNS = (
    "id",
    "period_id",
    "form_id",
    "unit_id",
    "province_id",
    "commune_id",
    "level",
    "state",
    "note",
    "narrative",
    "first_submitted_at",
    "submitted_at",
    "submitted_by_id",
    "on_time",
    "decided_at",
    "decided_by_id",
    "return_reason",
    "missing_units",
    "version",
    "created_at",
    "updated_at",
)
# Report-specific columns first, then the line, then the value: rows are built from pieces.
VALUE_COLUMNS = (
    "report_id",
    "form_id",
    "period_key",
    "unit_id",
    "province_id",
    "commune_id",
    "approved",
    "prefilled",
    "overridden",
    "note",
    "indicator_id",
    "option",
    "value",
)


def _generate(values_target: int, reserved: set[int], rng: random.Random) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.utils import timezone

    from antq.reporting.models import Report, ReportState, ReportValue
    from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

    started = time.perf_counter()
    slices, info = _plan(values_target)
    units = list(
        Unit.objects.current()
        .filter(kind__in=PROVINCE_KINDS | COMMUNE_KINDS)
        .order_by("level", "code")
        .values_list("id", "kind", "province_id", "level")
    )
    vendor = connection.vendor
    today = timezone.localdate()
    now = timezone.now()
    tz = timezone.get_current_timezone()
    existing = set(Report.objects.values_list("period_id", "unit_id"))
    report_extra_columns, report_extra = _other_columns(Report, REPORT_COLUMNS, vendor)
    value_extra_columns, value_extra = _other_columns(ReportValue, VALUE_COLUMNS, vendor)
    report_columns = (*REPORT_COLUMNS, *report_extra_columns)
    # extra value columns go before the line-specific ones: the row is head + line + value
    value_columns = (*VALUE_COLUMNS[:10], *value_extra_columns, *VALUE_COLUMNS[10:])
    head_size = 10 + len(value_extra)
    next_id = (Report.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1

    def stamp(moment: dt.datetime | None) -> Any:
        if moment is None:
            return None
        return str(moment) if vendor == "postgresql" else connection.ops.adapt_datetimefield_value(moment)

    def reports_and_values() -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
        nonlocal next_id
        for form, period, lines in slices:
            maker = _value_maker(lines, rng)
            current = period.closes_on >= today
            for unit_id, kind, province_id, level in units:
                if (period.pk, unit_id) in existing:
                    continue
                if unit_id in reserved and form.code == "ket-qua-ngay-hoi" and period.key == SAVE_YEAR:
                    continue  # left for the write benchmark: not entered yet
                is_commune = kind in COMMUNE_KINDS
                roll = rng.random()
                if not current:
                    state = ReportState.APPROVED if roll < 0.98 else ReportState.SUBMITTED
                elif not is_commune:
                    state = ReportState.DRAFT
                else:
                    state = (
                        ReportState.APPROVED
                        if roll < 0.55
                        else ReportState.SUBMITTED
                        if roll < 0.80
                        else ReportState.RETURNED
                        if roll < 0.85
                        else ReportState.DRAFT
                    )
                deadline = period.commune_deadline if is_commune else period.province_deadline
                sent = None
                decided = None
                if state != ReportState.DRAFT:
                    day = deadline + dt.timedelta(days=rng.choice((-6, -4, -2, -1, 0, 0, 1, 3)))
                    sent = dt.datetime.combine(day, dt.time(rng.randint(7, 17)), tzinfo=tz)
                    if state != ReportState.SUBMITTED:
                        decided = sent + dt.timedelta(days=2)
                report_id = next_id
                next_id += 1
                province = unit_id if not is_commune else province_id
                commune = unit_id if is_commune else None
                report = (
                    report_id,
                    period.pk,
                    form.pk,
                    unit_id,
                    province,
                    commune,
                    level,
                    str(state),
                    "",
                    "{}",
                    stamp(sent),
                    stamp(sent),
                    None,
                    None if sent is None else sent.date() <= deadline,
                    stamp(decided),
                    None,
                    "Đề nghị rà soát lại số liệu." if state == ReportState.RETURNED else "",
                    "[]",
                    1,
                    stamp(now),
                    stamp(now),
                    *report_extra,
                )
                approved = state == ReportState.APPROVED
                head = (
                    report_id,
                    form.pk,
                    period.key,
                    unit_id,
                    province,
                    commune,
                    approved,
                    None,
                    False,
                    "",
                    *value_extra,
                )
                r = rng.random
                values = []
                for indicator_id, option, low, span, decimals in maker:
                    number: Any = low + int(r() * (span + 1)) if not decimals else round(low + r() * span, 1)
                    values.append((*head, indicator_id, option, number))
                yield report, values

    reports = 0
    facts = 0
    milestone = 1_000_000
    with connection.cursor() as cursor:
        drops, creates = _secondary_indexes(cursor, vendor, "reporting_reportvalue")
    if vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")  # no FK triggers: rows are built valid
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            for statement in drops:
                cursor.execute(statement)
            raw = cursor.cursor
            report_sql = f"COPY reporting_report ({', '.join(report_columns)}) FROM STDIN"
            value_sql = f"COPY reporting_reportvalue ({', '.join(value_columns)}) FROM STDIN"
            report_buffer: list[str] = []
            with raw.copy(value_sql) as copy:
                chunk: list[str] = []
                for report, values in reports_and_values():
                    reports += 1
                    report_buffer.append("\t".join(_pg_text(v) for v in report) + "\n")
                    prefix = "\t".join(_pg_text(v) for v in values[0][:head_size]) + "\t"
                    for row in values:
                        chunk.append(f"{prefix}{row[-3]}\t{row[-2]}\t{row[-1]}\n")
                    facts += len(values)
                    if len(chunk) > 50_000:
                        copy.write("".join(chunk))
                        chunk = []
                        if facts >= milestone:
                            log(f"{facts:,} values written")
                            milestone += 1_000_000
                copy.write("".join(chunk))
            # Values reference reports only by id, and FK triggers are off for this transaction,
            # so writing the reports after the values is equivalent and lets both stream once.
            with raw.copy(report_sql) as copy:
                for n in range(0, len(report_buffer), 20_000):
                    copy.write("".join(report_buffer[n : n + 20_000]))
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('reporting_report', 'id'),"
                " (SELECT MAX(id) FROM reporting_report))"
            )
            log(f"{facts:,} values copied in {time.perf_counter() - started:.1f} s; building indexes")
            for statement in creates:
                cursor.execute(statement)
    else:
        connection.disable_constraint_checking()  # PRAGMA foreign_keys=OFF: rows are built valid
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                for statement in drops:
                    cursor.execute(statement)
                report_sql = (
                    f"INSERT INTO reporting_report ({', '.join(report_columns)}) "  # noqa: S608 (constants)
                    f"VALUES ({', '.join(['%s'] * len(report_columns))})"
                )
                value_sql = (
                    f"INSERT INTO reporting_reportvalue ({', '.join(value_columns)}) "  # noqa: S608 (constants)
                    f"VALUES ({', '.join(['%s'] * len(value_columns))})"
                )
                report_rows: list[tuple[Any, ...]] = []
                value_rows: list[tuple[Any, ...]] = []
                for report, values in reports_and_values():
                    report_rows.append(report)
                    value_rows.extend(values)
                    if len(value_rows) > 200_000:
                        cursor.executemany(report_sql, report_rows)
                        cursor.executemany(value_sql, value_rows)
                        reports += len(report_rows)
                        facts += len(value_rows)
                        report_rows, value_rows = [], []
                        if facts >= milestone:
                            log(f"{facts:,} values written")
                            milestone += 1_000_000
                cursor.executemany(report_sql, report_rows)
                cursor.executemany(value_sql, value_rows)
                reports += len(report_rows)
                facts += len(value_rows)
                log(f"{facts:,} values inserted in {time.perf_counter() - started:.1f} s; building indexes")
                for statement in creates:
                    cursor.execute(statement)
        finally:
            connection.enable_constraint_checking()
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            # A bulk load leaves PostgreSQL's visibility map empty: index-only scans would visit the
            # heap, and autovacuum would run during the measurements. A deployment vacuums after
            # an import of this size too (docs/deploy.md), so the bench does it here.
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    info.update(
        generated_reports=reports,
        generated_values=facts,
        generate_s=round(time.perf_counter() - started, 1),
        slices=[f"{form.code} {period.key}" for form, period, _lines in slices],
    )
    return info


def _consistency() -> dict[str, Any]:
    """Every fact agrees with its report (form, period, unit, province, commune, approved)."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*), SUM(CASE WHEN v.form_id <> r.form_id OR v.period_key <> p.key OR v.unit_id <> r.unit_id"
            " OR COALESCE(v.province_id, 0) <> COALESCE(r.province_id, 0)"
            " OR COALESCE(v.commune_id, 0) <> COALESCE(r.commune_id, 0)"
            " OR (v.approved AND r.state <> 'approved') OR (NOT v.approved AND r.state = 'approved')"
            " THEN 1 ELSE 0 END)"
            " FROM reporting_reportvalue v JOIN reporting_report r ON r.id = v.report_id"
            " JOIN reporting_reportperiod p ON p.id = r.period_id"
        )
        joined, wrong = cursor.fetchone()
        cursor.execute("SELECT COUNT(*) FROM reporting_reportvalue")
        total = cursor.fetchone()[0]
    return {
        "values_total": int(total),
        "values_joined": int(joined),
        "values_inconsistent": int(wrong or 0),
        "consistency_s": round(time.perf_counter() - started, 1),
    }


# --- Roll-ups -------------------------------------------------------------------------------------


def _rebuild(env: dict[str, str]) -> dict[str, Any]:
    from django.db import connection, transaction

    from antq.reporting.models import Rollup
    from antq.reporting.rollups import rebuild as rollups

    figures: dict[str, Any] = {}
    t0 = time.perf_counter()
    with transaction.atomic():
        result = rollups.rebuild()
    figures["rebuild_s"] = round(time.perf_counter() - t0, 2)
    figures["rebuild_rows"] = result.rows
    figures["rebuild_differences_before"] = result.differences  # every row differs: the table was empty
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    figures["rollup_rows"] = Rollup.objects.count()
    log(f"rebuild: {result.rows:,} summary rows in {figures['rebuild_s']} s")
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "manage.py", "rollups_rebuild", "--check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    figures["check_command_s"] = round(time.perf_counter() - t0, 2)
    figures["check_command_exit"] = out.returncode
    figures["check_command_output"] = " / ".join(out.stdout.strip().splitlines()[-2:]) or out.stderr.strip()[-300:]
    log(f"rollups_rebuild --check: {figures['check_command_output']} ({figures['check_command_s']} s wall)")
    return figures


def _check_after_writes() -> dict[str, Any]:
    from django.db import transaction

    from antq.reporting.rollups import rebuild as rollups

    t0 = time.perf_counter()
    with transaction.atomic():
        result = rollups.rebuild(check_only=True)
    return {
        "check_after_writes_s": round(time.perf_counter() - t0, 2),
        "check_after_writes_differences": result.differences,
        "check_after_writes_samples": result.samples[:3],
    }


def _from_facts(repeat: int) -> dict[str, Any]:
    from django.db import connection
    from django.db.models import Count

    from antq.reporting.catalogue.seed import FESTIVAL_FORM
    from antq.reporting.models import ReportForm
    from antq.reporting.rollups import selectors as rs
    from antq.units.models import Unit

    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    nation = Unit.objects.get(level=0)
    # the province with the most communes
    biggest = (
        Unit.objects.current()
        .filter(level=2)
        .values("province_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("province_id", flat=True)
    )
    province = Unit.objects.get(pk=biggest[0])
    figures: dict[str, Any] = {"facts_province": f"{province.name} ({province.code})"}
    for label, unit in (("province", province), ("nation", nation)):
        figures[f"facts_one_{label}"] = _timed(
            lambda unit=unit: rs.rollup_from_facts(
                form=form, period_key=SAVE_YEAR, unit=unit, indicator="participants", approved=True
            ),
            repeat,
        )
        scope = "" if unit.level == 0 else "AND province_id = %s"
        params: list[Any] = [form.pk, SAVE_YEAR] + ([] if unit.level == 0 else [unit.pk])
        sql = (
            "SELECT indicator_id, option, SUM(value), SUM(CASE WHEN approved THEN value ELSE 0 END)"  # noqa: S608
            f" FROM reporting_reportvalue WHERE form_id = %s AND period_key = %s {scope}"
            " GROUP BY indicator_id, option"
        )

        def every_figure(sql: str = sql, params: list[Any] = params) -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchall()

        figures[f"facts_all_{label}"] = _timed(every_figure, repeat)
        figures[f"rollup_totals_{label}"] = _timed(
            lambda unit=unit: rs.totals(form=form, period_key=SAVE_YEAR, unit=unit), repeat
        )
    for key in ("province", "nation"):
        assert rs.rollup_from_facts(form=form, period_key=SAVE_YEAR, unit=nation, indicator="participants") == (
            rs.rollup_total(form=form, period_key=SAVE_YEAR, unit=nation, indicator="participants")
        ), key
    return figures


# --- Writes through the service layer -------------------------------------------------------------


def _officers(commune_ids: list[int]) -> dict[int, int]:
    """One officer account per commune (user id by commune id)."""
    from antq.accounts.models import RoleAssignment, User
    from antq.core.actor import Role
    from antq.units.models import Unit

    communes = {u.pk: u for u in Unit.objects.filter(pk__in=commune_ids)}
    users = User.objects.bulk_create(
        [
            User(username=f"bench.officer.{communes[c].code}", full_name=f"Cán bộ {communes[c].name}", home_unit_id=c)
            for c in commune_ids
        ]
    )
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=u, unit_id=c, role=Role.OFFICER) for u, c in zip(users, commune_ids, strict=True)]
    )
    return {c: u.pk for u, c in zip(users, commune_ids, strict=True)}


def _figures(rng: random.Random) -> dict[str, object]:
    values: dict[str, object] = {}
    for code, (low, high) in RANGES.items():
        if code in ("initiatives_effective", "communes_with_model"):
            continue
        if code == "items_surrendered":
            for option in ("firearms", "rudimentary_weapons", "detonators", "support_tools"):
                values[f"{code}.{option}"] = rng.randint(int(low), int(high))
            values[f"{code}.explosives"] = f"{rng.randint(0, 30) / 10:.1f}".replace(".", ",")
        elif code == "roads_repaired":
            values[code] = f"{rng.randint(0, 50) / 10:.1f}".replace(".", ",")
        else:
            values[code] = rng.randint(int(low), int(high))
    return values


def _writer_process(*args: Any, queue: Any, barrier: Any, **options: Any) -> None:
    """`_writer` in a new process (spawned: a forked SQLite connection is not safe); the result
    (or the error) goes back through `queue`."""
    import traceback

    try:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        django.setup()
        queue.put(_writer(*args, barrier=barrier, **options))
    except BaseException:
        barrier.abort()
        queue.put({"error": traceback.format_exc()})


def _writer(
    commune_ids: list[int],
    officers: dict[int, int],
    seed: int,
    check: int,
    barrier: Any = None,
    submit: bool = True,
    form_code: str = "ket-qua-ngay-hoi",
    period_key: str = SAVE_YEAR,
) -> dict[str, Any]:
    """Open, save and submit the 2026 festival report of each commune as its officer. The saves
    run back to back (timed as a phase); `check` saves are followed by a read of the national total."""
    from django.db import connection, connections
    from django.test.utils import CaptureQueriesContext

    from antq.accounts.models import User
    from antq.core.actor import Actor
    from antq.reporting.models import ReportForm, ReportValue
    from antq.reporting.reports import services
    from antq.reporting.reports.drafts import period_get_or_create
    from antq.reporting.rollups import selectors as rs
    from antq.units.models import Unit

    rng = random.Random(seed)
    queries = 0
    profile = check > 0 and len(commune_ids) > check + PROFILED_SAVES + 20
    profiler = cProfile.Profile()
    form = ReportForm.objects.get(code=form_code)
    period = period_get_or_create(form=form, key=period_key)
    nation = Unit.objects.get(level=0)
    users = {u.pk: u for u in User.objects.filter(pk__in=[officers[c] for c in commune_ids])}
    communes = {u.pk: u for u in Unit.objects.filter(pk__in=commune_ids)}
    actors = {c: Actor.of(users[officers[c]]) for c in commune_ids}
    opened: list[Any] = []
    open_s: list[float] = []
    for c in commune_ids:
        t0 = time.perf_counter()
        opened.append(
            services.report_open(
                actor=actors[c], form_code=form.code, period_key=period.key, unit_code=communes[c].code
            )
        )
        open_s.append(time.perf_counter() - t0)
    payloads = [_figures(rng) for _ in commune_ids]
    if barrier is not None:
        barrier.wait(timeout=600)
    save_s: list[float] = []
    values = 0
    fresh_ok = 0
    fresh_checked = 0
    key = ("participants", "")
    phase = time.perf_counter()
    saved = []
    for n, (c, report, payload) in enumerate(zip(commune_ids, opened, payloads, strict=True)):
        if n < check:
            before = rs.totals(form=form, period_key=period_key, unit=nation).get(key, Decimal(0))
            row = ReportValue.objects.filter(report=report, indicator__code="participants").first()
            old = row.value if row else Decimal(0)
        t0 = time.perf_counter()
        if n == check:  # one save with its statements recorded (not the first: caches are warm)
            with CaptureQueriesContext(connection) as captured:
                report = services.report_save(
                    actor=actors[c], report_id=report.pk, version=report.version, values=payload
                )
            queries = len(captured.captured_queries)
        elif profile and check < n <= check + PROFILED_SAVES:  # profiled: left out of the timings
            profiler.enable()
            report = services.report_save(actor=actors[c], report_id=report.pk, version=report.version, values=payload)
            profiler.disable()
            saved.append(report)
            continue
        else:
            report = services.report_save(actor=actors[c], report_id=report.pk, version=report.version, values=payload)
        save_s.append(time.perf_counter() - t0)
        values += len(payload)
        saved.append(report)
        if n < check:
            after = rs.totals(form=form, period_key=period_key, unit=nation).get(key, Decimal(0))
            fresh_checked += 1
            fresh_ok += int(after - before == Decimal(payload["participants"]) - old)  # type: ignore[call-overload]
    phase_s = time.perf_counter() - phase
    submit_s: list[float] = []
    if submit:
        for c, report in zip(commune_ids, saved, strict=True):
            t0 = time.perf_counter()
            services.report_submit(actor=actors[c], report_id=report.pk, version=report.version, fill_zero=True)
            submit_s.append(time.perf_counter() - t0)
    connections.close_all()
    return {
        "open_s": open_s,
        "save_s": save_s,
        "submit_s": submit_s,
        "values": values,
        "phase_s": phase_s,
        "fresh_ok": fresh_ok,
        "fresh_checked": fresh_checked,
        "queries": queries,
        "profile": _profile_groups(profiler) if profile else [],
    }


def _writes(
    pool: list[int], officers: dict[int, int], form_code: str = "ket-qua-ngay-hoi", period_key: str = SAVE_YEAR
) -> dict[str, Any]:
    from django.db import connections

    figures: dict[str, Any] = {}
    one = pool[:WRITERS_ONE]
    two = pool[WRITERS_ONE : WRITERS_ONE + WRITERS_TWO]
    log(f"writes: one writer, {len(one)} commune reports")
    result = _writer(one, officers, seed=1, check=20, form_code=form_code, period_key=period_key)
    figures["save_one"] = _stats(result["save_s"])
    figures["open_one"] = _stats(result["open_s"])
    figures["submit_one"] = _stats(result["submit_s"])
    figures["values_per_save"] = result["values"] // max(1, len(result["save_s"]))
    figures["values_per_s_one"] = round(result["values"] / sum(result["save_s"]))
    figures["values_per_s_one_wall"] = round(result["values"] / result["phase_s"])
    figures["fresh"] = f"{result['fresh_ok']}/{result['fresh_checked']}"
    figures["fresh_ok"] = result["fresh_ok"] == result["fresh_checked"] > 0
    figures["queries_per_save"] = result["queries"]
    figures["save_profile"] = result["profile"]

    log(f"writes: two writer processes, {len(two)} commune reports")
    connections.close_all()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    queue = context.Queue()
    # Officers of different provinces (a writer holds its province's summary rows until it commits,
    # so two writers in one province take turns).
    from antq.units.models import Unit

    province_of = dict(Unit.objects.filter(pk__in=two).values_list("id", "province_id"))
    by_province = sorted(two, key=lambda c: (province_of[c], c))
    halves = [by_province[: len(two) // 2], by_province[len(two) // 2 :]]
    processes = [
        context.Process(
            target=_writer_process,
            args=(half, officers, 10 + n, 0),
            kwargs={"queue": queue, "barrier": barrier, "form_code": form_code, "period_key": period_key},
        )
        for n, half in enumerate(halves)
    ]
    for p in processes:
        p.start()
    results = []
    for _ in processes:
        try:
            results.append(queue.get(timeout=1200))
        except Exception as exc:
            codes = [p.exitcode for p in processes]
            raise RuntimeError(f"a writer process ended without a result (exit codes {codes})") from exc
    for p in processes:
        p.join()
    for r in results:
        if "error" in r:
            raise RuntimeError("a writer process failed:\n" + r["error"])
    values = sum(r["values"] for r in results)
    figures["values_per_s_two"] = round(values / max(r["phase_s"] for r in results))
    figures["save_two"] = _stats([s for r in results for s in r["save_s"]])
    log(f"writes: {figures['values_per_s_one']} values/s (one writer), {figures['values_per_s_two']} (two writers)")
    return figures


# --- Dashboard ------------------------------------------------------------------------------------


PROFILE_GROUPS = [
    ("antq/", "ANTQ code"),
    ("django/db/models/", "Django ORM (building queries and model instances)"),
    ("django/db/backends/", "database driver and waiting for the database"),
    ("psycopg", "database driver and waiting for the database"),
    ("sqlite3", "database driver and waiting for the database"),
    ("ninja/", "django-ninja and pydantic (response validation)"),
    ("pydantic", "django-ninja and pydantic (response validation)"),
    ("redis/", "Redis client"),
    ("json/", "JSON encoding"),
    ("django/", "Django request handling and middleware"),
    ("axes/", "Django request handling and middleware"),
    ("whitenoise/", "Django request handling and middleware"),
    ("socket", "sockets (database and Redis round trips)"),
    ("inspect", "Python inspect (called by Django's expression hashing)"),
]


def _profile_top(fn: Callable[[], Any], n: int = 6) -> list[str]:
    """Where 20 calls spend their time, own time grouped by package, as "group share%"."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        fn()
    profiler.disable()
    return _profile_groups(profiler, n)


def _profile_groups(profiler: cProfile.Profile, n: int = 6) -> list[str]:
    stats = pstats.Stats(profiler, stream=io.StringIO())
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    groups: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, tt, _ct, _callers) in raw.items():
        where = f"{filename} {name}"
        group = next((label for marker, label in PROFILE_GROUPS if marker in where), "other Python")
        groups[group] = groups.get(group, 0.0) + tt
    total = sum(groups.values()) or 1.0
    ranked = sorted(groups.items(), key=lambda item: -item[1])[:n]
    return [f"{label} {100 * tt / total:.0f}%" for label, tt in ranked]


def _dashboard_inprocess(repeat: int, api_client: Callable[[str], Any]) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from antq.accounts.models import User
    from antq.core.actor import Actor
    from antq.dashboards import selectors as ds
    from antq.reporting.catalogue.seed import FESTIVAL_FORM
    from antq.reporting.catalogue.selectors import form_get
    from antq.reporting.reports.selectors import period_for
    from antq.units.models import Unit

    actor = Actor.of(User.objects.get(username="bo.viewer"))
    form = form_get(FESTIVAL_FORM)
    period = period_for(form, SAVE_YEAR)
    nation = Unit.objects.get(level=0)
    province = Unit.objects.get(code="42")
    figures: dict[str, Any] = {}

    def compute(unit: Unit = nation) -> dict[str, Any]:
        return ds._as_data(ds.dashboard(actor=actor, form=form, period=period, unit=unit))

    figures["dashboard_uncached_nation"] = _timed(compute, repeat)
    figures["dashboard_uncached_province"] = _timed(lambda: compute(province), repeat)
    figures["dashboard_uncached_profile"] = _profile_top(compute)
    client = api_client("bo.viewer")
    url = f"/api/dashboard?form={FESTIVAL_FORM}&period={SAVE_YEAR}"
    figures["dashboard_cached_inprocess"] = _timed(lambda: client.get(url), repeat * 10)
    figures["dashboard_cached_profile"] = _profile_top(lambda: client.get(url))
    size = len(client.get(url).content)
    figures["dashboard_bytes"] = size
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    figures["queries_cached_request"] = len(captured.captured_queries)
    with CaptureQueriesContext(connection) as captured:
        compute()
    figures["queries_uncached_dashboard"] = len(captured.captured_queries)
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "reporting_rollup")
    figures["rollup_indexes"] = sum(1 for c in constraints.values() if c["index"] or c["unique"])
    figures["rollup_fks"] = sum(1 for c in constraints.values() if c["foreign_key"])
    return figures


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK {\\"requests\\": %d, \\"duration_us\\": %d, \\"errors\\": %d, \\"non2xx\\": %d, "
    .. "\\"p50\\": %d, \\"p95\\": %d, \\"p99\\": %d, \\"max\\": %d}\\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def _wrk(url: str, secret: str, seconds: int, script: str) -> dict[str, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            script,
            "-H",
            f"Authorization: Bearer {secret}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next(line for line in out.stdout.splitlines() if line.startswith("WRK "))
    raw = json.loads(line[4:])
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "req_per_s": round(raw["requests"] / seconds_run),
        "p50_ms": round(raw["p50"] / 1000, 1),
        "p95_ms": round(raw["p95"] / 1000, 1),
        "p99_ms": round(raw["p99"] / 1000, 1),
        "max_ms": round(raw["max"] / 1000, 1),
        "errors": raw["errors"] + raw["non2xx"],
        "wrk_cpu_percent": round(
            100 * ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) / seconds_run
        ),
    }


def _dashboard_http(
    api_secret: Callable[[str], str], cold_officer: tuple[int, int], repeat: int, gunicorn_workers: int = 2
) -> dict[str, Any]:
    from antq.accounts.models import User
    from antq.core.actor import Actor
    from antq.reporting.catalogue.seed import FESTIVAL_FORM
    from antq.reporting.catalogue.selectors import form_get
    from antq.reporting.reports import services
    from antq.reporting.reports.selectors import period_for
    from antq.reporting.rollups import selectors as rs
    from antq.units.models import Unit

    figures: dict[str, Any] = {}
    if shutil.which("wrk") is None:
        figures["http_skipped"] = "wrk is not installed (make bench installs it: apt-get install wrk)"
        return figures
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    path = f"/api/dashboard?form={FESTIVAL_FORM}&period={SAVE_YEAR}"
    url = f"{base}{path}"
    secret = api_secret("bo.viewer")
    env = {**os.environ}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--workers",
            str(gunicorn_workers),
            # Threads keep wrk's connections alive (a sync worker closes each one); the GIL still
            # gives each process one core's worth of Python.
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )

    def get(path: str) -> tuple[float, dict[str, Any]]:
        """One request on a new connection (as a browser's first request would be)."""
        t0 = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path, headers={"Authorization": f"Bearer {secret}"})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        elapsed = time.perf_counter() - t0
        assert response.status == 200, (response.status, body[:300])
        return elapsed, json.loads(body)

    try:
        for _ in range(150):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/health")
                conn.getresponse().read()
                conn.close()
                break
            except OSError:
                time.sleep(0.2)
        get(path)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        _wrk(url, secret, 3, script.name)  # warm both workers
        figures["http_warm"] = _wrk(url, secret, HTTP_SECONDS, script.name)
        log(f"dashboard over HTTP, warm: {figures['http_warm']}")

        # Cold: a value is saved (through the service), then the first request recomputes.
        commune_id, user_id = cold_officer
        actor = Actor.of(User.objects.get(pk=user_id))
        commune = Unit.objects.get(pk=commune_id)
        form = form_get(FESTIVAL_FORM)
        period = period_for(form, SAVE_YEAR)
        nation = Unit.objects.get(level=0)
        report = services.report_open(actor=actor, form_code=form.code, period_key=period.key, unit_code=commune.code)
        cold: list[float] = []
        matches = 0
        for n in range(COLD_SAMPLES):
            report = services.report_save(
                actor=actor,
                report_id=report.pk,
                version=report.version,
                values={"participants": 1000 + n, "outreach_sessions": 10 + n},
            )
            elapsed, data = get(path)
            cold.append(elapsed)
            shown = next(f["total"] for f in data["figures"] if f["field"] == "participants")
            matches += int(
                Decimal(shown)
                == rs.rollup_total(form=form, period_key=SAVE_YEAR, unit=nation, indicator="participants")
            )
            time.sleep(0.05)
        figures["http_cold"] = _stats(cold)
        figures["http_cold_fresh"] = f"{matches}/{COLD_SAMPLES}"
        figures["http_cold_fresh_ok"] = matches == COLD_SAMPLES
        warm_single = []
        for _ in range(repeat * 2):
            elapsed, _data = get(path)
            warm_single.append(elapsed)
        figures["http_warm_single"] = _stats(warm_single)
        log(f"dashboard over HTTP, cold: {figures['http_cold']}, fresh {figures['http_cold_fresh']}")
        os.unlink(script.name)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return figures


# --- Import -----------------------------------------------------------------------------------------


IMPORT_FORM = ("bench-nhap", "Báo cáo tháng nhập từ tệp (bench)")
IMPORT_EXTRA_INDICATORS = 8  # bench-only indicators, so that one national file holds > 100,000 figures


def _import_file(lines: list[Any], units: list[Any], rng: random.Random, file_format: str) -> bytes:
    """A national table as `exports` writes it: one row per unit, one column per figure."""
    header = ["STT", "Mã đơn vị", "Tên đơn vị", *(f"{line.label} [{line.field}]" for line in lines)]
    ranges = [(*RANGES.get(line.indicator.code, (0, 100)), line.decimals) for line in lines]

    def figures() -> list[Any]:
        return [
            rng.randint(int(low), int(high)) if not decimals else round(rng.uniform(low, high), 1)
            for low, high, decimals in ranges
        ]

    if file_format == "csv":
        import csv

        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        for n, unit in enumerate(units, start=1):
            writer.writerow([n, unit.code, unit.name, *(str(v).replace(".", ",") for v in figures())])
        return out.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(header)
    for n, unit in enumerate(units, start=1):
        sheet.append([n, unit.code, unit.name, *figures()])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _import_bench(
    rng: random.Random, periods: tuple[tuple[str, str], ...] = (("xlsx", "2025-01"), ("csv", "2025-02"))
) -> dict[str, Any]:
    """Import of values from a generated national file of > 100,000 values (issue 4: >= 20,000
    values/s): a dry run, then the import, of an .xlsx and of a CSV, each into a past period of a
    bench-only monthly form with every indicator (the Ministry's officer imports; the reports are
    recorded as approved). Skipped while antq/reporting/imports.py does not exist."""
    if importlib.util.find_spec("antq.reporting.files.imports") is None:
        return {"import_skipped": "antq/reporting/imports.py does not exist yet"}
    from antq.accounts.models import User
    from antq.core.actor import Actor
    from antq.reporting.catalogue.seed import INDICATORS
    from antq.reporting.catalogue.selectors import form_lines
    from antq.reporting.files import imports
    from antq.reporting.models import FormIndicator, Indicator, ReportForm
    from antq.reporting.reports.drafts import period_get_or_create
    from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

    entry = getattr(imports, "values_import", None)
    if entry is None:
        return {"import_skipped": "antq/reporting/imports.py has no values_import() yet"}
    extra = [
        Indicator.objects.get_or_create(
            code=f"bench_extra_{n}",
            defaults={
                "name": f"Chỉ tiêu bổ sung {n} (bench)",
                "name_en": f"Extra figure {n} (bench)",
                "group": "movement",
                "measure": "units",
                "position": 1000 + n,
            },
        )[0]
        for n in range(1, IMPORT_EXTRA_INDICATORS + 1)
    ]
    codes = [row[0] for row in INDICATORS]
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    form, created = ReportForm.objects.get_or_create(
        code=IMPORT_FORM[0],
        defaults={
            "name": IMPORT_FORM[1],
            "name_en": IMPORT_FORM[1],
            "period_type": "month",
            "reporting_level": "commune",
        },
    )
    if created:
        FormIndicator.objects.bulk_create(
            [
                FormIndicator(form=form, indicator=i, position=n)
                for n, i in enumerate([*(indicators[c] for c in codes), *extra])
            ]
        )
    units = list(Unit.objects.current().filter(kind__in=PROVINCE_KINDS | COMMUNE_KINDS).order_by("level", "code"))
    actor = Actor.of(User.objects.get(username="bo.officer"))
    figures: dict[str, Any] = {}
    for file_format, key in periods:
        period = period_get_or_create(form=form, key=key)
        lines = form_lines(form, period.year)
        t0 = time.perf_counter()
        data = _import_file(lines, units, rng, file_format)
        figures[f"import_{file_format}_file"] = {
            "values": len(lines) * len(units),
            "rows": len(units),
            "bytes": len(data),
            "build_s": round(time.perf_counter() - t0, 1),
        }
        for dry_run in (True, False):
            t0 = time.perf_counter()
            result = entry(
                actor=actor,
                form_code=form.code,
                period_key=key,
                unit_code=None,
                filename=f"bench.{file_format}",
                data=data,
                dry_run=dry_run,
            )
            elapsed = time.perf_counter() - t0
            if result.problems:
                raise RuntimeError(f"import of the bench file failed: {result.problems[:3]}")
            label = f"import_{file_format}_{'dry' if dry_run else 'real'}"
            figures[label] = {
                "values": result.values,
                "s": round(elapsed, 2),
                "values_per_s": round(result.values / elapsed),
            }
            log(f"import {file_format} {'dry run' if dry_run else 'real'}: {figures[label]}")
    figures["import_dry_values_per_s"] = figures["import_xlsx_dry"]["values_per_s"]
    figures["import_values_per_s"] = figures["import_xlsx_real"]["values_per_s"]
    return figures


# --- Entry point ------------------------------------------------------------------------------------


def run(
    *, values_target: int, repeat: int, api_client: Callable[[str], Any], api_secret: Callable[[str], str]
) -> dict[str, Any]:
    from django.core.cache import cache
    from django.db import connection

    from antq.units.models import Unit

    started = time.perf_counter()
    cache.clear()  # the bench's own Redis database
    rng = random.Random(4)
    communes = list(
        Unit.objects.current()
        .filter(level=2)
        .exclude(province__code__in=("42", "56"))  # the demo provinces have their own reports
        .order_by("code")
        .values_list("id", flat=True)
    )
    step = max(1, len(communes) // (WRITERS_ONE + WRITERS_TWO + 1))
    pool = communes[::step][: WRITERS_ONE + WRITERS_TWO + 1]
    figures: dict[str, Any] = {"engine_vendor": connection.vendor, "errors": []}
    log(f"generating ~{values_target:,} values")
    figures.update(_generate(values_target, set(pool), rng))
    log(
        f"{figures['generated_values']:,} values, {figures['generated_reports']:,} reports in {figures['generate_s']} s"
    )
    figures.update(_consistency())
    log(
        f"consistency: {figures['values_inconsistent']} of {figures['values_total']:,} facts disagree with their report"
    )
    figures.update(_rebuild({**os.environ}))
    officers = _officers(pool)
    phases: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        ("from facts", lambda: _from_facts(repeat)),
        ("writes", lambda: _writes(pool[:-1], officers)),
        ("dashboard in-process", lambda: _dashboard_inprocess(repeat, api_client)),
        ("dashboard over HTTP", lambda: _dashboard_http(api_secret, (pool[-1], officers[pool[-1]]), repeat)),
        ("import", lambda: _import_bench(rng)),
        ("check after the writes", _check_after_writes),
    ]
    for name, phase in phases:
        # One failing phase is reported and the others still run: a 10-million-value run is long.
        try:
            figures.update(phase())
        except Exception as exc:
            import traceback

            traceback.print_exc()
            figures["errors"].append(f"{name}: {type(exc).__name__}: {str(exc)[:300]}")
            log(f"{name} failed: {exc}")
    log(f"check after the writes: {figures.get('check_after_writes_differences')} differences")
    figures["reporting_s"] = round(time.perf_counter() - started, 1)
    return figures


# --- The results file -------------------------------------------------------------------------------


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _ok(passed: bool) -> str:
    return "✅" if passed else "❌"


def _ms(stats: dict[str, Any] | None, key: str = "median_ms") -> str:
    return "—" if not stats or key not in stats else f"{stats[key]:,.1f}"


DATA_MARK = "<!-- reporting-data: "


def section(results: list[dict[str, Any]], run: dict[str, Any], old_section: str = "") -> str:
    """The results-and-reporting part of docs/benchmarks.md (one column per engine). The raw
    figures are kept in a comment at its end, so that a run on one engine keeps the other's."""
    entries: dict[str, dict[str, Any]] = {}
    if DATA_MARK in old_section:
        raw = old_section.split(DATA_MARK, 1)[1].split(" -->", 1)[0]
        entries = {e["engine_label"]: e for e in json.loads(raw)}
    for r in results:
        if "reporting" in r:
            entries[r["engine_label"]] = {
                "engine_label": r["engine_label"],
                "reporting": r["reporting"],
                "run": {**run, "engine_s": r.get("engine_s", 0), "date": dt.date.today().isoformat()},
            }
    ordered = sorted(entries.values(), key=lambda e: (not e["engine_label"].startswith("SQLite"), e["engine_label"]))
    engines = [(e["engine_label"], e["reporting"]) for e in ordered]
    if not engines:
        return ""

    def row(label: str, target: str, cell: Callable[[dict[str, Any]], str]) -> str:
        cells = []
        for _label, f in engines:
            try:
                cells.append(cell(f))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("—")
        return f"| {label} | {target} | " + " | ".join(cells) + " |"

    def rate(value: float, target: float) -> str:
        return f"{value:,.0f} {_ok(value >= target)}"

    def at_most(value: float, target: float, unit: str = "") -> str:
        return f"{value:,.1f}{unit} {_ok(value <= target)}"

    def http_warm(f: dict[str, Any]) -> str:
        w = f["http_warm"]
        return f"{w['p50_ms']:.1f} / {w['p95_ms']:.1f} {_ok(w['p95_ms'] <= 100)} / {w['p99_ms']:.1f}"

    def http_cold(f: dict[str, Any]) -> str:
        c = f["http_cold"]
        return f"{c['median_ms']:.1f} / {c['p95_ms']:.1f} / {c['max_ms']:.1f}"

    def check(f: dict[str, Any]) -> str:
        exit_ok = f["check_command_exit"] == 0
        return f"{f['check_command_s']:.1f} s {_ok(exit_ok)}"

    def imported(key: str) -> Callable[[dict[str, Any]], str]:
        def cell(f: dict[str, Any]) -> str:
            if "import_skipped" in f:
                return "not run ⏸"
            return f"{rate(f[key]['values_per_s'], 20_000)} ({f[key]['s']:.1f} s)"

        return cell

    header = "| what | target | " + " | ".join(label for label, _f in engines) + " |"
    lines = [
        "## Results and reporting (issue 4)",
        "",
    ]
    for e in ordered:
        r = e["run"]
        command = r["command"].split(" --note ")[0]
        lines.append(
            f"- {e['engine_label']}: run on {r['date']} with `{command}`, {r['engine_s'] / 60:.0f} min for this "
            f"engine ({r['total_s'] / 60:.0f} min for the whole command); load average (1 min) "
            f"{r['load_before'][0]:.1f} before, {r['load_after'][0]:.1f} after."
            + (f" Code: {r['git']}." if r.get("git") else "")
            + (f" {r['note']}" if r.get("note") else "")
        )
    lines.append("")
    for label, f in engines:
        lines.append(
            f"- {label}: {f['values_total']:,} values (facts) in {f['generated_reports']:,} generated reports over "
            f"2022–2026 ({_count(len(f['slices']), 'form period')}; every current province and commune reports every "
            f"figure), generated in {f['generate_s']} s (written straight to the tables, indexes built after); "
            f"{f['values_inconsistent']} facts disagree with their report; {f['rollup_rows']:,} summary rows."
        )
    first = engines[0][1]
    lines += [
        "",
        f"Forms: the festival season `ket-qua-ngay-hoi` (21 figures) 2022–2026, the half-year movement report "
        f"(its typed figures) 2022-H1–2026-H2, then bench-only monthly and quarterly forms (every indicator of the "
        f"catalogue, 23 figures) until the wanted number of values is reached. "
        f"{WRITERS_ONE + WRITERS_TWO + 1} communes outside the demo provinces have no 2026 festival report: "
        "their officers (one account each) open, save and submit it through the services during the bench. "
        "Dashboard figures are for the nation, festival season 2026, as `bo.viewer` with an API token. "
        f"HTTP: gunicorn {GUNICORN_VERSION_NOTE}, 2 gthread workers × 4 threads (as in docs/deploy.md), Redis cache, "
        f"`wrk -t2 -c{CONNECTIONS} -d{HTTP_SECONDS}s` on the same 2 cores; cold = a value saved through "
        "`report_save`, then the next request (a new connection), which recomputes the dashboard.",
        "",
        header,
        "|---|---|" + "---|" * len(engines),
        row(
            "Values saved per second through `report_save`, one writer",
            "≥ 1,000 (PostgreSQL)",
            lambda f: rate(f["values_per_s_one"], 1000),
        ),
        row("… two writer processes", "≥ 1,000", lambda f: rate(f["values_per_s_two"], 1000)),
        row(
            f"`report_save` of one report ({first.get('values_per_save', 21)} figures), median / p95 ms",
            "",
            lambda f: f"{_ms(f['save_one'])} / {_ms(f['save_one'], 'p95_ms')}",
        ),
        row("`report_open` (draft prefilled from the records), median ms", "", lambda f: _ms(f["open_one"])),
        row("`report_submit`, median ms", "", lambda f: _ms(f["submit_one"])),
        row(
            "Saved value in the national total (`selectors.totals`) as soon as the save returns",
            "same request",
            lambda f: f"{f['fresh']} {_ok(f['fresh_ok'])}",
        ),
        row(
            f"Dashboard endpoint, warm: requests/s ({CONNECTIONS} clients)",
            "≥ 1,000",
            lambda f: rate(f["http_warm"]["req_per_s"], 1000),
        ),
        row("… warm latency p50 / p95 / p99 ms", "p95 ≤ 100", http_warm),
        row(
            "… cold (one client, the first request after a write, which recomputes) p50 / p95 / max ms",
            "(no target; see the notes)",
            http_cold,
        ),
        row(
            "… cold responses that show the value just saved",
            "all",
            lambda f: f"{f['http_cold_fresh']} {_ok(f['http_cold_fresh_ok'])}",
        ),
        row("… one client, warm, median ms (new connection each)", "", lambda f: _ms(f["http_warm_single"])),
        row("… CPU used by wrk (% of one core)", "", lambda f: f"{f['http_warm']['wrk_cpu_percent']}%"),
        row(
            "Uncached national dashboard (`dashboards.selectors.dashboard`), median ms",
            "",
            lambda f: _ms(f["dashboard_uncached_nation"]),
        ),
        row("Uncached province dashboard (Hà Tĩnh), median ms", "", lambda f: _ms(f["dashboard_uncached_province"])),
        row(
            "Cached dashboard request in-process (no HTTP), median ms",
            "",
            lambda f: _ms(f["dashboard_cached_inprocess"]),
        ),
        row(
            "Rebuild every summary from the facts (`rollups.rebuild()`, empty summaries)",
            "≤ 10 s",
            lambda f: at_most(f["rebuild_s"], 10, " s"),
        ),
        row(
            "`manage.py rollups_rebuild --check`: every summary, and every fact against its report (wall, with "
            "start-up; the ≤ 10 s target is the rebuild's)",
            "",
            check,
        ),
        row(
            "… its verdict",
            "0 differences",
            lambda f: (
                f"0 differences, 0 facts disagreeing {_ok(True)}"
                if f["check_command_exit"] == 0
                else f"{f['check_command_output']} {_ok(False)}"
            ),
        ),
        row(
            "Check after every write of the bench: differences",
            "0",
            lambda f: f"{f['check_after_writes_differences']} {_ok(f['check_after_writes_differences'] == 0)}",
        ),
        row(
            f"Roll-up from the facts, province ({first.get('facts_province', '')}): "
            "`selectors.rollup_from_facts`, median ms",
            "≤ 100 ms",
            lambda f: at_most(f["facts_one_province"]["median_ms"], 100),
        ),
        row(
            "… every figure of the form from the facts (one GROUP BY), province",
            "≤ 100 ms",
            lambda f: at_most(f["facts_all_province"]["median_ms"], 100),
        ),
        row(
            "Roll-up from the facts, nation: `selectors.rollup_from_facts`, median ms",
            "≤ 1,000 ms",
            lambda f: at_most(f["facts_one_nation"]["median_ms"], 1000),
        ),
        row(
            "… every figure of the form from the facts, nation",
            "≤ 1,000 ms",
            lambda f: at_most(f["facts_all_nation"]["median_ms"], 1000),
        ),
        row(
            "Totals from the summaries (`selectors.totals`), nation, median ms",
            "",
            lambda f: _ms(f["rollup_totals_nation"]),
        ),
        row(
            f"Import of a national .xlsx ({first.get('import_xlsx_file', {}).get('values', 0):,} values, "
            f"{first.get('import_xlsx_file', {}).get('rows', 0):,} rows), dry run: values/s",
            "≥ 20,000",
            imported("import_xlsx_dry"),
        ),
        row("… the import (reports created, roll-ups increased): values/s", "≥ 20,000", imported("import_xlsx_real")),
        row("Same as CSV, dry run: values/s", "≥ 20,000", imported("import_csv_dry")),
        row("… the import: values/s", "≥ 20,000", imported("import_csv_real")),
        "",
    ]
    for label, f in engines:
        for error in f.get("errors", []):
            lines += [f"**{label}: a part of the bench failed** — {error}", ""]
    skipped = {f.get("import_skipped") for _label, f in engines if f.get("import_skipped")}
    for reason in skipped:
        lines += [f"Import not measured: {reason} (bench/reporting.py `_import_bench` runs it once it does).", ""]
    lines += ["Where the time goes (cProfile, own time grouped by package):", ""]
    for label, f in engines:
        lines.append(f"- {label}, uncached national dashboard: " + ", ".join(f.get("dashboard_uncached_profile", [])))
        lines.append(f"- {label}, cached dashboard request: " + ", ".join(f.get("dashboard_cached_profile", [])))
    for note in _notes(engines):
        lines += ["", note]
    lines += ["", DATA_MARK + json.dumps(list(entries.values()), ensure_ascii=False) + " -->", ""]
    return "\n".join(lines)


GUNICORN_VERSION_NOTE = "23.0.0 (requirements/bench.txt)"


def _notes(engines: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """Why a target is missed, where the time goes and what would fix it (the fixes are in antq/,
    which the bench does not change). Figures come from the PostgreSQL column when there is one."""
    pg = next((f for label, f in engines if label.startswith("PostgreSQL")), engines[0][1])

    def missed(test: Callable[[dict[str, Any]], bool]) -> bool:
        for _label, f in engines:
            try:
                if test(f):
                    return True
            except (KeyError, TypeError):
                continue
        return False

    def shares(key: str) -> str:
        return ", ".join(pg.get(key) or []) or "not profiled in this run"

    notes: list[str] = []
    if missed(lambda f: f["values_per_s_one"] < 1000 or f["values_per_s_two"] < 1000):
        notes.append(
            f"**Writes.** A save of {pg.get('values_per_save', 21)} figures sends {pg.get('queries_per_save', '?')} "
            f"SQL statements and takes {_ms(pg.get('save_one'))} ms (median, one writer). Where the time goes "
            f"(cProfile over {PROFILED_SAVES} saves): {shares('save_profile')}. The catalogue (a form's lines and "
            "rules) is memoised per process, changed values go in one `UPDATE … FROM (VALUES …)`, the province "
            "summary rows in one multi-row upsert and the version in one UPDATE; what is left is round trips to a "
            "database sharing the 2 cores. On SQLite a second writer waits for the first (one writer at a time)."
        )
    if missed(lambda f: f["http_warm"]["req_per_s"] < 1000 or f["http_warm"]["p95_ms"] > 100):
        notes.append(
            f"**Dashboard endpoint.** A cached response costs {_ms(pg.get('dashboard_cached_inprocess'))} ms "
            f"in-process ({pg.get('queries_cached_request', '?')} SQL queries: the API token and the account are "
            "memoised per process under the auth generation, the body is cached ready to send in Redis and "
            "memoised per process under the write token). Where the time "
            f"goes: {shares('dashboard_cached_profile')}. 1,000 requests/s on 2 cores leaves 2 ms of CPU per "
            "request for gunicorn, Django's middleware, Redis, the database and wrk together."
        )
    if missed(lambda f: f["http_cold"]["p95_ms"] > 100):
        notes.append(
            f"**Cold dashboard** (the issue's target is the steady load above; this is what a reader pays after a "
            "write). "
            f"The first request after a write recomputes the national dashboard "
            f"({pg.get('queries_uncached_dashboard', '?')} queries, {_ms(pg.get('dashboard_uncached_nation'))} ms "
            f"in-process; where the time goes: {shares('dashboard_uncached_profile')}). Every saved value changes "
            "the generation token, so with writes arriving continuously in the season most readers pay this. "
            "Next step: recompute the cached body in the writer's `on_commit`, at most once a second per form and "
            "period, so readers always hit the cache."
        )
    if missed(lambda f: f["rebuild_s"] > 10):
        notes.append(
            f"**Rebuild.** The summaries hold one row per province and form period ({pg.get('rollup_rows', 0):,} "
            "rows); `rebuild()` is one GROUP BY of every fact by province into a temporary table, then writes only "
            "the rows that differ. Its time is the scan of the facts: on SQLite one core reads the whole table."
        )
    if missed(
        lambda f: f["import_xlsx_real"]["values_per_s"] < 20_000 or f["import_csv_real"]["values_per_s"] < 20_000
    ):
        notes.append(
            "**Import.** Checking the file (the dry run) is not the limit; writing is. New facts go in with COPY on "
            "PostgreSQL and one prepared `executemany` on SQLite, the summaries with one multi-row upsert, and the "
            "facts' copied keys (form, unit, province, commune) carry no foreign-key check of their own "
            "(`rollups_rebuild --check` verifies them instead). On SQLite the remaining cost is one B-tree insert "
            "per value into each of the facts' indexes of a 10-million-row table, on one core."
        )
    return notes
