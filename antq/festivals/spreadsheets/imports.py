"""The .xlsx import of festival sites: read a workbook into `SiteInput`s naming every bad cell, and
register them through `services.sites_bulk_create` (whose rules name every bad row), all or none.
Between the dry run and the confirmation the checked file waits, private to its uploader, under
MEDIA_ROOT/imports, so it is not uploaded twice."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from antq.core.actor import Actor
from antq.core.text import normalise_search
from antq.festivals.models import PilotTier, ProgrammeItem
from antq.festivals.services import BulkResult, RowProblem, SiteInput, sites_bulk_create

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Vietnamese header as written in the template
    required: bool = False
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("unit_code", "Mã đơn vị", True, ("ma don vi", "unit code", "unit_code", "ma dv")),
    Column("name", "Tên điểm", False, ("ten diem", "ten", "name")),
    Column("date", "Ngày tổ chức", True, ("ngay", "ngay to chuc", "date")),
    Column("start_time", "Giờ bắt đầu", False, ("gio", "gio bat dau", "start time", "start_time")),
    Column("end_time", "Giờ kết thúc", False, ("gio ket thuc", "end time", "end_time")),
    Column("venue", "Địa điểm", True, ("dia diem", "venue")),
    Column("latitude", "Vĩ độ", False, ("vi do", "latitude", "lat")),
    Column("longitude", "Kinh độ", False, ("kinh do", "longitude", "lon", "lng")),
    Column("pilot_tier", "Cấp điểm", False, ("cap diem", "diem chi dao", "pilot tier", "pilot_tier")),
    Column("programme", "Nội dung chương trình", False, ("noi dung chuong trinh", "chuong trinh", "programme")),
    Column("invited_leaders", "Khách mời", False, ("khach moi", "invited leaders", "invited_leaders")),
    Column(
        "expected_participants",
        "Số người dự kiến",
        False,
        ("so nguoi du kien", "so nguoi", "expected participants", "expected_participants"),
    ),
)
COLUMN_BY_ALIAS = {normalise_search(alias): c for c in COLUMNS for alias in (c.header, *c.aliases)}
TIER_WORDS = {
    "": PilotTier.NONE,
    "dien rong": PilotTier.NONE,
    "khong": PilotTier.NONE,
    "none": PilotTier.NONE,
    "bo": PilotTier.MINISTRY,
    "diem cua bo": PilotTier.MINISTRY,
    "diem bo": PilotTier.MINISTRY,
    "bo cong an": PilotTier.MINISTRY,
    "ministry": PilotTier.MINISTRY,
    "tinh": PilotTier.PROVINCE,
    "diem cua tinh": PilotTier.PROVINCE,
    "diem tinh": PilotTier.PROVINCE,
    "province": PilotTier.PROVINCE,
}
DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
TIME_TEXT = re.compile(r"^(\d{1,2})[:hH.](\d{2})?$")


@dataclass
class ParsedSheet:
    rows: list[SiteInput] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


# The names officers write in their own files, whatever the UI language (folded when matched).
PROGRAMME_NAMES_VI: dict[str, tuple[str, ...]] = {
    ProgrammeItem.MEETING: ("Hội nghị", "Họp mặt", "Mít tinh", "Khai mạc"),
    ProgrammeItem.TRADITION_REVIEW: ("Ôn lại truyền thống", "Ôn truyền thống"),
    ProgrammeItem.COMMENDATIONS: ("Biểu dương, khen thưởng", "Khen thưởng", "Biểu dương"),
    ProgrammeItem.EXPERIENCE_SHARING: ("Chia sẻ kinh nghiệm", "Giao lưu, chia sẻ kinh nghiệm"),
    ProgrammeItem.PLEDGE_SIGNING: ("Ký kết giao ước thi đua", "Giao ước thi đua", "Ký giao ước"),
    ProgrammeItem.CULTURE: ("Hoạt động văn hóa", "Văn hóa"),
    ProgrammeItem.ARTS: ("Văn nghệ", "Biểu diễn văn nghệ"),
    ProgrammeItem.SPORTS: ("Thể dục thể thao", "Thể thao"),
    ProgrammeItem.FOLK_GAMES: ("Trò chơi dân gian",),
    ProgrammeItem.DRILLS: ("Diễn tập", "Diễn tập phương án"),
    ProgrammeItem.FORUMS: ("Diễn đàn",),
    ProgrammeItem.LAW_CONTESTS: ("Hội thi tìm hiểu pháp luật", "Thi tìm hiểu pháp luật", "Hội thi pháp luật"),
    ProgrammeItem.ID_CARDS: ("Làm thủ tục căn cước", "Căn cước", "Làm căn cước", "Cấp căn cước"),
    ProgrammeItem.WEAPONS_COLLECTION: (
        "Thu hồi vũ khí, vật liệu nổ, công cụ hỗ trợ",
        "Thu hồi vũ khí",
        "Thu hồi VK, VLN, CCHT",
    ),
    ProgrammeItem.MEDICAL_EXAMS: ("Khám, chữa bệnh, cấp thuốc miễn phí", "Khám bệnh miễn phí", "Khám chữa bệnh"),
    ProgrammeItem.ROAD_REPAIR: ("Sửa chữa đường giao thông", "Sửa đường", "Làm đường"),
    ProgrammeItem.HOUSE_BUILDING: ("Xây, sửa nhà cho hộ khó khăn", "Xây nhà", "Sửa nhà", "Xây dựng nhà"),
    ProgrammeItem.GIFTS: ("Tặng quà", "Trao quà"),
}


def programme_lookup() -> dict[str, str]:
    """Programme item codes, their usual Vietnamese names and their UI labels (both languages),
    folded, -> code."""
    from django.utils import translation

    lookup: dict[str, str] = {
        normalise_search(name): item for item, names in PROGRAMME_NAMES_VI.items() for name in names
    }
    for item in ProgrammeItem:
        lookup[normalise_search(item.value)] = item.value
        lookup[normalise_search(str(item.label))] = item.value
        with translation.override("vi"):
            lookup[normalise_search(str(item.label))] = item.value
        with translation.override("en"):
            lookup[normalise_search(str(item.label))] = item.value
    return lookup


def parse_sites_workbook(data: bytes) -> ParsedSheet:
    """Read the first sheet: a header row (columns matched by name, in any order, diacritics
    ignored), then one site per row. Blank rows are skipped."""
    parsed = ParsedSheet()
    if len(data) > MAX_UPLOAD_BYTES:
        parsed.problems.append(RowProblem(0, "file", _("The file is larger than 10 MB.")))
        return parsed
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, TypeError) as exc:
        del exc
        parsed.problems.append(
            RowProblem(0, "file", _("This is not an .xlsx workbook; download the template and fill it in."))
        )
        return parsed
    except Exception:  # openpyxl raises many types on a corrupt zip; none may become a 500
        parsed.problems.append(
            RowProblem(0, "file", _("This is not an .xlsx workbook; download the template and fill it in."))
        )
        return parsed
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        parsed.problems.append(RowProblem(1, "header", _("The sheet is empty; the first row holds the headers.")))
        return parsed
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = normalise_search(str(cell or ""))
        if not text:
            continue
        column = COLUMN_BY_ALIAS.get(text)
        if column is None:
            parsed.problems.append(
                RowProblem(
                    1,
                    "header",
                    _("Unknown column “%(name)s”. Columns are: %(columns)s.")
                    % {"name": str(cell), "columns": ", ".join(c.header for c in COLUMNS)},
                )
            )
        elif column.key in positions:
            parsed.problems.append(RowProblem(1, "header", _("Column “%(name)s” appears twice.") % {"name": str(cell)}))
        else:
            positions[column.key] = index
    for column in COLUMNS:
        if column.required and column.key not in positions:
            parsed.problems.append(
                RowProblem(1, "header", _("Column “%(name)s” is missing.") % {"name": column.header})
            )
    if parsed.problems:
        return parsed
    lookup = programme_lookup()
    for number, values in enumerate(rows, start=2):
        cells = {key: values[index] if index < len(values) else None for key, index in positions.items()}
        if all(value is None or str(value).strip() == "" for value in cells.values()):
            continue
        site, problems = _row_to_input(number, cells, lookup)
        parsed.problems.extend(problems)
        parsed.rows.append(site)
        parsed.row_numbers.append(number)
    workbook.close()
    return parsed


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _row_to_input(number: int, cells: dict[str, Any], lookup: dict[str, str]) -> tuple[SiteInput, list[RowProblem]]:
    problems: list[RowProblem] = []

    def bad(name: str, message: str) -> None:
        problems.append(RowProblem(number, name, message))

    date = _date(cells.get("date"))
    if cells.get("date") not in (None, "") and date is None:
        bad("date", _("“%(value)s” is not a date; write it as dd/mm/yyyy.") % {"value": _text(cells.get("date"))})
    start = _time(cells.get("start_time"))
    if cells.get("start_time") not in (None, "") and start is None:
        bad("start_time", _("“%(value)s” is not a time; write it as hh:mm.") % {"value": _text(cells["start_time"])})
    end = _time(cells.get("end_time"))
    if cells.get("end_time") not in (None, "") and end is None:
        bad("end_time", _("“%(value)s” is not a time; write it as hh:mm.") % {"value": _text(cells["end_time"])})
    coordinates: dict[str, float | None] = {}
    for key in ("latitude", "longitude"):
        raw = cells.get(key)
        coordinates[key] = None
        if raw in (None, ""):
            continue
        try:
            coordinates[key] = float(str(raw).replace(",", "."))
        except ValueError:
            bad(key, _("“%(value)s” is not a number; write it like 12.0843.") % {"value": _text(raw)})
    tier_text = normalise_search(_text(cells.get("pilot_tier")))
    tier = TIER_WORDS.get(tier_text)
    if tier is None:
        bad(
            "pilot_tier",
            _("Pilot tier “%(value)s”: write “Bộ”, “Tỉnh” or leave it empty.")
            % {"value": _text(cells.get("pilot_tier"))},
        )
        tier = PilotTier.NONE
    programme: list[str] = []
    for part in re.split(r"[;\n]", _text(cells.get("programme"))):
        folded = normalise_search(part)
        if not folded:
            continue
        code = lookup.get(folded)
        if code is None:
            bad(
                "programme",
                _("Unknown programme item “%(value)s”; see the Guide sheet of the template.") % {"value": part.strip()},
            )
        else:
            programme.append(code)
    participants: int | None = None
    raw_people = cells.get("expected_participants")
    if raw_people not in (None, ""):
        try:
            participants = int(_text(raw_people).replace(".", "").replace(" ", ""))
        except ValueError:
            bad("expected_participants", _("“%(value)s” is not a whole number.") % {"value": _text(raw_people)})
    site = SiteInput(
        unit_code=_text(cells.get("unit_code")),
        date=date,
        start_time=start,
        end_time=end,
        name=_text(cells.get("name")),
        venue=_text(cells.get("venue")),
        latitude=coordinates["latitude"],
        longitude=coordinates["longitude"],
        pilot_tier=str(tier),
        programme=programme,
        invited_leaders=_text(cells.get("invited_leaders")),
        expected_participants=participants,
    )
    return site, problems


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    match = DATE_TEXT.match(text)
    try:
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        match = ISO_DATE.match(text)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return None


def _time(value: Any) -> dt.time | None:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, float) and 0 <= value < 1:  # an Excel time serial
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    match = TIME_TEXT.match(_text(value))
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def sites_import(*, actor: Actor, plan_id: int, data: bytes, dry_run: bool) -> BulkResult:
    """Parse a workbook and register its sites under a plan: every problem, in cells (parsing) or
    in rules (services), is listed by row; with any problem nothing is written."""
    parsed = parse_sites_workbook(data)
    if any(p.row <= 1 for p in parsed.problems):  # the file or its header is wrong: rows mean nothing
        return BulkResult(rows=len(parsed.rows), problems=parsed.problems, dry_run=dry_run)
    checked = sites_bulk_create(
        actor=actor,
        plan_id=plan_id,
        rows=parsed.rows,
        row_numbers=parsed.row_numbers,
        dry_run=dry_run or bool(parsed.problems),
    )
    if parsed.problems:
        seen = {(p.row, p.field) for p in parsed.problems}
        merged = parsed.problems + [p for p in checked.problems if (p.row, p.field) not in seen]
        merged.sort(key=lambda p: (p.row, p.field))
        return BulkResult(rows=checked.rows, problems=merged, dry_run=dry_run)
    return checked
