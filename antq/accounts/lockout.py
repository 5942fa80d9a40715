"""Login lockout that a stranger cannot turn against an officer (issue 18).

django-axes counts failed logins per (username, address): five wrong passwords for an account
from one address lock that account *from that address* for the cool-off time. A police station
behind one address keeps working for everyone else, and someone who knows a username cannot lock
its owner out from elsewhere. Only when failures for one username come from many addresses
(`ANTQ_LOGIN_ADDRESS_LIMIT`, default 10, within the cool-off time) is the username locked
everywhere — a distributed guess is the one case where that is the lesser harm. That second
rule is this backend, placed after axes' own and before the password check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone


def addresses_failing(username: str) -> int:
    """How many addresses failed to log in as `username` within the cool-off time."""
    since = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return (
        AccessAttempt.objects.filter(username=username, attempt_time__gte=since, failures_since_start__gt=0)
        .values("ip_address")
        .distinct()
        .count()
    )


class ManyAddressesBackend:
    """Refuses (before the password is checked) a username that failed from too many addresses."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, **kwargs: Any) -> None:
        if request is None or not username:
            return None
        if addresses_failing(username) >= settings.ANTQ_LOGIN_ADDRESS_LIMIT:
            request.axes_locked_out = True  # type: ignore[attr-defined]  # answered by AxesMiddleware
            request.antq_locked_everywhere = True  # type: ignore[attr-defined]
            raise PermissionDenied
        return None

    # No get_user: this backend never logs anyone in, so sessions (and the test client's
    # force_login, which takes the first backend that has one) use ModelBackend.
