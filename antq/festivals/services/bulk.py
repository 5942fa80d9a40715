"""Registering many sites under one plan at once (the commune's table form, the JSON API and the
.xlsx import): every row is checked; with any problem nothing is written and every problem is
listed by row; otherwise every site is written with one `bulk_create`, in one transaction, with
one audit entry listing the ids. A dry run only checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.festivals.models import FestivalSite, SiteProgrammeItem
from antq.festivals.selectors import plan_for_sites
from antq.festivals.services.checks import SiteChecker, SiteInput, site_fill

MAX_BULK_ROWS = 5000


@dataclass(frozen=True)
class RowProblem:
    row: int  # 1-based row number as the user sees it (spreadsheet row, table line); 0: the whole file
    field: str
    message: str


@dataclass
class BulkResult:
    rows: int
    created: list[FestivalSite] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def sites_bulk_create(
    *,
    actor: Actor,
    plan_id: int,
    rows: Sequence[SiteInput],
    dry_run: bool = False,
    row_numbers: Sequence[int] | None = None,
) -> BulkResult:
    """Register many sites under one plan (rows numbered 1, 2, ... unless `row_numbers` gives
    the numbers the user sees). Set-based: the units are loaded in one query, the sites and
    their programmes written with one `bulk_create` each."""
    plan = plan_for_sites(actor=actor, plan_id=plan_id)
    result = BulkResult(rows=len(rows), dry_run=dry_run)
    numbers = list(row_numbers) if row_numbers is not None else list(range(1, len(rows) + 1))
    checker = SiteChecker(actor=actor, plan=plan)
    for message in checker.plan_errors().values():
        result.problems.append(RowProblem(row=0, field="plan", message=message))
    if not rows:
        result.problems.append(RowProblem(row=0, field="rows", message=_("There are no sites to register.")))
    if len(rows) > MAX_BULK_ROWS:
        result.problems.append(
            RowProblem(row=0, field="rows", message=_("At most %(n)s rows at a time.") % {"n": MAX_BULK_ROWS})
        )
    if result.problems:
        return result
    checker.load_units(row.unit_code for row in rows)
    cleaned: list[dict[str, Any]] = []
    for number, row in zip(numbers, rows, strict=True):
        clean, errors = checker.check(row)
        result.problems.extend(RowProblem(row=number, field=name, message=message) for name, message in errors.items())
        cleaned.append(clean)
    if result.problems or dry_run:
        return result
    with transaction.atomic():
        sites = []
        for clean in cleaned:
            site = FestivalSite(plan=plan, year=plan.year, created_by=actor.user)
            site_fill(site, clean)
            sites.append(site)
        created = FestivalSite.objects.bulk_create(sites, batch_size=500)
        if not all(site.pk for site in created):  # SQLite < 3.35 returns no ids; this project needs them
            raise RuntimeError("bulk_create returned no primary keys")
        SiteProgrammeItem.objects.bulk_create(
            [
                SiteProgrammeItem(site=site, item=item)
                for site, clean in zip(created, cleaned, strict=True)
                for item in clean["programme"]
            ],
            batch_size=2000,
        )
        after = {"count": len(created), "site_ids": [s.pk for s in created][:MAX_BULK_ROWS]}
        audit_record(actor, "site.bulk_create", target=plan, after=after)
    result.created = created
    return result
