from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from antq.accounts import selectors, services
from antq.accounts.models import User
from antq.accounts.schemas import (
    AccountCreateIn,
    AccountDetailOut,
    AccountFilter,
    AccountOut,
    AccountUpdateIn,
    AuditEntryOut,
    AuditFilter,
    MeOut,
    RoleIn,
    RoleOut,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
)
from antq.core.api import actor_of
from antq.units.schemas import UnitRef

router = Router(tags=["accounts"])


@router.get("", response=list[AccountOut], summary="Accounts you manage")
@paginate
def account_list(request: HttpRequest, filters: Query[AccountFilter]) -> object:
    return selectors.user_list(actor=actor_of(request), query=filters.q, unit_code=filters.unit)


@router.post("", response={201: AccountDetailOut}, summary="Create an account in your subtree (leaders)")
def account_create(request: HttpRequest, payload: AccountCreateIn) -> Status[User]:
    data = payload.dict()
    data["home_unit_code"] = data.pop("home_unit")
    return Status(201, services.user_create(actor=actor_of(request), data=services.AccountInput(**data)))


@router.get("/tokens", response=list[TokenOut], summary="Your API tokens")
def token_list(request: HttpRequest) -> object:
    return selectors.token_list(actor=actor_of(request))


@router.post("/tokens", response={201: TokenCreatedOut}, summary="Create an API token (the secret is shown once)")
def token_create(request: HttpRequest, payload: TokenIn) -> Status[dict[str, object]]:
    token, secret = services.token_create(actor=actor_of(request), name=payload.name, days=payload.days)
    return Status(201, {**TokenOut.from_orm(token).dict(), "secret": secret})


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke one of your API tokens")
def token_revoke(request: HttpRequest, token_id: int) -> Status[None]:
    services.token_revoke(actor=actor_of(request), token_id=token_id)
    return Status(204, None)


@router.get("/{user_id}", response=AccountDetailOut, summary="One account")
def account_detail(request: HttpRequest, user_id: int) -> User:
    return selectors.user_get(actor=actor_of(request), user_id=user_id)


@router.patch("/{user_id}", response=AccountDetailOut, summary="Edit an account (send the version you loaded)")
def account_update(request: HttpRequest, user_id: int, payload: AccountUpdateIn) -> User:
    actor = actor_of(request)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    version = changes.pop("version")
    data = services.AccountEdit.of(selectors.user_get(actor=actor, user_id=user_id)).with_changes(**changes)
    return services.user_update(actor=actor, user_id=user_id, version=version, data=data)


@router.post("/{user_id}/roles", response={201: RoleOut}, summary="Grant a role at a unit")
def role_grant(request: HttpRequest, user_id: int, payload: RoleIn) -> Status[RoleOut]:
    assignment = services.role_grant(
        actor=actor_of(request), user_id=user_id, unit_code=payload.unit, role=payload.role
    )
    return Status(
        201,
        RoleOut(
            id=assignment.pk, unit=UnitRef(code=assignment.unit.code, name=assignment.unit.name), role=assignment.role
        ),
    )


@router.delete("/{user_id}/roles/{role_id}", response={204: None}, summary="Remove a role")
def role_revoke(request: HttpRequest, user_id: int, role_id: int) -> Status[None]:
    services.role_revoke(actor=actor_of(request), user_id=user_id, assignment_id=role_id)
    return Status(204, None)


@router.post("/{user_id}/unlock", response={204: None}, summary="Lift a login lockout")
def account_unlock(request: HttpRequest, user_id: int) -> Status[None]:
    services.user_unlock(actor=actor_of(request), user_id=user_id)
    return Status(204, None)


# Mounted at the API's root: /api/me and /api/audit.
root_router = Router(tags=["accounts"])


@root_router.get("/me", response=MeOut, summary="The calling account and its roles")
def me(request: HttpRequest) -> MeOut:
    return MeOut.of(actor_of(request))


@root_router.get("/audit", response=list[AuditEntryOut], summary="Audit log of your subtree (leaders)")
@paginate
def audit(request: HttpRequest, filters: Query[AuditFilter]) -> object:
    return selectors.audit_list(actor=actor_of(request), **filters.dict())
