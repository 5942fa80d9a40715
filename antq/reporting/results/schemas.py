"""Input and output of a festival site's results in the API (/api/reporting/sites/{id}/results)."""

from ninja import Schema


class SiteResultsOut(Schema):
    site: int
    state: str
    version: int
    values: dict[str, float | int]


class SiteResultsIn(Schema):
    version: int
    values: dict[str, str | int | float | None]
