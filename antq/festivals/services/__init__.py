"""Writes for festival sites: one site (`sites.py`: register, edit, change state, cancel), many at
once (`bulk.py`: the table form, the JSON API and the .xlsx import, all or nothing) and the
rules both check (`checks.py`)."""

from antq.festivals.services.bulk import MAX_BULK_ROWS, BulkResult, RowProblem, sites_bulk_create
from antq.festivals.services.checks import SiteInput, default_coordinates, default_site_name
from antq.festivals.services.sites import lock_site, site_create, site_transition, site_update

__all__ = [
    "MAX_BULK_ROWS",
    "BulkResult",
    "RowProblem",
    "SiteInput",
    "default_coordinates",
    "default_site_name",
    "lock_site",
    "site_create",
    "site_transition",
    "site_update",
    "sites_bulk_create",
]
