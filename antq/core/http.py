"""The one place where domain errors become HTML responses, and small htmx helpers."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from antq.accounts.actor import Actor
from antq.core.errors import DomainError, NotFound


def attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    """A file to download (documents, exports)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def render_domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    template = "core/error.html"
    if getattr(request, "htmx", False):
        template = "core/_error.html"
    status = 404 if isinstance(error, NotFound) else error.status
    return render(request, template, {"error": error}, status=status)


def form_add_errors(form: object, error: DomainError) -> None:
    """Attach a service's field errors to a Django form so they show beside each field."""
    fields = getattr(form, "fields", {})
    for field, message in error.errors.items():
        form.add_error(field if field in fields else None, message)  # type: ignore[attr-defined]
    if not error.errors:
        form.add_error(None, error.message)  # type: ignore[attr-defined]


def request_actor(request: HttpRequest) -> Actor:
    """The signed-in user of an HTML view (behind login_required) with their grants."""
    return Actor.of(request.user)  # type: ignore[arg-type]


def query_string(request: HttpRequest, drop: tuple[str, ...] = ("page",)) -> str:
    """The list page's filters, to carry into pagination and export links."""
    return urlencode([(k, str(v)) for k, v in request.GET.items() if k not in drop and v])
