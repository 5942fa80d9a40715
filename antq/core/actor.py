"""Who is acting, and where. Every selector and service takes an `Actor`.

An actor is a user with the roles they hold at units (grants). A grant at a unit covers the unit's
whole subtree; after the grants are loaded (one query per request), every scope question is
answered from unit paths without touching the database. A closed historical unit is covered where
its successor is.

The grants are loaded by the accounts app, which owns the role assignments: it registers its loader
here (`grants_loader`) when Django starts, so the kernel never imports a domain app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.core.tree import PATH_SEPARATOR, subtree_q


class Role(models.TextChoices):
    """Ordered from least to most; a role at a unit covers that unit's whole subtree."""

    VIEWER = "viewer", _("Viewer")
    OFFICER = "officer", _("Officer")
    LEADER = "leader", _("Leader")
    ADMINISTRATOR = "administrator", _("Administrator")


ROLE_RANK: dict[str, int] = {
    Role.VIEWER: 1,
    Role.OFFICER: 2,
    Role.LEADER: 3,
    Role.ADMINISTRATOR: 4,
}


class UnitLike(Protocol):
    """What scope checks read of a unit (the units app's `Unit`)."""

    path: str
    level: int
    closed_on: Any
    successor_id: int | None

    @property
    def successor(self) -> Any: ...


@dataclass(frozen=True)
class Grant:
    unit_id: int
    unit_code: str
    unit_name: str
    path: str
    level: int
    role: str


GrantLoader = Callable[[Any], tuple[Grant, ...]]
_loader: list[GrantLoader] = []


def grants_loader(function: GrantLoader) -> GrantLoader:
    """Register the function that reads a user's grants (the accounts app does, once)."""
    _loader[:] = [function]
    return function


@dataclass(frozen=True)
class Actor:
    user: Any  # the accounts app's User (the kernel does not import it)
    grants: tuple[Grant, ...]

    @classmethod
    def of(cls, user: Any) -> Actor:
        """The actor of a signed-in user, memoised on the user object for the request."""
        cached: Actor | None = getattr(user, "_antq_actor", None)
        if cached is not None:
            return cached
        if not _loader:
            raise RuntimeError("No grants loader is registered: is antq.accounts in INSTALLED_APPS?")
        actor = cls(user=user, grants=_loader[0](user) if user.is_active else ())
        user._antq_actor = actor
        return actor

    @property
    def user_id(self) -> int:
        return int(self.user.pk)

    def _effective_path(self, unit: UnitLike) -> str:
        if unit.closed_on is not None and unit.successor_id is not None:
            successor = unit.successor
            assert successor is not None
            return str(successor.path)
        return unit.path

    def role_at(self, unit: UnitLike) -> str | None:
        """The highest role covering `unit`, or None when it is outside every grant."""
        path = self._effective_path(unit)
        best: str | None = None
        for grant in self.grants:
            if path.startswith(grant.path) and (best is None or ROLE_RANK[grant.role] > ROLE_RANK[best]):
                best = grant.role
        return best

    def has_role(self, unit: UnitLike, minimum: str) -> bool:
        role = self.role_at(unit)
        return role is not None and ROLE_RANK[role] >= ROLE_RANK[minimum]

    def covers(self, unit: UnitLike) -> bool:
        return self.role_at(unit) is not None

    def max_rank_at(self, unit: UnitLike) -> int:
        role = self.role_at(unit)
        return ROLE_RANK[role] if role else 0

    def paths_with(self, minimum: str) -> list[str]:
        """Grant paths where the actor holds at least `minimum`, without nested duplicates."""
        paths = sorted(g.path for g in self.grants if ROLE_RANK[g.role] >= ROLE_RANK[minimum])
        kept: list[str] = []
        for path in paths:
            if not any(path.startswith(k) for k in kept):
                kept.append(path)
        return kept

    def scope_q(self, field: str = "path", minimum: str = "viewer") -> Q:
        """Q over a path-valued field: inside a subtree the actor holds `minimum` at."""
        paths = self.paths_with(minimum)
        if not paths:
            return Q(pk__in=[])
        if any(path.count(PATH_SEPARATOR) == 1 for path in paths):
            # A grant at the root covers every unit: a range over the whole table would only
            # steer the planner onto the path index and away from better ones.
            return ~Q(pk__in=[])  # always true, and composes correctly with | and &
        query = Q()
        for path in paths:
            query |= subtree_q(path, field)
        return query

    @property
    def is_administrator(self) -> bool:
        return any(g.role == Role.ADMINISTRATOR for g in self.grants)

    @property
    def is_leader_somewhere(self) -> bool:
        """Leaders and administrators browse the audit log and manage accounts of their subtree."""
        return any(ROLE_RANK[g.role] >= ROLE_RANK[Role.LEADER] for g in self.grants)

    @property
    def requires_second_factor(self) -> bool:
        return self.is_administrator or bool(self.user.is_superuser)

    @property
    def home_grant(self) -> Grant | None:
        """The widest grant: where the actor's work starts."""
        return min(self.grants, key=lambda g: (g.level, -ROLE_RANK[g.role]), default=None)
