"""Who is acting, and where. Every selector and service takes an `Actor`.

An actor's grants are loaded once per request (one query) and answer every scope question after
that without touching the database: a grant at a unit covers every unit whose path starts with
the grant's path. A closed historical unit is covered when its successor is.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from antq.accounts.models import ROLE_RANK, RoleAssignment, User
from antq.units.models import PATH_SEPARATOR, Unit, subtree_q


@dataclass(frozen=True)
class Grant:
    unit_id: int
    unit_code: str
    unit_name: str
    path: str
    level: int
    role: str


@dataclass(frozen=True)
class Actor:
    user: User
    grants: tuple[Grant, ...]

    @classmethod
    def of(cls, user: User) -> Actor:
        cached: Actor | None = getattr(user, "_antq_actor", None)
        if cached is not None:
            return cached
        rows = (
            RoleAssignment.objects.filter(user=user, unit__closed_on__isnull=True)
            .select_related("unit")
            .order_by("unit__path")
        )
        grants = tuple(
            Grant(
                unit_id=r.unit_id,
                unit_code=r.unit.code,
                unit_name=r.unit.name,
                path=r.unit.path,
                level=r.unit.level,
                role=r.role,
            )
            for r in rows
        )
        actor = cls(user=user, grants=grants if user.is_active else ())
        user._antq_actor = actor  # type: ignore[attr-defined]
        return actor

    @property
    def user_id(self) -> int:
        return self.user.pk

    def _effective_path(self, unit: Unit) -> str:
        if unit.closed_on is not None and unit.successor_id is not None:
            successor = unit.successor
            assert successor is not None
            return successor.path
        return unit.path

    def role_at(self, unit: Unit) -> str | None:
        """The highest role covering `unit`, or None when it is outside every grant."""
        path = self._effective_path(unit)
        best: str | None = None
        for grant in self.grants:
            if path.startswith(grant.path) and (best is None or ROLE_RANK[grant.role] > ROLE_RANK[best]):
                best = grant.role
        return best

    def has_role(self, unit: Unit, minimum: str) -> bool:
        role = self.role_at(unit)
        return role is not None and ROLE_RANK[role] >= ROLE_RANK[minimum]

    def covers(self, unit: Unit) -> bool:
        return self.role_at(unit) is not None

    def max_rank_at(self, unit: Unit) -> int:
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
        return any(g.role == "administrator" for g in self.grants)

    @property
    def requires_second_factor(self) -> bool:
        return self.is_administrator or self.user.is_superuser

    @property
    def home_grant(self) -> Grant | None:
        """The widest grant: where the actor's work starts."""
        return min(self.grants, key=lambda g: (g.level, -ROLE_RANK[g.role]), default=None)
