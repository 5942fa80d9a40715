"""Input and output of a festival site's results in the API (/api/reporting/sites/{id}/results)."""

from ninja import Schema

from antq.core.schemas import InputSchema


class SiteResultsOut(Schema):
    site: int
    state: str
    version: int
    values: dict[str, float | int]


class SiteResultsIn(InputSchema):
    version: int
    values: dict[str, str | int | float | None]
