"""`make bench`: performance on a synthetic national dataset, on SQLite and PostgreSQL.

For each engine a child process builds a fresh database (migrate, the real unit tree, demo data,
~75,000 generated villages and residential groups), then times requests through Django's full
request cycle in-process (middleware, auth, selectors, serialisation: server time, no network) and
writes the figures to docs/benchmarks.md.

    python bench/run.py                      # both engines, every section
    python bench/run.py --engines sqlite     # one engine
    python bench/run.py --only reporting --engines postgres --values 200000   # results and reporting only
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/run.py

`--only units` runs the unit, plan and site sections, `--only reporting` the results-and-reporting
section (bench/reporting.py: 10 million facts by default, `--values N` for a quick run); the other
part of docs/benchmarks.md is kept as it was. The reporting section needs Redis
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/13, a database the bench empties), gunicorn
(requirements/bench.txt) and wrk (`make bench` installs both).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import reporting as bench_reporting  # noqa: E402  (after the path is set)

RESULTS = ROOT / "docs" / "benchmarks.md"

SEARCHES = [
    "ha tinh",
    "Hà Tĩnh",
    "cam lam",
    "thanh sen",
    "dong ha",
    "phuong 1",
    "xa tan",
    "hoa binh",
    "thon dong",
    "to dan pho 12",
    "nguyen",
    "vung ang",
    "dak lak",
    "ba dinh",
    "can tho",
    "hai phong",
    "binh minh",
    "thon trung",
    "son",
    "22453",
    "18073",
    "lang son",
    "quang",
    "phu",
]
VILLAGE_WORDS = [
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Thượng",
    "Hạ",
    "Tân",
    "Phú",
    "An",
    "Hòa",
    "Bình",
    "Minh",
    "Thành",
    "Lộc",
    "Phúc",
    "Thịnh",
    "Hưng",
    "Quang",
    "Sơn",
    "Hải",
    "Giang",
    "Lâm",
    "Xuân",
    "Hạnh",
    "Đoài",
    "Yên",
    "Vĩnh",
]


def _child(engine: str, villages: int, repeat: int, only: str, values: int) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from antq.accounts.models import User
    from antq.accounts.services import token_create
    from antq.core.actor import Actor
    from antq.core.demo import demo_seed
    from antq.units.loader import units_load
    from antq.units.models import Unit, UnitKind
    from antq.units.services import unit_fill_derived

    figures: dict[str, Any] = {"engine": engine}
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    units_load()
    demo_seed()
    figures["setup_s"] = round(time.perf_counter() - started, 1)

    # ~75k villages and residential groups, spread unevenly over the 3,321 communes.
    started = time.perf_counter()
    rng = random.Random(19)
    communes = list(Unit.objects.current().filter(level=2).select_related("province").order_by("code"))
    per_commune = max(1, villages // len(communes))
    batch: list[Unit] = []
    created = 0
    for commune in communes:
        commune.commune = commune
        count = rng.randint(per_commune // 2, per_commune * 3 // 2)
        kind = UnitKind.RESIDENTIAL_GROUP if commune.kind == UnitKind.WARD else UnitKind.VILLAGE
        for n in range(1, count + 1):
            if kind == UnitKind.RESIDENTIAL_GROUP:
                name = f"Tổ dân phố {n}"
            else:
                name = f"Thôn {rng.choice(VILLAGE_WORDS)} {rng.choice(VILLAGE_WORDS)} {n}"
            unit = Unit(
                code=f"{commune.code}-{n + 100:04d}",
                name=name,
                kind=kind,
                parent=commune,
                latitude=commune.latitude,
                longitude=commune.longitude,
            )
            unit_fill_derived(unit)
            batch.append(unit)
        if len(batch) >= 5000:
            Unit.objects.bulk_create(batch)
            created += len(batch)
            batch = []
    Unit.objects.bulk_create(batch)
    created += len(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics for the planner, on either engine
    figures["generated_villages"] = created
    figures["units_total"] = Unit.objects.count()
    figures["generate_s"] = round(time.perf_counter() - started, 1)

    def api_secret(username: str) -> str:
        _token, secret = token_create(actor=Actor.of(User.objects.get(username=username)), name="bench")
        return secret

    def api_client(username: str) -> Client:
        return Client(headers={"Authorization": f"Bearer {api_secret(username)}"})

    def session_client(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    def timed(client: Client, paths: list[str]) -> dict[str, float]:
        for path in paths[:3]:  # warm caches
            client.get(path)
        samples: list[float] = []
        for _ in range(repeat):
            for path in paths:
                t0 = time.perf_counter()
                response = client.get(path)
                samples.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (path, response.status_code, response.content[:200])
        samples.sort()
        return {
            "n": len(samples),
            "median_ms": round(statistics.median(samples), 2),
            "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 2),
            "max_ms": round(samples[-1], 2),
        }

    if only == "reporting":
        figures["reporting"] = _reporting(values, repeat, api_client, api_secret)
        return figures

    nation = api_client("bo.viewer")
    province = api_client("hatinh.viewer")
    picker = session_client("hatinh.officer")
    figures["search_api_nation"] = timed(nation, [f"/api/units?q={quote(q)}&limit=20" for q in SEARCHES])
    figures["search_api_province"] = timed(province, [f"/api/units?q={quote(q)}&limit=20" for q in SEARCHES])
    figures["search_with_history"] = timed(
        nation, [f"/api/units?q={quote(q)}&limit=20&include_historical=true" for q in SEARCHES]
    )
    figures["picker_html"] = timed(picker, [f"/units/picker/?q={quote(q)}" for q in SEARCHES])
    figures["province_subtree_api"] = timed(
        nation, ["/api/units?province=42&limit=100", "/api/units?province=56&limit=100&offset=1000"]
    )
    figures["province_children_api"] = timed(nation, ["/api/units/42/children?limit=100"])
    figures["province_page_html"] = timed(session_client("bo.viewer"), ["/units/42/"])
    figures["commune_page_html"] = timed(session_client("hatinh.viewer"), ["/units/18073/"])
    figures.update(_festival_bench(rng, repeat, api_client, session_client, timed))
    if only == "all":  # last, so that the 10 million facts do not change the figures above
        figures["reporting"] = _reporting(values, repeat, api_client, api_secret)
    return figures


def _reporting(values: int, repeat: int, api_client: Any, api_secret: Any) -> dict[str, Any]:
    return bench_reporting.run(values_target=values, repeat=repeat, api_client=api_client, api_secret=api_secret)


def _festival_bench(
    rng: random.Random, repeat: int, api_client: Any, session_client: Any, timed: Any
) -> dict[str, Any]:
    """A whole season: every province and ~85% of communes with an issued plan, ~6,000 sites
    (written straight to the tables: this measures reading, not seeding); then the progress boards
    and a 2,000-row .xlsx import through the API."""
    import io

    from django.db import connection
    from django.utils import timezone
    from openpyxl import Workbook

    from antq.festivals.models import FestivalSite, PilotTier, SiteState
    from antq.plans.models import Plan, PlanState
    from antq.units.models import Unit

    figures: dict[str, Any] = {}
    started = time.perf_counter()
    central = Plan.objects.get(issuer__code="VN", year=2026)
    tz = timezone.get_current_timezone()
    provinces = list(Unit.objects.current().filter(level=1).exclude(plans__year=2026))
    province_plans = {p.issuer_id: p for p in Plan.objects.filter(parent_plan=central)}
    for number, province in enumerate(provinces, start=1000):
        province_plans[province.pk] = Plan.objects.create(
            issuer=province,
            province=province,
            parent_plan=central,
            year=2026,
            number=str(number),
            title="Tổ chức Ngày hội",
            issuing_body="BAN CHỈ ĐẠO 138",
            place=province.short_name,
            issued_on=dt.date(2026, 5, 10),
            window_start=central.window_start,
            window_end=central.window_end,
            state=PlanState.ISSUED,
        )
    communes = list(Unit.objects.current().filter(level=2).exclude(plans__year=2026))
    commune_plans: list[Plan] = []
    for commune in communes:
        if rng.random() < 0.85 and commune.province_id in province_plans:
            commune_plans.append(
                Plan(
                    issuer=commune,
                    province_id=commune.province_id,
                    commune=commune,
                    parent_plan=province_plans[commune.province_id],
                    year=2026,
                    number=str(rng.randint(1, 999)),
                    title="Tổ chức Ngày hội",
                    issuing_body="BAN CHỈ ĐẠO 138",
                    place=commune.short_name,
                    issued_on=dt.date(2026, 6, 1),
                    window_start=central.window_start,
                    window_end=central.window_end,
                    state=PlanState.ISSUED,
                )
            )
    Plan.objects.bulk_create(commune_plans, batch_size=1000)
    plan_of = {p.issuer_id: p for p in Plan.objects.filter(year=2026, issuer__level=2)}
    sites: list[FestivalSite] = []
    states = [SiteState.PLANNED, SiteState.CONFIRMED, SiteState.HELD, SiteState.REPORTED, SiteState.REPORTED]
    for commune in communes:
        plan = plan_of.get(commune.pk)
        if plan is None:
            continue
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            day = central.window_start + dt.timedelta(days=rng.randint(0, 48))
            sites.append(
                FestivalSite(
                    plan=plan,
                    unit=commune,
                    province_id=commune.province_id,
                    commune=commune,
                    year=2026,
                    name=f"Ngày hội {commune.name}",
                    starts_at=dt.datetime.combine(day, dt.time(7, 30), tzinfo=tz),
                    venue="Nhà văn hóa",
                    latitude=commune.latitude,
                    longitude=commune.longitude,
                    state=rng.choice(states),
                    pilot_tier=PilotTier.PROVINCE if rng.random() < 0.03 else "",
                )
            )
    FestivalSite.objects.bulk_create(sites, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    figures["season_sites"] = FestivalSite.objects.filter(year=2026).count()
    figures["season_plans"] = Plan.objects.filter(year=2026).count()
    figures["season_s"] = round(time.perf_counter() - started, 1)

    nation = api_client("bo.viewer")
    figures["board_central_api"] = timed(nation, [f"/api/plans/{central.pk}/board"] * 3)
    figures["board_central_html"] = timed(session_client("bo.viewer"), [f"/plans/{central.pk}/board/"] * 3)
    ha_tinh_plan = Plan.objects.get(issuer__code="42", year=2026)
    figures["board_province_api"] = timed(api_client("hatinh.viewer"), [f"/api/plans/{ha_tinh_plan.pk}/board"] * 3)
    figures["sites_list_api"] = timed(nation, ["/api/sites?year=2026&limit=100", "/api/sites?year=2026&unit=42"])
    figures["sites_geo_api"] = timed(nation, ["/api/sites/geo?year=2026"])

    villages = list(
        Unit.objects.filter(
            province__code="42", kind__in=("village", "residential_group"), closed_on__isnull=True
        ).values_list("code", flat=True)
    )
    officer = api_client("hatinh.officer")
    samples: list[float] = []
    dry_samples: list[float] = []
    for attempt in range(3):
        book = Workbook()
        sheet = book.active
        sheet.append(["Mã đơn vị", "Tên điểm", "Ngày tổ chức", "Giờ bắt đầu", "Địa điểm", "Nội dung chương trình"])
        for n in range(2000):
            sheet.append(
                [
                    villages[(attempt * 2000 + n) % len(villages)],
                    "",
                    f"{rng.randint(7, 19):02d}/08/2026",
                    "07:30",
                    f"Nhà văn hóa {n}",
                    "Hội nghị; Văn nghệ; Tặng quà",
                ]
            )
        buffer = io.BytesIO()
        book.save(buffer)
        data = buffer.getvalue()
        for dry_run, bucket in ((True, dry_samples), (False, samples)):
            from django.core.files.uploadedfile import SimpleUploadedFile

            t0 = time.perf_counter()
            response = officer.post(
                "/api/sites/import",
                {"plan": ha_tinh_plan.pk, "dry_run": dry_run, "file": SimpleUploadedFile("sites.xlsx", data)},
            )
            bucket.append(time.perf_counter() - t0)
            assert response.status_code == 200, response.content[:500]
            assert response.json()["created"] == (0 if dry_run else 2000)
    figures["import_2000_s"] = {"median": round(statistics.median(samples), 2), "max": round(max(samples), 2)}
    figures["import_2000_dry_s"] = {
        "median": round(statistics.median(dry_samples), 2),
        "max": round(max(dry_samples), 2),
    }
    return figures


def _git_state() -> str:
    """The commit measured, and whether antq/ had uncommitted changes (they are measured too)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "antq", "config"], cwd=ROOT, capture_output=True, text=True
        )
    except OSError:
        return ""
    changed = len(dirty.stdout.splitlines())
    return head.stdout.strip() + (f" with {changed} uncommitted files in antq/ and config/" if changed else "")


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores{mem}; {system}; Python {platform.python_version()}"


