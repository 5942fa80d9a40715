"""Festival sites as spreadsheets and calendars: the .xlsx import (`imports.py`: parse, register,
keep the checked file until confirmed) and the files to take away (`exports.py`: the template,
the .xlsx listing, the .ics feed)."""

from antq.festivals.spreadsheets.exports import sites_ics, sites_template, sites_xlsx
from antq.festivals.spreadsheets.imports import (
    parse_sites_workbook,
    sites_import,
)

__all__ = [
    "parse_sites_workbook",
    "sites_ics",
    "sites_import",
    "sites_template",
    "sites_xlsx",
]
