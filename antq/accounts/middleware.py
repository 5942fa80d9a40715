"""Two-factor enforcement: administrators (and anyone who enrolled a device) must pass a TOTP
check after the password before any other page answers."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from antq.core.actor import Actor

EXEMPT_PREFIXES = ("/static/", "/health", "/i18n/", "/accounts/login", "/accounts/logout", "/accounts/otp/")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        verified = getattr(user, "is_verified", lambda: False)()
        if user.is_authenticated and not request.path.startswith(EXEMPT_PREFIXES) and not verified:
            has_device = user_has_device(user)
            if has_device or Actor.of(user).requires_second_factor:  # type: ignore[arg-type]
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {"code": "second_factor_required", "message": _("Enter your two-factor code first.")},
                        status=403,
                    )
                target = "accounts:otp_verify" if has_device else "accounts:otp_setup"
                return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)
