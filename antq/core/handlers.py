"""Pages for what no view answers: an address that matches nothing (in every mode, also with
DEBUG on, Django's debug page would list every URL pattern), and a server error."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.core.http import error_page


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        message = _("Not found, or outside your area.")
        return JsonResponse({"code": "not_found", "message": message, "errors": {}}, status=404)
    return error_page(request, NotFound(_("Page not found. Check the address, or start from the overview.")))


@login_not_required
def unmatched(request: HttpRequest, path: str = "") -> HttpResponse:
    """The last URL pattern: an address nothing else matches. A page address missing only its
    final slash is redirected (what Django's APPEND_SLASH would have done); anything else is the
    404 page — the same for everyone, signed in or not."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not unmatched:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return not_found(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """A page that needs nothing from the request that may have failed (no menu, no user)."""
    return render(request, "500.html", status=500)
