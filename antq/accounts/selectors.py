"""Reading accounts and the audit log, always within the actor's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from antq.accounts import permissions
from antq.accounts.models import ApiToken, RoleAssignment, User
from antq.core.actor import Actor, Role
from antq.core.errors import NotFound
from antq.core.models import AuditEntry
from antq.core.text import normalise_search


def user_list(*, actor: Actor, query: str = "", unit_code: str | None = None) -> QuerySet[User]:
    users = User.objects.filter(permissions.users_visible_to(actor)).select_related("home_unit")
    if unit_code:
        users = users.filter(home_unit__code=unit_code)
    folded = normalise_search(query)
    if folded:
        users = users.filter(search_text__contains=folded)
    return users.order_by("home_unit__path", "username")


def user_get(*, actor: Actor, user_id: int) -> User:
    user = User.objects.filter(permissions.users_visible_to(actor), pk=user_id).select_related("home_unit").first()
    if user is None:
        raise NotFound(_("Account %(id)s does not exist or is outside your area.") % {"id": user_id})
    return user


def user_roles(*, user: User) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(user=user).select_related("unit").order_by("unit__path", "role")


def token_list(*, actor: Actor) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=actor.user).order_by("-created_at")


def audit_list(
    *,
    actor: Actor,
    action: str = "",
    actor_name: str = "",
    unit_code: str = "",
    target: str = "",
) -> QuerySet[AuditEntry]:
    """Entries in the subtrees where the actor is leader or above, newest first. Nothing to see
    for an actor who leads nowhere: the log itself is missing for them (404)."""
    if not permissions.can_view_audit(actor):
        raise NotFound(_("Page not found."))
    entries = AuditEntry.objects.filter(actor.scope_q("scope_path", minimum=Role.LEADER))
    if unit_code:
        from antq.core.tree import subtree_q
        from antq.units.selectors import unit_get

        entries = entries.filter(subtree_q(unit_get(actor=actor, code=unit_code).path, "scope_path"))
    if action:
        entries = entries.filter(action__startswith=action)
    if actor_name:
        entries = entries.filter(actor_label__icontains=actor_name.strip())
    if target:
        entries = entries.filter(target_label__icontains=target.strip())
    return entries.order_by("-at", "-id")


# --- Pages ------------------------------------------------------------------------------------------


def accounts_page_allowed(*, actor: Actor) -> None:
    """Account management pages exist only for leaders and administrators (404 for others)."""
    if not permissions.can_view_audit(actor):
        raise NotFound(_("Page not found."))


def account_list_page(*, actor: Actor, query: str, unit_code: str | None) -> QuerySet[User]:
    accounts_page_allowed(actor=actor)
    return user_list(actor=actor, query=query, unit_code=unit_code)


def account_page(*, actor: Actor, user_id: int) -> dict[str, Any]:
    user = user_get(actor=actor, user_id=user_id)
    return {"account": user, "roles": user_roles(user=user), "manageable": permissions.can_manage_user(actor, user)}
