"""The JSON API (/api/, OpenAPI docs at /api/docs). Authentication: a bearer token
(`Authorization: Bearer antq_...`, for scripts and mobile apps) or the browser session.

Domain errors become HTTP here, and only here, for the API.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer

from antq.accounts.models import User
from antq.accounts.services import token_authenticate
from antq.core.errors import DomainError


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = token_authenticate(token)
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session, with Django's CSRF check on unsafe methods."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user  # type: ignore[return-value]
        return None


api = NinjaAPI(
    title="ANTQ API",
    version="1",
    description="API của hệ thống ANTQ. Xác thực: `Authorization: Bearer <token>` hoặc phiên đăng nhập.",
    auth=[TokenAuth(), SessionAuth(csrf=True)],
    urls_namespace="api",
)


def _error(
    request: HttpRequest, status: int, code: str, message: str, errors: dict[str, Any] | None = None
) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, "errors": errors or {}}, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, exc.status, exc.code, exc.message, exc.errors)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "unauthenticated", _("Log in or send a valid API token (Authorization: Bearer ...)."))


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, str] = {}
    for item in exc.errors:
        loc = [str(part) for part in item.get("loc", []) if part not in ("body", "query", "path", "payload")]
        field = ".".join(loc) or "request"
        errors[field] = _describe_pydantic_error(item)
    return _error(request, 422, "validation_failed", "; ".join(f"{k}: {v}" for k, v in errors.items()), errors)


def _describe_pydantic_error(item: dict[str, Any]) -> str:
    kind = item.get("type", "")
    ctx = item.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in ("int_parsing", "int_type"):
        return _("Enter a whole number.")
    if kind in ("float_parsing", "float_type"):
        return _("Enter a number, e.g. 18.34.")
    if kind in ("bool_parsing", "bool_type"):
        return _("Enter true or false.")
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        return _("Enter a date as YYYY-MM-DD.")
    if kind == "string_too_long":
        return _("At most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("At least %(n)s characters.") % {"n": ctx.get("min_length")}
    if kind == "literal_error" or kind == "enum":
        return _("Choose one of: %(values)s.") % {"values": ctx.get("expected", "")}
    if kind == "extra_forbidden":
        return _("This field is not accepted here.")
    return _("Invalid value.")


from antq.accounts.api import root_router as accounts_root_router  # noqa: E402
from antq.accounts.api import router as accounts_router  # noqa: E402
from antq.commendations.api import router as commendations_router  # noqa: E402
from antq.core.api import router as core_router  # noqa: E402
from antq.dashboards.api import router as dashboards_router  # noqa: E402
from antq.festivals.api import router as festivals_router  # noqa: E402
from antq.plans.api import router as plans_router  # noqa: E402
from antq.registry.api import router as registry_router  # noqa: E402
from antq.reporting.catalogue.api import reading_router as catalogue_reading_router  # noqa: E402
from antq.reporting.catalogue.api import router as catalogue_router  # noqa: E402
from antq.reporting.files.api import router as reporting_files_router  # noqa: E402
from antq.reporting.reports.api import router as reporting_router  # noqa: E402
from antq.reporting.results.api import router as reporting_results_router  # noqa: E402
from antq.units.api import router as units_router  # noqa: E402

# The dashboard first: routes are tried in this order, and its data endpoint is the one that
# scripts and wall screens poll (about 130 patterns come before it otherwise).
api.add_router("/dashboard", dashboards_router)
api.add_router("/", core_router)
api.add_router("/", accounts_root_router)
api.add_router("/units", units_router)
api.add_router("/accounts", accounts_router)
api.add_router("/plans", plans_router)
api.add_router("/sites", festivals_router)
api.add_router("/reporting", reporting_router)
api.add_router("/reporting", reporting_results_router)
api.add_router("/reporting", reporting_files_router)
api.add_router("/reporting", catalogue_reading_router)
api.add_router("/catalogue", catalogue_router)
api.add_router("/registry", registry_router)
api.add_router("/commendations", commendations_router)
