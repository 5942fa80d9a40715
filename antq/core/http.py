"""What every HTML view shares: the request type views receive, the form page that shows a
service's field errors beside the fields, file downloads and list filters.

Views do not catch domain errors. `antq.core.middleware.DomainErrorMiddleware` turns them into
pages — the form page again with the errors beside its fields (`FormPage`), or the 404/403/409/422
page — as `config/api.py` turns them into JSON for the API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from antq.core.actor import Actor
from antq.core.errors import DomainError

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails


class Request(HttpRequest):
    """An HTML view's request (for type checking): `actor` is set by `ActorMiddleware` for a
    signed-in user, `htmx` by django-htmx."""

    actor: Actor
    htmx: HtmxDetails


class FormPage:
    """A page built around one form. `submitted()` is true for a valid POST; the view then calls
    its service, and if that raises `ValidationFailed` the middleware shows this page again with
    the errors beside the fields. Anything else the view renders with `render()`.

        page = FormPage(request, "registry/pledges/form.html", {"form": form, "title": title})
        if page.submitted():
            pledge = services.pledge_create(actor=request.actor, data=form.to_input())
            return redirect(...)
        return page.render()
    """

    def __init__(self, request: HttpRequest, template: str, context: dict[str, Any], *, form: str = "form") -> None:
        """`form` names the context entry of the form this page submits (a page with several
        forms builds one FormPage per form and asks the one that was posted)."""
        self.request, self.template, self.context = request, template, context
        self.form = context[form]

    def submitted(self) -> bool:
        if self.request.method != "POST" or not self.form.is_valid():
            return False
        self.request.antq_form_page = self  # type: ignore[attr-defined]
        return True

    def render(self, status: int = 200) -> HttpResponse:
        return render(self.request, self.template, self.context, status=status)


def form_add_errors(form: Any, error: DomainError) -> None:
    """Attach a service's field errors to a Django form so they show beside each field."""
    fields = getattr(form, "fields", {})
    for field, message in error.errors.items():
        form.add_error(field if field in fields else None, message)
    if not error.errors:
        form.add_error(None, error.message)


def error_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    """The page for a domain error: its status (404 for missing and forbidden alike), its
    message, each field's error; an htmx request gets the block alone."""
    template = "core/_error.html" if getattr(request, "htmx", False) else "core/error.html"
    return render(request, template, {"error": error}, status=error.status)


def attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    """A file to download (documents, exports)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def query_string(request: HttpRequest, drop: tuple[str, ...] = ("page",)) -> str:
    """The list page's filters, to carry into pagination and export links."""
    return urlencode([(k, str(v)) for k, v in request.GET.items() if k not in drop and v])
