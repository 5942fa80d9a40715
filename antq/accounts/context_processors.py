from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from antq.accounts.permissions import can_view_audit
from antq.core.actor import Actor


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    actor = Actor.of(user)  # type: ignore[arg-type]
    return {
        "actor": actor,
        "nav_can_manage": can_view_audit(actor),
    }
