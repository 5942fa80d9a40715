"""A period's figures as a table: units as rows, the form's figures as columns, a total row; written
as .xlsx or CSV. The same layout is what `imports` reads back (each figure column's header ends
with its code in brackets, e.g. "Số người tham gia [participants]").

Scope: the table covers the unit asked for, which must lie in the actor's scope (checked again
when a background job builds it). Rows are the units one level down ("children": provinces for
the nation, communes plus the province's own report for a province) or every commune below
("communes", up to 3,321 rows for the nation: built as a background job).

The file is a document handed to officials, so its words are Vietnamese whatever the UI language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import ValidationFailed
from antq.core.jobs import job_kind, job_start
from antq.core.models import Job
from antq.core.text import format_date
from antq.reporting.catalogue.models import Aggregation, Measure, ReportForm
from antq.reporting.catalogue.selectors import form_get, form_lines
from antq.reporting.files.sheets import CSV, XLSX, file_name, write_csv, write_xlsx
from antq.reporting.reports.completeness import reporting_unit
from antq.reporting.reports.models import Report, ReportPeriod, ReportState, ReportValue
from antq.reporting.reports.selectors import period_for, unit_for
from antq.reporting.rollups.models import Rollup
from antq.reporting.values import Key, Line
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

ROW_CHOICES = ("children", "communes")
FORMAT_CHOICES = ("xlsx", "csv")
# Tables longer than this are built as a background job (with progress) rather than in the request.
INLINE_ROWS = 400
FIXED_HEADERS = ("STT", "Mã đơn vị", "Tên đơn vị", "Tình trạng báo cáo")
STATE_WORDS: dict[str, str] = {
    "missing": "Chưa báo cáo",
    ReportState.DRAFT: "Dự thảo",
    ReportState.SUBMITTED: "Đã gửi",
    ReportState.APPROVED: "Đã phê duyệt",
    ReportState.RETURNED: "Bị trả lại",
}
# The import refuses a table under this header (see imports.TOTALS_HEADER): its rows are totals.
TOTALS_CODE_HEADER = "Mã tỉnh (số liệu tổng hợp)"

Progress = Callable[[int, str], None]


@dataclass
class ExportRow:
    code: str
    name: str
    state: str
    values: dict[Key, Decimal] = field(default_factory=dict)


@dataclass
class ExportTable:
    form: ReportForm
    period: ReportPeriod
    unit: Unit
    approved: bool
    lines: list[Line]
    rows: list[ExportRow]
    total: dict[Key, Decimal]
    subtree_totals: bool = False  # rows are provinces with their communes: not for re-import

    @property
    def title(self) -> str:
        return f"{self.form.name} - {self.period.label}"

    @property
    def subtitle(self) -> str:
        figures = "Chỉ số liệu đã duyệt" if self.approved else "Tất cả số liệu đã nhập (kể cả chưa duyệt)"
        now = timezone.localtime()
        return f"{self.unit.name} · {figures} · Xuất lúc {now:%H:%M} ngày {format_date(now.date())}"

    def headers(self) -> list[str]:
        fixed = list(FIXED_HEADERS)
        if self.subtree_totals:
            fixed[1] = TOTALS_CODE_HEADER
        return [*fixed, *(column_header(line) for line in self.lines)]


def column_header(line: Line) -> str:
    with translation.override("vi"):
        measure = str(Measure(line.measure).label)
    return f"{line.name} ({measure}) [{line.field}]"


def check_options(rows: str, figures: str, file_format: str) -> None:
    errors = {}
    if rows not in ROW_CHOICES:
        errors["rows"] = _("Rows: choose “children” (the units one level down) or “communes” (every commune).")
    if figures not in ("all", "approved"):
        errors["figures"] = _("Figures: choose “all” (everything entered) or “approved” (approved figures only).")
    if file_format not in FORMAT_CHOICES:
        errors["format"] = _("Format: choose “xlsx” or “csv”.")
    if errors:
        raise ValidationFailed(errors=errors)


def row_units(unit: Unit, rows: str, form: ReportForm, actor: Actor | None = None) -> list[Unit]:
    """The units that become rows, in the order they are listed."""
    communes_report = form.reporting_level == "commune"
    if unit.level == 0:
        provinces = list(Unit.objects.filter(kind__in=PROVINCE_KINDS, closed_on__isnull=True).order_by("code"))
        if rows == "children" or not communes_report:
            return provinces
        every_commune = Unit.objects.filter(kind__in=COMMUNE_KINDS, closed_on__isnull=True).order_by(
            "province__code", "code"
        )
        return [*provinces, *every_commune]
    if unit.kind in PROVINCE_KINDS:
        communes = (
            list(Unit.objects.filter(province=unit, kind__in=COMMUNE_KINDS, closed_on__isnull=True).order_by("code"))
            if communes_report
            else []
        )
        return [unit, *communes]
    target = reporting_unit(unit)
    # Someone granted only a village or a school sees its figures on the dashboard, not the
    # commune's (or province's) own report.
    return [target] if target is not None and (actor is None or actor.covers(target)) else []


def expected_rows(unit: Unit, rows: str, form: ReportForm) -> int:
    if unit.level == 0:
        if rows == "children" or form.reporting_level != "commune":
            return Unit.objects.filter(kind__in=PROVINCE_KINDS, closed_on__isnull=True).count()
        return Unit.objects.filter(kind__in=(*PROVINCE_KINDS, *COMMUNE_KINDS), closed_on__isnull=True).count()
    if unit.kind in PROVINCE_KINDS:
        return 1 + Unit.objects.filter(province=unit, kind__in=COMMUNE_KINDS, closed_on__isnull=True).count()
    return 1


def build_table(
    *,
    form: ReportForm,
    period: ReportPeriod,
    unit: Unit,
    rows: str = "children",
    approved: bool = False,
    progress: Progress | None = None,
    actor: Actor | None = None,
) -> ExportTable:
    """Figures per row unit from the roll-up summaries (a commune's or province's own figures come
    from its facts when the row stands for the unit's own report, not its subtree)."""
    with translation.override("vi"):
        lines = form_lines(form, period.year)
    units = row_units(unit, rows, form, actor)
    indicators = {line.indicator.pk: line.indicator for line in lines}
    national_provinces = unit.level == 0 and rows == "children"
    subtree_ids = {u.pk for u in units if national_provinces}
    own_ids = {u.pk for u in units if u.pk not in subtree_ids}
    values: dict[int, dict[Key, Decimal]] = defaultdict(dict)
    if progress:
        progress(5, "Đang đọc số liệu tổng hợp")
    if subtree_ids:
        rollups = Rollup.objects.filter(form=form, period_key=period.key, indicator_id__in=indicators)
        for r in rollups.values_list(
            "unit_id", "indicator_id", "option", "total", "units", "approved_total", "approved_units"
        ):
            indicator = indicators[r[1]]
            if indicator.aggregation == Aggregation.MAX:
                continue
            column = (6 if approved else 4) if indicator.aggregation == Aggregation.COUNT else (5 if approved else 3)
            values[r[0]][(indicator.code, r[2])] = Decimal(r[column] or 0)
        maxima = [i for i in indicators.values() if i.aggregation == Aggregation.MAX]
        if maxima:
            facts = ReportValue.objects.filter(form=form, period_key=period.key, indicator__in=maxima)
            if approved:
                facts = facts.filter(approved=True)
            for top in facts.values("province_id", "indicator__code", "option").annotate(top=Max("value")):
                values[top["province_id"]][(top["indicator__code"], top["option"])] = top["top"]
    if progress:
        progress(30, "Đang đọc số liệu của từng đơn vị")
    if own_ids:
        facts = ReportValue.objects.filter(form=form, period_key=period.key, indicator_id__in=indicators)
        if unit.level > 0:
            facts = facts.filter(province_id=unit.province_id if unit.kind not in PROVINCE_KINDS else unit.pk)
        if approved:
            facts = facts.filter(approved=True)
        for unit_id, indicator_id, option, value in facts.values_list("unit_id", "indicator_id", "option", "value"):
            if unit_id in own_ids:
                indicator = indicators[indicator_id]
                counted = Decimal(1 if value > 0 else 0) if indicator.aggregation == Aggregation.COUNT else value
                values[unit_id][(indicator.code, option)] = counted
    if progress:
        progress(60, "Đang ghép các dòng")
    states = dict(
        Report.objects.filter(period=period, unit_id__in=[u.pk for u in units]).values_list("unit_id", "state")
    )
    table_rows: list[ExportRow] = []
    total: dict[Key, Decimal] = {}
    aggregation = {line.key: line.indicator.aggregation for line in lines}
    for u in units:
        name = f"{u.name} (số liệu của cấp tỉnh)" if u.pk in own_ids and u.kind in PROVINCE_KINDS else u.name
        state = str(states.get(u.pk, "missing"))
        export_row = ExportRow(code=u.code, name=name, state=STATE_WORDS.get(state, ""), values=values.get(u.pk, {}))
        table_rows.append(export_row)
        for key, amount in export_row.values.items():
            if key not in aggregation:
                continue
            if aggregation[key] == Aggregation.MAX:
                total[key] = max(total.get(key, amount), amount)
            else:
                total[key] = total.get(key, Decimal(0)) + amount
    return ExportTable(
        form=form,
        period=period,
        unit=unit,
        approved=approved,
        lines=lines,
        rows=table_rows,
        total=total,
        subtree_totals=bool(subtree_ids),
    )


def export_file(
    *,
    actor: Actor,
    form_code: str,
    period_key: str,
    unit_code: str | None,
    rows: str,
    figures: str,
    file_format: str,
    progress: Progress | None = None,
) -> tuple[bytes, str, str]:
    """(data, file name, content type). Scope is checked here, so a job re-checks it when it runs."""
    check_options(rows, figures, file_format)
    form, period, unit = _resolve(actor, form_code, period_key, unit_code)
    return _write(actor, form, period, unit, rows, figures, file_format, progress)


def _resolve(
    actor: Actor, form_code: str, period_key: str, unit_code: str | None
) -> tuple[ReportForm, ReportPeriod, Unit]:
    form = form_get(form_code)
    return form, period_for(form, period_key), unit_for(actor, unit_code)


def _write(
    actor: Actor,
    form: ReportForm,
    period: ReportPeriod,
    unit: Unit,
    rows: str,
    figures: str,
    file_format: str,
    progress: Progress | None = None,
) -> tuple[bytes, str, str]:
    table = build_table(
        form=form, period=period, unit=unit, rows=rows, approved=figures == "approved", progress=progress, actor=actor
    )
    if file_format == "csv":
        return write_csv(table), file_name(table, rows, "csv"), CSV
    return write_xlsx(table, progress), file_name(table, rows, "xlsx"), XLSX


@job_kind("reporting.export")
def export_job(job: Job, progress: Progress) -> tuple[bytes, str, str]:
    p = job.params
    return export_file(
        actor=Actor.of(job.owner),
        form_code=p["form"],
        period_key=p["key"],
        unit_code=p["unit"],
        rows=p["rows"],
        figures=p["figures"],
        file_format=p["format"],
        progress=progress,
    )


def export_start(
    *,
    actor: Actor,
    form_code: str,
    period_key: str,
    unit_code: str | None,
    rows: str,
    figures: str,
    file_format: str,
    background: bool = False,
) -> Job | tuple[bytes, str, str]:
    """A small table is built at once and returned as (data, name, type); a large one (or any, with
    `background`) becomes a job whose progress the user can follow."""
    check_options(rows, figures, file_format)
    form, period, unit = _resolve(actor, form_code, period_key, unit_code)
    if not background and expected_rows(unit, rows, form) <= INLINE_ROWS:
        return _write(actor, form, period, unit, rows, figures, file_format)
    label = f"{form.name} · {period.label} · {unit.name} (.{file_format})"
    return job_start(
        actor=actor,
        kind="reporting.export",
        label=label,
        scope_path=unit.path,
        params={
            "form": form.code,
            "key": period.key,
            "unit": unit.code,
            "rows": rows,
            "figures": figures,
            "format": file_format,
        },
    )
