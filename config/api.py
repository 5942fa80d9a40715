"""The JSON API (/api/, OpenAPI docs at /api/docs). Authentication: a bearer token
(`Authorization: Bearer antq_...`, for scripts and mobile apps) or the browser session.

Domain errors become HTTP here, and only here, for the API.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer

from antq.accounts.models import User
from antq.accounts.services import token_authenticate
from antq.core.errors import DomainError
from antq.core.openapi import with_error_responses
from antq.core.parsing import CleanParser, UnreadableText

logger = logging.getLogger("antq.api")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = token_authenticate(token)
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session, with Django's CSRF check on unsafe methods."""

    param_name = "sessionid"

    def __call__(self, request: HttpRequest) -> User | None:
        # No signed-in user (no cookie, or a stale one): not this method, so the answer is 401,
        # not a CSRF 403 for a session that does not exist.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)  # type: ignore[no-any-return]

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user  # type: ignore[return-value]
        return None


class AntqAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> Any:
        return with_error_responses(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


api = AntqAPI(
    title="ANTQ API",
    version="1",
    description="API của hệ thống ANTQ. Xác thực: `Authorization: Bearer <token>` hoặc phiên đăng nhập.",
    auth=[TokenAuth(), SessionAuth(csrf=True)],
    urls_namespace="api",
    parser=CleanParser(),
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
    response = _error(
        request, 401, "unauthenticated", _("Log in or send a valid API token (Authorization: Bearer ...).")
    )
    response["WWW-Authenticate"] = 'Bearer realm="ANTQ"'
    return response


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own refusals (an unreadable body, a failed CSRF check), in the one error shape."""
    if isinstance(exc.__cause__, UnreadableText):
        field = exc.__cause__.field
        message = _("The text contains a character that cannot be stored (a broken UTF-16 surrogate).")
        return _error(request, 422, "validation_failed", f"{field}: {message}", {field: message})
    if exc.status_code == 400:
        return _error(request, 400, "bad_request", _("The request body could not be read: send valid JSON."))
    if exc.status_code == 403:
        return _error(
            request,
            403,
            "csrf_failed",
            _("The security check (CSRF) failed: reload the page and try again, or use an API token."),
        )
    return _error(
        request,
        exc.status_code,
        "http_error",
        _("The request could not be handled (%(status)s).") % {"status": exc.status_code},
    )


@api.exception_handler(MultiPartParserError)
def on_multipart_error(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    return _error(
        request,
        400,
        "bad_request",
        _("The uploaded form could not be read: send multipart/form-data with its boundary, the file in “file”."),
    )


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", _("Not found, or outside your area."))


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A server error: logged with its traceback, answered in the one shape without it (a
    traceback names files and code; nobody outside needs them), in every mode."""
    logger.exception("API error on %s %s", request.method, request.path)
    return _error(request, 500, "server_error", _("The server could not finish this request; nothing was saved by it."))


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def on_out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The database refused a value (a number out of its range): the schemas bound the usual
    fields and name them; this is the net under them. The service's transaction rolled back."""
    return _error(request, 422, "validation_failed", _("A value is out of the range that can be stored."))


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
    if kind in ("greater_than_equal", "greater_than"):
        return _("Enter a number of at least %(n)s.") % {"n": ctx.get("ge", ctx.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("Enter a number of at most %(n)s.") % {"n": ctx.get("le", ctx.get("lt"))}
    if kind == "value_error" and ctx.get("error"):
        return str(ctx["error"])
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
