"""A per-process memo of API token -> account (with its grants), so that a script or app polling
the dashboard does not pay two database reads on every request.

An entry is used only while the "auth" generation it was stored under is current and for at most
`AUTH_TTL` seconds. Every change that could take access away bumps the generation: a save or
delete of an account, a role or a token (signals, connected in `AccountsConfig.ready`) and a
unit's move or closure (units services). The bump happens at once and again after commit, so no
process can keep the state from before the change under the new generation. The generation lives
in the Django cache (Redis in production), so all app processes see it; with the embedded
in-memory cache there is one process.
"""

from __future__ import annotations

import copy
import datetime as dt
import time
from typing import Any

from django.db import transaction
from django.utils import timezone

from antq.accounts.models import User
from antq.core.cache import bump_counter, counters

AUTH_TTL = 30.0
_KEY = "auth-gen"
_memo: dict[str, tuple[str, float, User, dt.datetime | None]] = {}


def _generation() -> str:
    return str(counters([_KEY])[_KEY])


def _bump() -> None:
    bump_counter(_KEY)


def auth_changed(*_args: Any, **_kwargs: Any) -> None:
    """Forget every memoised token now and once more when the transaction commits."""
    _memo.clear()
    _bump()
    transaction.on_commit(_bump)


def remembered(digest: str) -> User | None:
    """The account of the token with this digest, when memoised and still valid; a copy, so that
    nothing a request sets on it reaches another request."""
    hit = _memo.get(digest)
    if hit is None:
        return None
    generation, stored_at, user, expires_at = hit
    if time.monotonic() - stored_at > AUTH_TTL or generation != _generation():
        _memo.pop(digest, None)
        return None
    if expires_at is not None and expires_at <= timezone.now():
        _memo.pop(digest, None)
        return None
    return copy.copy(user)


def remember(digest: str, user: User, expires_at: dt.datetime | None, generation: str) -> None:
    """Memoise under the generation read *before* the account was loaded."""
    from antq.core.actor import Actor

    Actor.of(user)  # the grants travel with the memoised account
    _memo[digest] = (generation, time.monotonic(), user, expires_at)


def generation() -> str:
    return _generation()
