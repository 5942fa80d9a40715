"""Middleware of the kernel: who is acting (`ActorMiddleware`), pages that need a login
(`LoginRequiredMiddleware`), domain errors as pages (`DomainErrorMiddleware`), the Content
Security Policy (only our own scripts and styles, no inline script, no third party), the
Vietnamese-first language choice and the text rule for what pages receive (`CleanInputMiddleware`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.errors import BadRequest, Conflict, DomainError, Forbidden, ValidationFailed
from antq.core.http import error_page, form_add_errors
from antq.core.text import clean_text


class ActorMiddleware:
    """`request.actor`: the signed-in user with their grants, loaded on first use. An API request
    authenticated by token gets its user set by the API's auth before the actor is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = SimpleLazyObject(lambda: Actor.of(request.user))  # type: ignore[attr-defined]
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            # What a signed-in user sees (pages, API answers, downloads) is theirs: no shared cache
            # and no copy left on a shared office PC or phone (issue 18).
            patch_cache_control(response, private=True, no_store=True)
        return response


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Every page needs a signed-in user unless its view is marked `@login_not_required` (the
    login page, health, the language switch, later the public portal). The API answers for
    itself (401 in JSON from its token or session auth), so it is left to django-ninja."""

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        match = request.resolver_match
        if match is not None and match.namespace == "api":
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


def _cleaned(data: QueryDict) -> QueryDict:
    """`data` with the text rule applied to every key and value (the same object when clean)."""
    if all(clean_text(k) == k and all(clean_text(v) == v for v in vs) for k, vs in data.lists()):
        return data
    out = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        out.setlist(clean_text(key), [clean_text(v) for v in values])
    out._mutable = False
    return out


class CleanInputMiddleware:
    """The one text rule (`antq.core.text.clean_text`) for what pages receive — the API applies it
    in its parser — and a form body that cannot be read (multipart without its boundary) answered
    400 with a message, before the CSRF check trips over it as a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path.startswith("/api/")
        if request.method == "POST" and request.content_type in FORM_TYPES:
            try:
                post, _files = request.POST, request.FILES
            except MultiPartParserError:
                message = _(
                    "The uploaded form could not be read: send multipart/form-data with its boundary, "
                    "the file in “file”."
                )
                if api:
                    return JsonResponse({"code": "bad_request", "message": message, "errors": {}}, status=400)
                return error_page(request, BadRequest(message))
            if not api:
                request.POST = _cleaned(post)  # type: ignore[assignment]
        if not api and request.GET:
            request.GET = _cleaned(request.GET)  # type: ignore[assignment]
        return self.get_response(request)


FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


class DomainErrorMiddleware:
    """The one place where a domain error raised in an HTML view becomes a page (the API's is
    `config/api.py`): a `ValidationFailed` after a `FormPage` was submitted shows that form again
    with each message beside its field; anything else is the error page with its status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        page = getattr(request, "antq_form_page", None)
        if page is not None and isinstance(exception, (ValidationFailed, Conflict, Forbidden)):
            # The user's input stays on the page: field errors beside their fields; someone
            # else's save (409) or a refusal (403) at the top, with the input still there.
            form_add_errors(page.form, exception)
            status = 200 if isinstance(exception, ValidationFailed) else exception.status
            return page.render(status=status)  # type: ignore[no-any-return]
        return error_page(request, exception)


POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# The OpenAPI page (django-ninja's Swagger UI, served from our own static files) styles itself inline.
RELAXED_PREFIXES = ("/api/docs",)
DOCS_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = DOCS_POLICY if request.path.startswith(RELAXED_PREFIXES) else POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        return response


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose English with the language switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, which on many office
    PCs and phones says English; officers expect the Vietnamese UI until they ask otherwise.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
