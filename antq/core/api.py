from django.db import connection
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from antq.accounts.actor import Actor
from antq.accounts.permissions import can_view_audit
from antq.accounts.selectors import audit_list
from antq.core.errors import NotFound
from antq.core.schemas import AuditEntryOut, AuditFilter, HealthOut, MeOut

router = Router(tags=["core"])


def actor_of(request: HttpRequest) -> Actor:
    return Actor.of(request.auth)  # type: ignore[attr-defined]


@router.get("/health", auth=None, response=HealthOut, summary="Health check")
def health(request: HttpRequest) -> HealthOut:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HealthOut(status="ok", database=connection.vendor)


@router.get("/me", response=MeOut, summary="The calling account and its roles")
def me(request: HttpRequest) -> MeOut:
    return MeOut.of(actor_of(request))


@router.get("/audit", response=list[AuditEntryOut], summary="Audit log of your subtree (leaders)")
@paginate
def audit(request: HttpRequest, filters: Query[AuditFilter]) -> object:
    actor = actor_of(request)
    if not can_view_audit(actor):
        raise NotFound()
    return audit_list(actor=actor, **filters.dict())


__all__ = ["Schema", "router"]
