from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.core.http import render_domain_error


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_domain_error(request, NotFound(_("Page not found.")))
