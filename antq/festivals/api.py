"""The festival sites API: one short function per operation (selector, service, answer)."""

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from antq.core.api import actor_of
from antq.core.http import attachment
from antq.core.openapi import problems_or_error
from antq.festivals import selectors, services, spreadsheets
from antq.festivals.models import FestivalSite
from antq.festivals.schemas import (
    BulkResultOut,
    SiteBulkIn,
    SiteCreateIn,
    SiteFilterIn,
    SiteOut,
    SiteTransitionIn,
    SiteUpdateIn,
)

router = Router(tags=["festival sites"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("", response=list[SiteOut], summary="Festival sites in your area")
@paginate
def site_list(request: HttpRequest, filters: Query[SiteFilterIn]) -> object:
    return selectors.with_programme(selectors.site_list(actor=actor_of(request), filters=filters.to_filter()))


@router.post("", response={201: SiteOut}, summary="Register a festival site")
def site_create(request: HttpRequest, payload: SiteCreateIn) -> Status[FestivalSite]:
    site = services.site_create(actor=actor_of(request), plan_id=payload.plan, data=payload.to_input())
    return Status(201, site)


@router.post(
    "/bulk",
    response={200: BulkResultOut, 422: BulkResultOut},
    summary="Register many sites (all or none)",
    openapi_extra=problems_or_error("BulkResultOut"),
)
def site_bulk(request: HttpRequest, payload: SiteBulkIn) -> Status[BulkResultOut]:
    result = services.sites_bulk_create(
        actor=actor_of(request),
        plan_id=payload.plan,
        rows=[s.to_input() for s in payload.sites],
        dry_run=payload.dry_run,
    )
    return Status(200 if result.ok else 422, BulkResultOut.of(result))


@router.post(
    "/import",
    response={200: BulkResultOut, 422: BulkResultOut},
    summary="Import sites from .xlsx",
    openapi_extra=problems_or_error("BulkResultOut"),
)
def site_import(
    request: HttpRequest, plan: Form[int], file: File[UploadedFile], dry_run: Form[bool] = True
) -> Status[BulkResultOut]:
    result = spreadsheets.sites_import(actor=actor_of(request), plan_id=plan, data=file.read(), dry_run=dry_run)
    return Status(200 if result.ok else 422, BulkResultOut.of(result))


@router.get("/export.xlsx", summary="The filtered listing as .xlsx")
def site_export_xlsx(request: HttpRequest, filters: Query[SiteFilterIn]) -> HttpResponse:
    sites = selectors.with_programme(selectors.site_list(actor=actor_of(request), filters=filters.to_filter()))
    return attachment(spreadsheets.sites_xlsx(sites.iterator(chunk_size=2000)), XLSX, "diem-to-chuc-ngay-hoi.xlsx")


@router.get("/export.ics", summary="The filtered listing as an iCalendar feed")
def site_export_ics(request: HttpRequest, filters: Query[SiteFilterIn]) -> HttpResponse:
    sites = selectors.site_list(actor=actor_of(request), filters=filters.to_filter())
    feed = spreadsheets.sites_ics(sites, host=request.get_host())
    return attachment(feed, "text/calendar", "diem-to-chuc-ngay-hoi.ics")


@router.get("/geo", summary="Sites with coordinates as GeoJSON (for maps)")
def site_geo(request: HttpRequest, filters: Query[SiteFilterIn]) -> dict[str, object]:
    return selectors.site_features(actor=actor_of(request), filters=filters.to_filter())


@router.get("/{site_id}", response=SiteOut, summary="One festival site")
def site_detail(request: HttpRequest, site_id: int) -> FestivalSite:
    return selectors.site_get(actor=actor_of(request), site_id=site_id)


@router.put("/{site_id}", response=SiteOut, summary="Replace a site's details (send the version you loaded)")
def site_update(request: HttpRequest, site_id: int, payload: SiteUpdateIn) -> FestivalSite:
    actor = actor_of(request)
    services.site_update(actor=actor, site_id=site_id, version=payload.version, data=payload.to_input())
    return selectors.site_get(actor=actor, site_id=site_id)


@router.post("/{site_id}/state", response=SiteOut, summary="Confirm, mark held, cancel (with a reason) or restore")
def site_transition(request: HttpRequest, site_id: int, payload: SiteTransitionIn) -> FestivalSite:
    actor = actor_of(request)
    services.site_transition(
        actor=actor, site_id=site_id, version=payload.version, to=payload.state, reason=payload.reason
    )
    return selectors.site_get(actor=actor, site_id=site_id)
