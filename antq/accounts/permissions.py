"""Who may manage which accounts. Leaders manage accounts whose home unit lies in their subtree
and grant roles there up to their own rank; administrators also grant administrator."""

from __future__ import annotations

from django.db.models import Q

from antq.accounts.models import RoleAssignment, User
from antq.core.actor import ROLE_RANK, Actor, Role
from antq.units.models import Unit


def users_visible_to(actor: Actor) -> Q:
    """Accounts the actor manages (leader or above over their home unit), plus themselves."""
    return actor.scope_q("home_unit__path", minimum=Role.LEADER) | Q(pk=actor.user_id)


def can_manage_user(actor: Actor, user: User) -> bool:
    """Leader or above over the account's home unit, and at least the account's highest role:
    a leader must not reset an administrator's password or switch them off."""
    if user.home_unit is None:
        return any(g.level == 0 and ROLE_RANK[g.role] >= ROLE_RANK[Role.ADMINISTRATOR] for g in actor.grants)
    if not actor.has_role(user.home_unit, Role.LEADER):
        return False
    their_roles = RoleAssignment.objects.filter(user=user).values_list("role", flat=True)
    highest = max((ROLE_RANK[r] for r in their_roles), default=0)
    return actor.max_rank_at(user.home_unit) >= highest


def can_grant(actor: Actor, unit: Unit, role: str) -> bool:
    rank = actor.max_rank_at(unit)
    return rank >= ROLE_RANK[Role.LEADER] and rank >= ROLE_RANK[role]


def can_view_audit(actor: Actor) -> bool:
    return bool(actor.paths_with(Role.LEADER))
