"""A festival site's results in the API (/api/reporting/sites/{id}/results)."""

from django.http import HttpRequest
from ninja import Router

from antq.core.api import actor_of
from antq.reporting.reports.api import number
from antq.reporting.results import selectors, services
from antq.reporting.results.schemas import SiteResultsIn, SiteResultsOut

router = Router(tags=["reporting"])


def _site_out(request: HttpRequest, site_id: int) -> SiteResultsOut:
    site, stored = selectors.site_result_values(actor=actor_of(request), site_id=site_id)
    values = {k: number(v) for k, v in stored.items()}
    return SiteResultsOut(site=site.pk, state=site.state, version=site.version, values=values)  # type: ignore[arg-type]


@router.get("/sites/{site_id}/results", response=SiteResultsOut, summary="A festival site's results")
def site_results(request: HttpRequest, site_id: int) -> SiteResultsOut:
    return _site_out(request, site_id)


@router.post("/sites/{site_id}/results", response=SiteResultsOut, summary="Record a held site's results")
def site_results_save(request: HttpRequest, site_id: int, payload: SiteResultsIn) -> SiteResultsOut:
    services.site_results_save(actor=actor_of(request), site_id=site_id, version=payload.version, values=payload.values)
    return _site_out(request, site_id)