def _versions(env: dict[str, str]) -> str:
    code = (
        "import django,os;os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings');django.setup();"
        "from django.db import connection as c;c.ensure_connection();"
        "import sqlite3;v=c.vendor;"
        "n=c.cursor().connection.info.server_version if v=='postgresql' else 0;"
        "print(v, f'{n // 10000}.{n % 10000}' if n else sqlite3.sqlite_version)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def _row(name: str, figures: dict[str, Any], target: float | None) -> str:
    verdict = "" if target is None else ("✅" if figures["median_ms"] < target else "❌")
    return (
        f"| {name} | {figures['median_ms']:.1f} | {figures['p95_ms']:.1f} | {figures['max_ms']:.1f} | {figures['n']} "
        f"| {f'< {target:.0f}' if target else ''} {verdict} |"
    )


REPORTING_HEADING = "## Results and reporting (issue 4)"


def _units_section(results: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for figures in results:
        lines += [
            f"## {figures['engine_label']}",
            "",
            f"Dataset: {figures['units_total']:,} units — the real tree (34 provinces, 3,321 communes, 10,794 "
            f"pre-2025 units) plus {figures['generated_villages']:,} generated villages and residential groups. "
            f"Setup {figures['setup_s']} s, generation {figures['generate_s']} s.",
            "",
            "| what | median ms | p95 ms | max ms | requests | target (median) |",
            "|---|---|---|---|---|---|",
            _row("Unit search, API, national scope (24 queries)", figures["search_api_nation"], 20),
            _row("Unit search, API, province scope", figures["search_api_province"], 20),
            _row("Unit search incl. historical units", figures["search_with_history"], 20),
            _row("Unit picker type-ahead (HTML fragment)", figures["picker_html"], 20),
            _row("Province subtree listing, API (page of 100)", figures["province_subtree_api"], 20),
            _row("Province children, API", figures["province_children_api"], 20),
            _row("Province page (HTML, counts by kind)", figures["province_page_html"], None),
            _row("Commune page (HTML)", figures["commune_page_html"], None),
            "",
            f"Festival season: {figures['season_plans']:,} plans and {figures['season_sites']:,} sites in 2026 "
            f"(every province, ~85% of communes with an issued plan); built in {figures['season_s']} s.",
            "",
            "| what | median ms | p95 ms | max ms | requests | target (median) |",
            "|---|---|---|---|---|---|",
            _row("Progress board, central plan over 3,321 communes, API", figures["board_central_api"], 200),
            _row("Progress board, central plan, HTML page", figures["board_central_html"], 200),
            _row("Progress board, province plan (Hà Tĩnh), API", figures["board_province_api"], 200),
            _row("Site listing, national scope, API (page of 100)", figures["sites_list_api"], None),
            _row("Site map data (GeoJSON, all sites of the year)", figures["sites_geo_api"], None),
            "",
            "| import of a 2,000-row .xlsx through the API | median s | max s | target |",
            "|---|---|---|---|",
            f"| check only (dry run) | {figures['import_2000_dry_s']['median']} | {figures['import_2000_dry_s']['max']}"
            f" | |",
            f"| check and register 2,000 sites | {figures['import_2000_s']['median']} "
            f"| {figures['import_2000_s']['max']} | < 5 {'✅' if figures['import_2000_s']['median'] < 5 else '❌'} |",
            "",
        ]
    return lines


def _write(results: list[dict[str, Any]], machine: str, only: str, run: dict[str, Any]) -> None:
    """Rewrite docs/benchmarks.md; with --only, the part that was not run is kept from the file."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    old_units, old_reporting = "", ""
    if "\n## " in old:
        rest = old[old.index("\n## ") + 1 :]
        if REPORTING_HEADING in rest:
            old_units, old_reporting = rest.split(REPORTING_HEADING, 1)
            old_reporting = REPORTING_HEADING + old_reporting
        else:
            old_units = rest
    old_dates = dict(re.findall(r"^- Date, (units and festival|results and reporting): (\S+)", old, re.M))
    if not old_dates:
        found = re.search(r"^- Date: (\S+)", old, re.M)
        if found:
            old_dates["units and festival"] = found.group(1)
    today = dt.date.today().isoformat()
    units_date = today if only in ("all", "units") else old_dates.get("units and festival", "")
    reporting_date = today if only in ("all", "reporting") else old_dates.get("results and reporting", "")
    units = "\n".join(_units_section(results)) + "\n" if only in ("all", "units") else old_units
    reporting = (
        bench_reporting.section(results, run, old_reporting)
        if only in ("all", "reporting", "rewrite")
        else old_reporting
    )
    if not reporting.strip():
        reporting = old_reporting
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py). Server time = a request through Django's whole stack",
        "in-process (middleware, token or session auth, scope, query, JSON/HTML rendering), no network;",
        "the results-and-reporting section also measures over HTTP (gunicorn and wrk on the same machine).",
        "",
        f"- Date, units and festival: {units_date or 'not run'}",
        f"- Date, results and reporting: {reporting_date or 'not run'}",
        f"- Machine: {machine}",
        "",
    ]
    text = "\n".join(lines) + "\n" + units.strip("\n") + "\n\n" + reporting.rstrip("\n") + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--only", choices=("all", "units", "reporting"), default="all")
    parser.add_argument("--villages", type=int, default=75_000)
    parser.add_argument("--values", type=int, default=10_000_000, help="report values (facts) to generate")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--note", default="", help="a sentence for the results file, e.g. that the machine was shared")
    parser.add_argument(
        "--rewrite", action="store_true", help="only re-render docs/benchmarks.md from the figures it keeps"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rewrite:
        _write([], _machine(), "rewrite", {})
        print(f"rewritten: {RESULTS.relative_to(ROOT)}")
        return
    if args.child:
        print("BENCH " + json.dumps(_child(args.child, args.villages, args.repeat, args.only, args.values)))
        return

    started = time.perf_counter()
    load_before = os.getloadavg()
    results = []
    for engine in args.engines.split(","):
        with tempfile.TemporaryDirectory(prefix="antq-bench-") as var:
            env = {
                **os.environ,
                "ANTQ_VAR_DIR": var,
                "ANTQ_DEBUG": "0",
                "ANTQ_STATIC_ROOT": f"{var}/static",
                "ANTQ_SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            }
            if args.only != "units":
                env["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
            database = None
            if engine == "postgres":
                admin = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
                database = f"antq_bench_{args.only}_{os.getpid()}"
                subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {database}"], check=True)
                env["DATABASE_URL"] = admin.rsplit("/", 1)[0] + "/" + database
            else:
                env["DATABASE_URL"] = ""
            try:
                print(f"== {engine}: building the synthetic nation …", flush=True)
                engine_started = time.perf_counter()
                out = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--child",
                        engine,
                        "--only",
                        args.only,
                        "--villages",
                        str(args.villages),
                        "--values",
                        str(args.values),
                        "--repeat",
                        str(args.repeat),
                    ],
                    env=env,
                    cwd=ROOT,
                    stdout=subprocess.PIPE,  # progress goes to stderr, straight through
                    text=True,
                )
                if out.returncode != 0:
                    sys.stderr.write(out.stdout[-3000:])
                    raise SystemExit(f"bench on {engine} failed")
                line = next(line for line in out.stdout.splitlines() if line.startswith("BENCH "))
                figures = json.loads(line[len("BENCH ") :])
                figures["engine_label"] = _versions(env).replace("postgresql", "PostgreSQL").replace("sqlite", "SQLite")
                figures["engine_s"] = round(time.perf_counter() - engine_started)
                results.append(figures)
                print(json.dumps(figures, indent=1), flush=True)
            finally:
                if database:
                    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {database}"], check=False)
    run = {
        "command": " ".join(["python bench/run.py", *sys.argv[1:]]),
        "total_s": round(time.perf_counter() - started),
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "note": args.note,
        "git": _git_state(),
    }
    _write(results, _machine(), args.only, run)
    print(f"written to {RESULTS.relative_to(ROOT)} in {run['total_s']} s", flush=True)


if __name__ == "__main__":
    main()
