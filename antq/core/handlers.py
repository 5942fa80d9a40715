from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.core.http import error_page


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, NotFound(_("Page not found.")))
