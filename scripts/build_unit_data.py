"""Regenerate Vietnam's administrative-unit data files in ``antq/units/data/``.

Provenance
----------
Everything is derived from the data files shipped in the PyPI package
``vietnamadminunits`` (version pinned below, MIT licence, (c) 2025 Tran Ngoc Minh Hieu,
https://github.com/tranngocminhhieu/vietnamadminunits). The package is never imported:
the wheel is downloaded with ``pip download --no-deps`` (or given with ``--wheel`` /
``--data-dir``), unzipped into a temporary directory, and only its data files are read:

* ``data/dataset.db`` (SQLite)
    - ``admin_units``: the 34 provinces / 3,321 communes in force since 1 July 2025;
    - ``admin_units_legacy``: the 63 provinces / 696 districts / ~10,035 communes before that.
* ``data/converter_2025.json``: which old units were merged into which new ones
  (``DICT_PROVINCE``, ``DICT_PROVINCE_WARD_NO_DIVIDED``, ``DICT_PROVINCE_WARD_DIVIDED``),
  keyed by accent-free names such as ``thanhphocantho_quanninhkieu_phuonganbinh``.

The MIT licence requires its copyright and permission notice to travel with substantial
copies, so the notice is reproduced in the generated ``SOURCE.md``.

Outputs (UTF-8, ``\\n`` line endings, sorted by level then code)
------------------------------------------------------------------
* ``units_2025.csv``: current provinces (code ``01``) and communes (code ``00004``).
* ``units_legacy.csv``: pre-2025 units, codes prefixed with ``L`` (``L01``, ``L001``,
  ``L00001``) plus ``successor_codes``: the current codes they were merged into, main first.
* ``SOURCE.md``: provenance, hashes, counts and the corrections applied to the source.

Corrections applied to the source (all are reported when the script runs)
-------------------------------------------------------------------------
* The unit kind is taken from the name's prefix ("Phường ...", "Xã ...") when it disagrees
  with the ``wardType`` column (a handful of rows have the two swapped).
* Prefix capitalisation is normalised ("Thị Trấn X" -> "Thị trấn X"), and the
  disambiguating suffix of legacy short names is dropped ("Yên Viên (Thị trấn)" ->
  "Yên Viên"); the ``kind`` column carries that information.
* An area of 0 km² is treated as unknown (blank).
* Upstream's DICT_PROVINCE_WARD_DIVIDED matches old communes by name, so when two old
  communes with the same name ended up in the same new province each also lists the
  other's main successor as a secondary one (e.g. "Phường 4, TP Tân An" ->
  "Phường Tân Ninh", tens of km away). Such a secondary successor is dropped when it is
  the main successor of the namesake.

Usage::

    python scripts/build_unit_data.py                 # download the pinned wheel from PyPI
    python scripts/build_unit_data.py --wheel vietnamadminunits-1.0.4-py3-none-any.whl
    python scripts/build_unit_data.py --data-dir path/to/vietnamadminunits/data
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import hashlib
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGE = "vietnamadminunits"
PACKAGE_VERSION = "1.0.4"
# sha256 of vietnamadminunits-1.0.4-py3-none-any.whl as published on PyPI.
PINNED_WHEEL_SHA256 = "737ee3662e877290386c1c45ed4d71f2e5fae34ab6fb9c64bfb4cb74b216ea35"
LICENCE = "MIT"
HOMEPAGE = "https://github.com/tranngocminhhieu/vietnamadminunits"

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO_ROOT / "antq" / "units" / "data"
NATION_CODE = "VN"
LEGACY_PREFIX = "L"

COLUMNS_2025 = (
    "code",
    "name",
    "short_name",
    "kind",
    "parent_code",
    "latitude",
    "longitude",
    "area_km2",
)
COLUMNS_LEGACY = (
    "code",
    "name",
    "short_name",
    "kind",
    "parent_code",
    "latitude",
    "longitude",
    "successor_codes",
)

EXPECTED_2025 = {
    "province": 34,
    "commune_total": 3321,
    "commune": 2621,
    "ward": 687,
    "special_zone": 13,
}
EXPECTED_LEGACY = {"province": 63, "district": 696}

# Vietnam's bounding box. Special zones (Trường Sa, Hoàng Sa) lie far east and south.
LAT_RANGE = (6.0, 24.0)
LON_RANGE = (102.0, 118.5)
MAX_COORD_OUTLIERS = 20
FAR_SUCCESSOR_KM = 50.0

# Administrative-type prefixes of unit names, longest first so "Thị trấn" wins over "Thị".
NAME_PREFIXES = (
    "Thành phố",
    "Thị trấn",
    "Đặc khu",
    "Thị xã",
    "Phường",
    "Huyện",
    "Quận",
    "Tỉnh",
    "Xã",
)
COMMUNE_KIND_BY_TYPE = {
    "Xã": "commune",
    "Phường": "ward",
    "Đặc khu": "special_zone",
    "Thị trấn": "township",
}
PROVINCE_KINDS = frozenset({"province", "city"})
CURRENT_COMMUNE_KINDS = frozenset({"commune", "ward", "special_zone"})
SHORT_NAME_SUFFIX = re.compile(r" \((?:" + "|".join(NAME_PREFIXES) + r")\)$", re.IGNORECASE)


class BuildError(Exception):
    """A problem that must stop the build (nothing is written)."""


# --------------------------------------------------------------------------- sources


@dataclass
class Source:
    data_dir: Path
    version: str
    wheel_name: str | None = None
    wheel_sha256: str | None = None
    licence_text: str | None = None
    record_checked: int = 0
    file_sha256: dict[str, str] = field(default_factory=dict)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def download_wheel(dest: Path) -> Path:
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--disable-pip-version-check",
        "--dest",
        str(dest),
        f"{PACKAGE}=={PACKAGE_VERSION}",
    ]
    print("$", " ".join(cmd))
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildError(f"pip download failed:\n{result.stdout}\n{result.stderr}")
    wheels = sorted(dest.glob(f"{PACKAGE}-{PACKAGE_VERSION}-*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one wheel in {dest}, found {[w.name for w in wheels]}")
    return wheels[0]


def unpack_wheel(wheel: Path, dest: Path) -> Source:
    sha = sha256_file(wheel)
    if wheel.name.startswith(f"{PACKAGE}-{PACKAGE_VERSION}-") and sha != PINNED_WHEEL_SHA256:
        raise BuildError(f"{wheel.name}: sha256 {sha} does not match the pinned {PINNED_WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as zf:
        for member in zf.namelist():
            target = (dest / member).resolve()
            if not target.is_relative_to(dest.resolve()):
                raise BuildError(f"unsafe path in wheel: {member}")
        zf.extractall(dest)
    source = source_from_data_dir(dest / PACKAGE / "data")
    source.wheel_name = wheel.name
    source.wheel_sha256 = sha
    return source


def source_from_data_dir(data_dir: Path) -> Source:
    for name in ("dataset.db", "converter_2025.json"):
        if not (data_dir / name).is_file():
            raise BuildError(f"{data_dir / name} not found")
    source = Source(data_dir=data_dir, version="unknown")
    source.file_sha256 = {name: sha256_file(data_dir / name) for name in ("dataset.db", "converter_2025.json")}
    # An unpacked wheel keeps its dist-info next to the package: read the version and
    # licence from it, and check the data files against the wheel's RECORD hashes.
    site = data_dir.resolve().parent.parent
    dist_infos = sorted(site.glob(f"{PACKAGE}-*.dist-info"))
    if len(dist_infos) == 1:
        dist_info = dist_infos[0]
        metadata = (dist_info / "METADATA").read_text(encoding="utf-8")
        match = re.search(r"^Version: (\S+)$", metadata, re.MULTILINE)
        if match:
            source.version = match.group(1)
        for licence in sorted(dist_info.glob("**/LICENSE*")):
            source.licence_text = licence.read_text(encoding="utf-8").strip()
            break
        source.record_checked = check_record(dist_info / "RECORD", site)
    return source


def check_record(record: Path, site: Path) -> int:
    """Verify the data files listed in a wheel RECORD; return how many were checked."""
    if not record.is_file():
        return 0
    checked = 0
    with record.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 2 or not row[1].startswith("sha256="):
                continue
            if not row[0].startswith(f"{PACKAGE}/data/"):
                continue
            expected = row[1].removeprefix("sha256=")
            raw = bytes.fromhex(sha256_file(site / row[0]))
            actual = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
            if actual != expected:
                raise BuildError(f"{row[0]} does not match the hash in {record}")
            checked += 1
    return checked


# --------------------------------------------------------------------------- helpers


def nfc(value: str | None) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def split_prefix(name: str) -> tuple[str | None, str]:
    """Return (canonical prefix, name with canonically-capitalised prefix)."""
    lowered = name.lower()
    for prefix in NAME_PREFIXES:
        if lowered.startswith(prefix.lower() + " "):
            return prefix, prefix + name[len(prefix) :]
    return None, name


def province_kind(name: str) -> str:
    return "city" if name.startswith("Thành phố") else "province"


def fmt_coord(value: float | None) -> str:
    return "" if value is None else repr(round(float(value), 5))


def fmt_area(value: float | None) -> str:
    if value is None or float(value) <= 0:
        return ""
    return repr(round(float(value), 2))


def short_name(short: str | None, fallback: str) -> str:
    value = SHORT_NAME_SUFFIX.sub("", nfc(short))
    return value or fallback


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Report:
    """Things worth telling the operator that do not stop the build."""

    kind_fixes: list[str] = field(default_factory=list)
    name_fixes: list[str] = field(default_factory=list)
    missing_area: list[str] = field(default_factory=list)
    missing_coords: list[str] = field(default_factory=list)
    dropped_successors: list[str] = field(default_factory=list)
    unresolved_keys: list[str] = field(default_factory=list)
    far_successors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


Row = dict[str, str]


def commune_kind(name: str, ward_type: str | None, where: str, report: Report) -> tuple[str, str]:
    prefix, fixed = split_prefix(name)
    if fixed != name:
        report.name_fixes.append(f"{where}: {name!r} -> {fixed!r}")
    by_type = COMMUNE_KIND_BY_TYPE.get(nfc(ward_type))
    by_name = COMMUNE_KIND_BY_TYPE.get(prefix or "")
    kind = by_name or by_type
    if kind is None:
        raise BuildError(f"{where}: cannot tell the kind of {name!r} (wardType {ward_type!r})")
    if by_type and by_name and by_type != by_name:
        report.kind_fixes.append(f"{where} {fixed}: wardType {ward_type!r}, name says {kind}")
    return kind, fixed


# --------------------------------------------------------------------------- building


@dataclass
class Current:
    rows: list[Row]
    ward_code: dict[tuple[str, str], str]  # (provinceKey, wardKey) -> wardCode
    province_code: dict[str, str]  # provinceKey -> provinceCode
    province_of: dict[str, str]  # any current code -> its province code
    coords: dict[str, tuple[float, float]]


def build_current(db: sqlite3.Connection, report: Report) -> Current:
    rows: list[Row] = []
    ward_code: dict[tuple[str, str], str] = {}
    province_code: dict[str, str] = {}
    province_of: dict[str, str] = {}
    coords: dict[str, tuple[float, float]] = {}
    provinces: dict[str, Row] = {}
    query = """
        SELECT province, provinceShort, provinceCode, provinceLat, provinceLon, provinceKey,
               ward, wardShort, wardType, wardCode, wardLat, wardLon, wardAreaKm2, wardKey
        FROM admin_units
    """
    for (
        p_name,
        p_short,
        p_code,
        p_lat,
        p_lon,
        p_key,
        w_name,
        w_short,
        w_type,
        w_code,
        w_lat,
        w_lon,
        w_area,
        w_key,
    ) in db.execute(query):
        p_name, p_code, w_code, w_name = (
            nfc(p_name),
            nfc(p_code),
            nfc(w_code),
            nfc(w_name),
        )
        if p_code not in provinces:
            provinces[p_code] = {
                "code": p_code,
                "name": p_name,
                "short_name": short_name(p_short, p_name),
                "kind": province_kind(p_name),
                "parent_code": NATION_CODE,
                "latitude": fmt_coord(p_lat),
                "longitude": fmt_coord(p_lon),
                "area_km2": "",
            }
            province_code[p_key] = p_code
            province_of[p_code] = p_code
            if p_lat is not None and p_lon is not None:
                coords[p_code] = (p_lat, p_lon)
        kind, name = commune_kind(w_name, w_type, w_code, report)
        if (p_key, w_key) in ward_code:
            raise BuildError(f"duplicate current key {p_key}_{w_key}")
        ward_code[(p_key, w_key)] = w_code
        province_of[w_code] = p_code
        if w_lat is None or w_lon is None:
            report.missing_coords.append(f"{w_code} {name}, {p_name}")
        else:
            coords[w_code] = (w_lat, w_lon)
        if w_area is None or float(w_area) <= 0:
            report.missing_area.append(f"{w_code} {name}, {p_name} (source: {w_area!r})")
        rows.append(
            {
                "code": w_code,
                "name": name,
                "short_name": short_name(w_short, name),
                "kind": kind,
                "parent_code": p_code,
                "latitude": fmt_coord(w_lat),
                "longitude": fmt_coord(w_lon),
                "area_km2": fmt_area(w_area),
            }
        )
    rows.extend(provinces.values())
    return Current(rows, ward_code, province_code, province_of, coords)


@dataclass
class Legacy:
    rows: list[Row]
    ward_code: dict[str, str]  # provinceKey_districtKey_wardKey -> wardCode
    district_code: dict[str, str]  # provinceKey_districtKey -> districtCode
    province_code: dict[str, str]  # provinceKey -> provinceCode
    ward_short_key: dict[str, str]  # wardCode -> wardKey (for namesake detection)
    communes_of_district: dict[str, list[str]]
    communes_of_province: dict[str, list[str]]
    coords: dict[str, tuple[float, float]]
    table_rows: int = 0
    district_only_rows: list[str] = field(default_factory=list)


def build_legacy(db: sqlite3.Connection, report: Report) -> Legacy:
    leg = Legacy([], {}, {}, {}, {}, defaultdict(list), defaultdict(list), {})
    provinces: dict[str, Row] = {}
    districts: dict[str, Row] = {}
    query = """
        SELECT province, provinceShort, provinceCode, provinceLat, provinceLon, provinceKey,
               district, districtShort, districtCode, districtLat, districtLon, districtKey,
               ward, wardShort, wardType, wardCode, wardLat, wardLon, wardKey
        FROM admin_units_legacy
    """
    for (
        p_name,
        p_short,
        p_code,
        p_lat,
        p_lon,
        p_key,
        d_name,
        d_short,
        d_code,
        d_lat,
        d_lon,
        d_key,
        w_name,
        w_short,
        w_type,
        w_code,
        w_lat,
        w_lon,
        w_key,
    ) in db.execute(query):
        leg.table_rows += 1
        p_name, p_code, d_code, w_code = (
            nfc(p_name),
            nfc(p_code),
            nfc(d_code),
            nfc(w_code),
        )
        p_lcode, d_lcode = LEGACY_PREFIX + p_code, LEGACY_PREFIX + d_code
        if p_code not in provinces:
            provinces[p_code] = {
                "code": p_lcode,
                "name": p_name,
                "short_name": short_name(p_short, p_name),
                "kind": province_kind(p_name),
                "parent_code": NATION_CODE,
                "latitude": fmt_coord(p_lat),
                "longitude": fmt_coord(p_lon),
            }
            leg.province_code[p_key] = p_code
            if p_lat is not None and p_lon is not None:
                leg.coords[p_lcode] = (p_lat, p_lon)
        if d_code not in districts:
            _, name = split_prefix(nfc(d_name))
            if name != nfc(d_name):
                report.name_fixes.append(f"{d_lcode}: {nfc(d_name)!r} -> {name!r}")
            districts[d_code] = {
                "code": d_lcode,
                "name": name,
                "short_name": short_name(d_short, name),
                "kind": "district",
                "parent_code": p_lcode,
                "latitude": fmt_coord(d_lat),
                "longitude": fmt_coord(d_lon),
            }
            leg.district_code[f"{p_key}_{d_key}"] = d_code
            if d_lat is not None and d_lon is not None:
                leg.coords[d_lcode] = (d_lat, d_lon)
        if not w_code:
            # Island districts (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) had no communes.
            leg.district_only_rows.append(f"{d_lcode} {districts[d_code]['name']}, {p_name}")
            continue
        w_lcode = LEGACY_PREFIX + w_code
        kind, name = commune_kind(nfc(w_name), w_type, w_lcode, report)
        full_key = f"{p_key}_{d_key}_{w_key}"
        if full_key in leg.ward_code:
            raise BuildError(f"duplicate legacy key {full_key}")
        leg.ward_code[full_key] = w_code
        leg.ward_short_key[w_code] = w_key
        leg.communes_of_district[d_code].append(w_code)
        leg.communes_of_province[p_code].append(w_code)
        if w_lat is None or w_lon is None:
            report.missing_coords.append(f"{w_lcode} {name}, {p_name}")
        else:
            leg.coords[w_lcode] = (w_lat, w_lon)
        leg.rows.append(
            {
                "code": w_lcode,
                "name": name,
                "short_name": short_name(w_short, name),
                "kind": kind,
                "parent_code": d_lcode,
                "latitude": fmt_coord(w_lat),
                "longitude": fmt_coord(w_lon),
            }
        )
    leg.rows.extend(districts.values())
    leg.rows.extend(provinces.values())
    return leg


def ranked(counter: Counter[str], tie_break: Counter[str] | None = None) -> list[str]:
    """Codes by descending count, then by tie_break count, then by code."""
    tie = tie_break or Counter()
    return sorted(counter, key=lambda code: (-counter[code], -tie[code], code))


def resolve_successors(converter: dict[str, Any], cur: Current, leg: Legacy, report: Report) -> dict[str, list[str]]:
    """Map every legacy code (with its L prefix) to current codes, main successor first."""
    # Main successor and secondary successors (in source order) per old commune code.
    main: dict[str, str] = {}
    secondary: dict[str, list[str]] = defaultdict(list)
    district_extra: dict[str, list[str]] = defaultdict(list)  # communeless districts

    def new_code(p_key: str, w_key: str, context: str) -> str | None:
        code = cur.ward_code.get((p_key, w_key))
        if code is None:
            report.unresolved_keys.append(f"new ward {p_key}_{w_key} ({context})")
        return code

    def set_main(old: str, new: str, context: str) -> None:
        if old in main and main[old] != new:
            raise BuildError(f"{context}: {old} has two main successors {main[old]}, {new}")
        main[old] = new

    no_divided = converter["DICT_PROVINCE_WARD_NO_DIVIDED"]
    for p_key, wards in sorted(no_divided.items()):
        for w_key, old_keys in sorted(wards.items()):
            new = new_code(p_key, w_key, "DICT_PROVINCE_WARD_NO_DIVIDED")
            if new is None:
                continue
            for old_key in old_keys:
                if old_key in leg.ward_code:
                    set_main(leg.ward_code[old_key], new, old_key)
                elif old_key.endswith("_") and old_key[:-1] in leg.district_code:
                    # "tinhquangngai_huyenlyson_": a communeless district became a special zone.
                    district_extra[leg.district_code[old_key[:-1]]].append(new)
                else:
                    report.unresolved_keys.append(f"old unit {old_key} (-> {p_key}_{w_key})")

    divided = converter["DICT_PROVINCE_WARD_DIVIDED"]
    for p_key, olds in sorted(divided.items()):
        for old_key, parts in sorted(olds.items()):
            old = leg.ward_code.get(old_key)
            if old is None:
                report.unresolved_keys.append(f"old unit {old_key} (divided, in {p_key})")
                continue
            for part in parts:
                new = new_code(p_key, part["newWardKey"], f"divided part of {old_key}")
                if new is None:
                    continue
                if part["isDefaultNewWard"]:
                    set_main(old, new, old_key)
                elif new not in secondary[old]:
                    secondary[old].append(new)

    # Drop a secondary successor that is really the main successor of a namesake old commune
    # in the same new province (upstream matched split communes by name; see docstring).
    old_label, new_label = labeller(leg.rows), labeller(cur.rows)
    namesakes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for old, new in main.items():
        namesakes[(cur.province_of[new], leg.ward_short_key[old])].append(old)
    for old, news in secondary.items():
        kept = []
        for new in news:
            twins = [
                o for o in namesakes[(cur.province_of[new], leg.ward_short_key[old])] if o != old and main[o] == new
            ]
            if twins and new != main.get(old):
                report.dropped_successors.append(
                    f"L{old} {old_label['L' + old]} -/-> {new} {new_label[new]} "
                    f"(main successor of namesake L{twins[0]} {old_label['L' + twins[0]]})"
                )
            elif new != main.get(old):
                kept.append(new)
        secondary[old] = kept

    successors: dict[str, list[str]] = {}
    for old in leg.ward_short_key:
        codes = ([main[old]] if old in main else []) + secondary.get(old, [])
        successors[LEGACY_PREFIX + old] = codes

    # Districts roll up to the provinces their communes went to, most communes first.
    for d_code in set(leg.district_code.values()):
        by_main: Counter[str] = Counter()
        by_any: Counter[str] = Counter()
        for old in leg.communes_of_district.get(d_code, []):
            if old in main:
                by_main[cur.province_of[main[old]]] += 1
            for p in {cur.province_of[c] for c in successors[LEGACY_PREFIX + old]}:
                by_any[p] += 1
        for new in district_extra.get(d_code, []):
            by_main[cur.province_of[new]] += 1
            by_any[cur.province_of[new]] += 1
        for p in by_any:
            by_main.setdefault(p, 0)
        successors[LEGACY_PREFIX + d_code] = ranked(by_main, by_any)

    # Provinces: invert DICT_PROVINCE; rank several successors by how many communes went where.
    inverted: dict[str, list[str]] = defaultdict(list)
    for new_p_key, old_p_keys in sorted(converter["DICT_PROVINCE"].items()):
        new_p = cur.province_code.get(new_p_key)
        if new_p is None:
            report.unresolved_keys.append(f"new province {new_p_key}")
            continue
        for old_p_key in old_p_keys:
            old_p = leg.province_code.get(old_p_key)
            if old_p is None:
                report.unresolved_keys.append(f"old province {old_p_key} (-> {new_p_key})")
                continue
            inverted[old_p].append(new_p)
    for old_p in set(leg.province_code.values()):
        went: Counter[str] = Counter(
            cur.province_of[main[c]] for c in leg.communes_of_province.get(old_p, []) if c in main
        )
        declared = inverted.get(old_p, [])
        stray = sorted(set(went) - set(declared))
        if stray:
            report.notes.append(f"L{old_p}: communes went to provinces {stray} not listed in DICT_PROVINCE")
        for p in declared:
            went.setdefault(p, 0)
        successors[LEGACY_PREFIX + old_p] = ranked(went) if declared else []
    return successors


# --------------------------------------------------------------------------- validation


def sort_rows(rows: Iterable[Row]) -> list[Row]:
    order = {"province": 0, "city": 0, "district": 1}
    return sorted(rows, key=lambda r: (order.get(r["kind"], 2), r["code"]))


def coord_outliers(rows: Sequence[Row]) -> list[str]:
    out = []
    for row in rows:
        if not row["latitude"] or not row["longitude"]:
            continue
        lat, lon = float(row["latitude"]), float(row["longitude"])
        if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
            out.append(f"{row['code']} {row['name']}: ({lat}, {lon})")
    return out


def validate(cur_rows: list[Row], leg_rows: list[Row], leg: Legacy) -> list[str]:
    """Return fatal problems (empty if the data may be written); print the warnings."""
    errors: list[str] = []
    kinds_2025 = Counter(r["kind"] for r in cur_rows)
    kinds_legacy = Counter(r["kind"] for r in leg_rows)

    provinces = kinds_2025["province"] + kinds_2025["city"]
    communes = sum(kinds_2025[k] for k in CURRENT_COMMUNE_KINDS)
    checks = [
        ("current provinces", provinces, EXPECTED_2025["province"]),
        ("current communes", communes, EXPECTED_2025["commune_total"]),
        *((f"current {k}", kinds_2025[k], EXPECTED_2025[k]) for k in ("commune", "ward", "special_zone")),
        (
            "legacy provinces",
            kinds_legacy["province"] + kinds_legacy["city"],
            EXPECTED_LEGACY["province"],
        ),
        ("legacy districts", kinds_legacy["district"], EXPECTED_LEGACY["district"]),
        (
            "legacy communes",
            kinds_legacy["commune"] + kinds_legacy["ward"] + kinds_legacy["township"],
            leg.table_rows - len(leg.district_only_rows),
        ),
    ]
    for label, got, want in checks:
        if got != want:
            errors.append(f"{label}: {got}, expected {want}")
    if sum(kinds_2025.values()) != provinces + communes:
        errors.append(f"unexpected kinds in units_2025: {dict(kinds_2025)}")

    for label, rows, roots in (
        ("units_2025", cur_rows, {NATION_CODE}),
        ("units_legacy", leg_rows, {NATION_CODE}),
    ):
        codes = Counter(r["code"] for r in rows)
        dupes = [c for c, n in codes.items() if n > 1]
        if dupes:
            errors.append(f"{label}: duplicate codes {dupes[:10]}")
        orphans = [r["code"] for r in rows if r["parent_code"] not in codes.keys() | roots]
        if orphans:
            errors.append(f"{label}: {len(orphans)} rows with unknown parent, e.g. {orphans[:10]}")
    current_codes = {r["code"] for r in cur_rows}
    if current_codes & {r["code"] for r in leg_rows}:
        errors.append("legacy and current codes collide")

    current_kind = {r["code"]: r["kind"] for r in cur_rows}
    no_successor: Counter[str] = Counter()
    for row in leg_rows:
        succ = row["successor_codes"].split()
        if not succ:
            no_successor[row["kind"]] += 1
            continue
        unknown = [c for c in succ if c not in current_codes]
        if unknown:
            errors.append(f"{row['code']}: successor codes {unknown} not in units_2025")
            continue
        level_kinds = PROVINCE_KINDS if row["kind"] in PROVINCE_KINDS | {"district"} else CURRENT_COMMUNE_KINDS
        if any(current_kind[c] not in level_kinds for c in succ):
            errors.append(f"{row['code']}: successors {succ} are not of the expected level")
        if len(set(succ)) != len(succ):
            errors.append(f"{row['code']}: repeated successor codes {succ}")
    if no_successor:
        errors.append(f"legacy units without a successor: {dict(no_successor)}")

    outliers = coord_outliers(cur_rows) + coord_outliers(leg_rows)
    print(f"coordinates outside lat {LAT_RANGE} / lon {LON_RANGE}: {len(outliers)}")
    for line in outliers:
        print("   ", line)
    if len(outliers) > MAX_COORD_OUTLIERS:
        errors.append(f"{len(outliers)} coordinate outliers (> {MAX_COORD_OUTLIERS})")
    return errors


def labeller(rows: Sequence[Row]) -> dict[str, str]:
    """code -> "name, parent name" for messages."""
    names = {r["code"]: r["name"] for r in rows}
    return {r["code"]: f"{r['name']}, {names.get(r['parent_code'], 'VN')}" for r in rows}


def far_successors(leg_rows: Sequence[Row], cur: Current, leg: Legacy) -> list[str]:
    """Main successors of legacy communes that lie suspiciously far away (informational)."""
    old_label, new_label = labeller(leg_rows), labeller(cur.rows)
    out = []
    for row in leg_rows:
        if row["kind"] in PROVINCE_KINDS | {"district"} or not row["successor_codes"]:
            continue
        first = row["successor_codes"].split()[0]
        if row["code"] in leg.coords and first in cur.coords:
            km = haversine_km(leg.coords[row["code"]], cur.coords[first])
            if km > FAR_SUCCESSOR_KM:
                out.append(f"{row['code']} {old_label[row['code']]} -> {first} {new_label[first]}: {km:.0f} km")
    return out


# --------------------------------------------------------------------------- output


def write_csv(path: Path, columns: Sequence[str], rows: Sequence[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def source_md(
    source: Source,
    cur_rows: list[Row],
    leg_rows: list[Row],
    multi: int,
    report: Report,
    leg: Legacy,
) -> str:
    today = dt.date.today().isoformat()
    lines = [
        "# Administrative-unit data: provenance",
        "",
        "Generated by `scripts/build_unit_data.py`; do not edit the CSV files by hand.",
        "",
        (
            f"- Source package: [`{PACKAGE}`](https://pypi.org/project/{PACKAGE}/) "
            f"version **{source.version}** ({HOMEPAGE})"
        ),
        f"- Licence: **{LICENCE}** (notice reproduced below)",
        f"- Wheel: `{source.wheel_name or 'n/a (read from an unpacked data directory)'}`",
        f"- Wheel sha256: `{source.wheel_sha256 or 'n/a'}`",
        *(f"- `data/{name}` sha256: `{sha}`" for name, sha in sorted(source.file_sha256.items())),
        f"- Generated: {today}",
        "",
        "Only the package's data files (`data/dataset.db`, `data/converter_2025.json`) are",
        "read; the package is never imported.",
        "",
        "## Files",
        "",
        "`units_2025.csv`: the 34 provinces and 3,321 communes in force since 1 July 2025,",
        "with their official codes (2-digit province, 5-digit commune). The nation row",
        "(`VN`) is created by the loader and is not listed. Columns:",
        "`" + ",".join(COLUMNS_2025) + "`.",
        "",
        "`units_legacy.csv`: the units in force before 1 July 2025, codes prefixed with `L`",
        "(`L01` province, `L001` district, `L00001` commune). `successor_codes` lists the",
        "current units each was merged into, space-separated, main successor first.",
        "Districts were abolished, so they roll up to provinces. Columns:",
        "`" + ",".join(COLUMNS_LEGACY) + "`.",
        "",
        "Rows are sorted by level (provinces, districts, communes), then by code.",
        "",
        "## Counts",
        "",
        "| file | kind | rows |",
        "| --- | --- | ---: |",
    ]
    for label, rows in (("units_2025.csv", cur_rows), ("units_legacy.csv", leg_rows)):
        for kind, n in sorted(Counter(r["kind"] for r in rows).items()):
            lines.append(f"| {label} | {kind} | {n:,} |")
    communes = leg.table_rows - len(leg.district_only_rows)
    lines += [
        "",
        f"Legacy units with more than one successor: {multi:,}.",
        "",
        f"The source's legacy table has {leg.table_rows:,} rows: {communes:,} communes and",
        f"{len(leg.district_only_rows)} island districts that had no communes and became",
        "special zones in 2025 (their successor is the province of that special zone).",
        "",
        "## Corrections applied to the source",
        "",
        "- Kind taken from the name prefix where the source's `wardType` disagreed.",
        "- Name prefixes re-capitalised (`Thị Trấn` -> `Thị trấn`).",
        "- Disambiguating suffixes removed from legacy short names",
        "  (`Yên Viên (Thị trấn)` -> `Yên Viên`; `kind` tells them apart).",
        "- Blank `area_km2` where the source has none or 0.",
        "- Secondary successors dropped where upstream matched split communes by name and",
        "  gave two namesakes each other's main successor.",
        "",
    ]
    details = (
        ("Kind taken from the name", report.kind_fixes),
        ("Names re-capitalised", report.name_fixes),
        ("Communes without area", report.missing_area),
        ("Secondary successors dropped", report.dropped_successors),
        (
            (
                f"Known issue, not corrected: main successor more than {FAR_SUCCESSOR_KM:.0f} km"
                " from the old commune (one side's coordinates are geocoding errors)"
            ),
            report.far_successors,
        ),
    )
    for title, items in details:
        lines += [f"### {title} ({len(items)})", ""]
        lines += [f"- {item}" for item in items] or ["- none"]
        lines.append("")
    lines += [
        "## Regenerating",
        "",
        "```sh",
        "python scripts/build_unit_data.py            # downloads the pinned wheel from PyPI",
        "python scripts/build_unit_data.py --wheel PATH_TO.whl",
        "python scripts/build_unit_data.py --data-dir PATH/vietnamadminunits/data",
        "```",
        "",
        "The script pins the package version and the wheel's sha256, validates everything",
        "(counts, unique codes, parents, successors, coordinates) and only then replaces the",
        "files.",
        "",
        "## Licence of the source data",
        "",
        "```text",
        source.licence_text or f"{LICENCE} License, Copyright (c) 2025 Tran Ngoc Minh Hieu",
        "```",
        "",
    ]
    return "\n".join(lines)


def print_list(title: str, items: Sequence[str], limit: int = 40) -> None:
    print(f"{title}: {len(items)}")
    for line in items[:limit]:
        print("   ", line)
    if len(items) > limit:
        print(f"    ... and {len(items) - limit} more")


def build(source: Source, out_dir: Path) -> int:
    report = Report()
    db = sqlite3.connect(f"file:{source.data_dir / 'dataset.db'}?mode=ro", uri=True)
    try:
        cur = build_current(db, report)
        leg = build_legacy(db, report)
    finally:
        db.close()
    converter = json.loads((source.data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    successors = resolve_successors(converter, cur, leg, report)
    for row in leg.rows:
        row["successor_codes"] = " ".join(successors.get(row["code"], []))

    cur_rows, leg_rows = sort_rows(cur.rows), sort_rows(leg.rows)
    multi = sum(1 for r in leg_rows if len(r["successor_codes"].split()) > 1)

    print(
        f"source: {PACKAGE} {source.version}, wheel sha256 {source.wheel_sha256 or 'n/a'}"
        + (f", {source.record_checked} data files match RECORD" if source.record_checked else "")
    )
    print(
        f"legacy table rows: {leg.table_rows} "
        f"({leg.table_rows - len(leg.district_only_rows)} communes, "
        f"{len(leg.district_only_rows)} communeless districts)"
    )
    print_list("communeless legacy districts", leg.district_only_rows)
    print_list("kind taken from the name (wardType disagreed)", report.kind_fixes)
    print_list("name prefixes re-capitalised", report.name_fixes)
    print_list("communes without coordinates", report.missing_coords)
    print_list("communes without area", report.missing_area)
    print_list("spurious secondary successors dropped", report.dropped_successors)
    report.far_successors = far_successors(leg_rows, cur, leg)
    print_list(
        f"main successor > {FAR_SUCCESSOR_KM:.0f} km from the old commune (informational)",
        report.far_successors,
        10,
    )
    print_list("notes", report.notes)
    print_list("UNRESOLVED converter keys", report.unresolved_keys)
    print_list(
        "legacy units without a successor",
        [f"{r['code']} {r['name']} ({r['kind']})" for r in leg_rows if not r["successor_codes"]],
    )

    errors = validate(cur_rows, leg_rows, leg)
    if report.unresolved_keys:
        errors.append(f"{len(report.unresolved_keys)} converter keys could not be resolved")
    if errors:
        print("\nVALIDATION FAILED, nothing written:", file=sys.stderr)
        for error in errors:
            print("  -", error, file=sys.stderr)
        return 1

    out_dir.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, Callable[[Path], object]] = {
        "units_2025.csv": lambda p: write_csv(p, COLUMNS_2025, cur_rows),
        "units_legacy.csv": lambda p: write_csv(p, COLUMNS_LEGACY, leg_rows),
        "SOURCE.md": lambda p: p.write_text(
            source_md(source, cur_rows, leg_rows, multi, report, leg),
            encoding="utf-8",
            newline="\n",
        ),
    }
    temps: dict[str, Path] = {}
    try:
        for name, writer in outputs.items():
            fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", dir=out_dir)
            os.close(fd)
            temps[name] = Path(tmp_name)
            writer(temps[name])
        for name, tmp_path in temps.items():
            tmp_path.chmod(0o644)
            tmp_path.replace(out_dir / name)
    finally:
        for tmp_path in temps.values():
            tmp_path.unlink(missing_ok=True)

    print("\nsummary")
    for label, rows in (("units_2025.csv", cur_rows), ("units_legacy.csv", leg_rows)):
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(Counter(r["kind"] for r in rows).items()))
        size = (out_dir / label).stat().st_size
        print(f"  {label}: {len(rows)} rows ({kinds}); {size:,} bytes")
    print(f"  legacy units with more than one successor: {multi}")
    print(f"  written to {out_dir}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--wheel", type=Path, help="use this wheel instead of downloading it")
    group.add_argument("--data-dir", type=Path, help="use this unpacked vietnamadminunits/data")
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help=f"where to write the files (default: {DEFAULT_OUT_DIR})",
    )
    args = parser.parse_args(argv)
    try:
        if args.data_dir:
            return build(source_from_data_dir(args.data_dir), args.out_dir)
        with tempfile.TemporaryDirectory(prefix="vau-") as tmp:
            tmp_path = Path(tmp)
            wheel = args.wheel or download_wheel(tmp_path / "download")
            return build(unpack_wheel(wheel, tmp_path / "unpacked"), args.out_dir)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
