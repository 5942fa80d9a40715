"""Input and output of exports and imports in the API."""

from typing import Literal

from ninja import Field, Schema

from antq.core.schemas import InputSchema


class ExportIn(InputSchema):
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
