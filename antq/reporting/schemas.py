import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema


class OptionOut(Schema):
    code: str
    name: str
    name_en: str
    measure: str


class IndicatorOut(Schema):
    code: str
    name: str
    name_en: str
    group: str
    measure: str
    aggregation: str
    decimals: int
    per_site: bool
    source: str
    headline: bool
    active_from: int
    active_until: int | None
    options: list[OptionOut]
    rules: list[str]


class FormOut(Schema):
    code: str
    name: str
    name_en: str
    basis: str
    period_type: str
    reporting_level: str
    indicators: list[str]
    current_period: str


class PeriodOut(Schema):
    form: str
    key: str
    label: str
    starts_on: dt.date
    ends_on: dt.date
    cutoff_on: dt.date
    commune_deadline: dt.date
    province_deadline: dt.date
    closes_on: dt.date
    version: int


class PeriodUpdateIn(Schema):
    version: int
    cutoff_on: dt.date | None = None
    commune_deadline: dt.date | None = None
    province_deadline: dt.date | None = None
    closes_on: dt.date | None = None


class CompletenessOut(Schema):
    expected: int
    submitted: int
    on_time: int
    approved: int
    returned: int
    late: int


class ChildOut(Schema):
    unit: str
    name: str
    state: str
    report_id: int | None
    submitted_at: dt.datetime | None
    on_time: bool | None
    completeness: CompletenessOut | None


class OverviewOut(Schema):
    period: PeriodOut
    unit: str
    completeness: CompletenessOut
    children: list[ChildOut]


class ValueOut(Schema):
    field: str
    name: str
    value: float | int | None
    prefilled: float | int | None
    overridden: bool
    note: str
    records_now: float | int | None


class ReportOut(Schema):
    id: int
    form: str
    period: str
    unit: str
    unit_name: str
    state: str
    version: int
    note: str
    submitted_at: dt.datetime | None
    on_time: bool | None
    return_reason: str
    missing_units: list[dict[str, Any]]
    values: list[ValueOut]


class ReportOpenIn(Schema):
    unit: str


class ValuesIn(Schema):
    version: int
    values: dict[str, str | int | float | None] = Field(
        ..., description='Field -> number, e.g. {"participants": 1250, "items_surrendered.explosives": "2,5"}'
    )
    notes: dict[str, str] = {}
    note: str | None = None


class SubmitIn(Schema):
    version: int
    fill_zero: bool = False
    missing: list[str] = []


class VersionIn(Schema):
    version: int


class ReturnIn(Schema):
    version: int
    reason: str


class SiteResultsOut(Schema):
    site: int
    state: str
    version: int
    values: dict[str, float | int]


class SiteResultsIn(Schema):
    version: int
    values: dict[str, str | int | float | None]


class DashboardFigure(Schema):
    field: str
    name: str
    measure: str
    total: float | int
    approved: float | int


class DashboardChild(Schema):
    unit: str
    name: str
    state: str
    completeness: CompletenessOut | None
    values: dict[str, float | int]


class DashboardOut(Schema):
    form: str
    period: str
    period_label: str
    unit: str
    unit_name: str
    level: int
    figures: list[DashboardFigure]
    completeness: CompletenessOut
    children: list[DashboardChild]
    series: dict[str, dict[str, float | int]]


class NarrativeIn(Schema):
    version: int
    situation: str | None = Field(None, max_length=20000)
    results: str | None = Field(None, max_length=20000)
    strengths: str | None = Field(None, max_length=20000)
    shortcomings: str | None = Field(None, max_length=20000)
    proposals: str | None = Field(None, max_length=20000)
    doc_number: str | None = Field(None, max_length=20, description="Document number; empty = draft")
    doc_date: dt.date | None = None
    signer_authority: str | None = Field(None, max_length=100)
    signer_title: str | None = Field(None, max_length=100)
    signer_name: str | None = Field(None, max_length=100)
    recipients: str | None = Field(None, max_length=2000, description="One recipient per line")


class ExportIn(Schema):
    unit: str | None = Field(None, description="Official code of the unit the table covers; default: your area")
    rows: Literal["children", "communes"] = "children"
    figures: Literal["all", "approved"] = "all"
    format: Literal["xlsx", "csv"] = "xlsx"


class ImportProblemOut(Schema):
    row: int
    column: str
    message: str


class ImportOut(Schema):
    dry_run: bool
    historical: bool
    ok: bool
    rows: int
    reports_created: int
    reports_changed: int
    values_written: int
    values_unchanged: int
    seconds: float
    problems: list[ImportProblemOut]
