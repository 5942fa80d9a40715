"""Writing accounts, roles and API tokens. Every function validates, writes and audits in one
transaction."""

from __future__ import annotations

import copy
import datetime as dt
import re
import secrets
from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.accounts import auth_cache, permissions
from antq.accounts.models import ApiToken, RoleAssignment, User
from antq.core.actor import ROLE_RANK, Actor, Role
from antq.core.audit import audit_entry
from antq.core.errors import Conflict, DomainError, Forbidden, ValidationFailed
from antq.units.models import Unit
from antq.units.permissions import units_visible_to

USERNAME_SHAPE = re.compile(r"^[a-z0-9][a-z0-9._\-]{2,63}$")
TOKEN_LOOKUP_LENGTH = 12


class InvalidToken(DomainError):
    """The bearer token is malformed, unknown, expired or revoked; the field is the header."""

    status = 401
    code = "invalid_token"

    def __init__(self, message: str) -> None:
        super().__init__(message, errors={"Authorization": message})


def _user_snapshot(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "position": user.position,
        "email": user.email,
        "phone": user.phone,
        "home_unit": user.home_unit.code if user.home_unit else None,
        "is_active": user.is_active,
    }


def _scope_path(user: User) -> str:
    return user.home_unit.path if user.home_unit else "VN/"


def _visible_unit(actor: Actor, code: str, field: str) -> Unit:
    unit = units_visible_to(actor).filter(code=code, closed_on__isnull=True).first()
    if unit is None:
        raise ValidationFailed(
            errors={field: _("Unit %(code)s does not exist, is closed or is outside your area.") % {"code": code}}
        )
    return unit


def _check_password(errors: dict[str, str], password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        errors["password"] = " ".join(str(m) for m in exc.messages)


def user_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    home_unit_code: str,
    full_name: str = "",
    position: str = "",
    email: str = "",
    phone: str = "",
    role: str | None = None,
) -> User:
    """Create an account at a unit in the actor's subtree (leader or above there), optionally
    with a first role at that unit."""
    errors: dict[str, str] = {}
    username = username.strip().lower()
    if not USERNAME_SHAPE.match(username):
        errors["username"] = _("Use 3-64 lower-case letters, digits, dots, hyphens or underscores.")
    elif User.objects.filter(username=username).exists():
        errors["username"] = _("Username %(name)s is already taken.") % {"name": username}
    home_unit = _visible_unit(actor, home_unit_code, "home_unit")
    if not actor.has_role(home_unit, Role.LEADER):
        raise Forbidden(_("Only leaders of %(unit)s may create accounts there.") % {"unit": home_unit.name})
    if role is not None:
        if role not in ROLE_RANK:
            errors["role"] = _("Choose viewer, officer, leader or administrator.")
        elif not permissions.can_grant(actor, home_unit, role):
            errors["role"] = _("You cannot grant a role higher than your own.")
    candidate = User(username=username, full_name=full_name, email=email)
    _check_password(errors, password, candidate)
    if errors:
        raise ValidationFailed(errors=errors)
    with transaction.atomic():
        user = User(
            username=username,
            full_name=full_name.strip(),
            position=position.strip(),
            email=email.strip(),
            phone=phone.strip(),
            home_unit=home_unit,
        )
        user.set_password(password)
        user.refresh_search_text()
        user.save()
        audit_entry(
            actor=actor.user,
            action="account.create",
            target_type="account",
            target_id=user.pk,
            target_label=user.username,
            scope_path=home_unit.path,
            after=_user_snapshot(user),
        )
        if role is not None:
            _grant(actor=actor, user=user, unit=home_unit, role=role)
    return user


def user_update(*, actor: Actor, user: User, version: int, changes: dict[str, Any]) -> User:
    if not permissions.can_manage_user(actor, user):
        raise Forbidden(_("You may not manage this account."))
    allowed = {"full_name", "position", "email", "phone", "is_active"}
    errors = {field: _("This field cannot be changed here.") for field in set(changes) - allowed}
    if changes.get("is_active") is False and user.pk == actor.user_id:
        errors["is_active"] = _("You cannot deactivate your own account.")
    if errors:
        raise ValidationFailed(errors=errors)
    with transaction.atomic():
        current = User.objects.select_for_update(of=("self",)).select_related("home_unit").get(pk=user.pk)
        if current.version != version:
            raise Conflict(_("Someone else changed this account after you opened it. Reload and try again."))
        before = _user_snapshot(current)
        for field, value in changes.items():
            setattr(current, field, value.strip() if isinstance(value, str) else value)
        current.version += 1
        current.refresh_search_text()
        current.save()
        audit_entry(
            actor=actor.user,
            action="account.update",
            target_type="account",
            target_id=current.pk,
            target_label=current.username,
            scope_path=_scope_path(current),
            before=before,
            after=_user_snapshot(current),
        )
        return current


def user_set_password(*, actor: Actor, user: User, password: str) -> None:
    """A leader resets an account's password, or an officer changes their own."""
    if user.pk != actor.user_id and not permissions.can_manage_user(actor, user):
        raise Forbidden(_("You may not manage this account."))
    errors: dict[str, str] = {}
    _check_password(errors, password, user)
    if errors:
        raise ValidationFailed(errors=errors)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_entry(
            actor=actor.user,
            action="account.password",
            target_type="account",
            target_id=user.pk,
            target_label=user.username,
            scope_path=_scope_path(user),
        )


def user_unlock(*, actor: Actor, user: User) -> None:
    """Lift a lockout after repeated failed logins."""
    if not permissions.can_manage_user(actor, user):
        raise Forbidden(_("You may not manage this account."))
    with transaction.atomic():
        axes_reset(username=user.username)
        audit_entry(
            actor=actor.user,
            action="account.unlock",
            target_type="account",
            target_id=user.pk,
            target_label=user.username,
            scope_path=_scope_path(user),
        )


def _grant(*, actor: Actor, user: User, unit: Unit, role: str) -> RoleAssignment:
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, unit=unit, role=role, defaults={"granted_by": actor.user}
    )
    if not created:
        raise ValidationFailed(errors={"role": _("The account already holds this role at this unit.")})
    audit_entry(
        actor=actor.user,
        action="role.grant",
        target_type="account",
        target_id=user.pk,
        target_label=user.username,
        scope_path=unit.path,
        after={"unit": unit.code, "role": role},
    )
    return assignment


def role_grant(*, actor: Actor, user: User, unit_code: str, role: str) -> RoleAssignment:
    if not permissions.can_manage_user(actor, user):
        raise Forbidden(_("You may not manage this account."))
    if role not in ROLE_RANK:
        raise ValidationFailed(errors={"role": _("Choose viewer, officer, leader or administrator.")})
    unit = _visible_unit(actor, unit_code, "unit")
    if not permissions.can_grant(actor, unit, role):
        raise ValidationFailed(errors={"role": _("You cannot grant a role higher than your own.")})
    with transaction.atomic():
        return _grant(actor=actor, user=user, unit=unit, role=role)


def role_revoke(*, actor: Actor, assignment: RoleAssignment) -> None:
    if not permissions.can_grant(actor, assignment.unit, assignment.role):
        raise Forbidden(_("You cannot remove a role higher than your own or outside your area."))
    if assignment.user_id == actor.user_id and assignment.role in (Role.LEADER, Role.ADMINISTRATOR):
        raise ValidationFailed(errors={"role": _("Ask another leader to remove your own management role.")})
    with transaction.atomic():
        audit_entry(
            actor=actor.user,
            action="role.revoke",
            target_type="account",
            target_id=assignment.user_id,
            target_label=assignment.user.username,
            scope_path=assignment.unit.path,
            before={"unit": assignment.unit.code, "role": assignment.role},
        )
        assignment.delete()


def token_create(*, actor: Actor, name: str, days: int | None = 90) -> tuple[ApiToken, str]:
    """Issue a token for the actor's own account. Returns the token and its secret, which is
    shown once and never stored."""
    errors: dict[str, str] = {}
    name = name.strip()
    if not name or len(name) > 100:
        errors["name"] = _("Name the token (1-100 characters), e.g. “Điện thoại công tác”.")
    if days is not None and not 1 <= days <= 366:
        errors["days"] = _("A token lasts between 1 and 366 days.")
    if errors:
        raise ValidationFailed(errors=errors)
    lookup = secrets.token_hex(TOKEN_LOOKUP_LENGTH // 2)
    secret_part = secrets.token_urlsafe(32)
    secret = f"{ApiToken.PREFIX}{lookup}_{secret_part}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor.user,
            name=name,
            lookup=lookup,
            digest=ApiToken.digest_of(secret),
            expires_at=timezone.now() + dt.timedelta(days=days) if days else None,
        )
        audit_entry(
            actor=actor.user,
            action="token.create",
            target_type="token",
            target_id=token.pk,
            target_label=name,
            scope_path=_scope_path(actor.user),
            after={"name": name, "expires_at": token.expires_at},
        )
    return token, secret


def token_revoke(*, actor: Actor, token: ApiToken) -> None:
    if token.user_id != actor.user_id and not permissions.can_manage_user(actor, token.user):
        raise Forbidden(_("You may not manage this account."))
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_entry(
            actor=actor.user,
            action="token.revoke",
            target_type="token",
            target_id=token.pk,
            target_label=token.name,
            scope_path=_scope_path(token.user),
        )


TOKEN_SHAPE = re.compile(rf"^{ApiToken.PREFIX}([0-9a-f]{{{TOKEN_LOOKUP_LENGTH}}})_([A-Za-z0-9_\-]{{20,64}})$")


def token_authenticate(secret: str) -> User:
    """Resolve a bearer secret to its active user, or raise InvalidToken with a reason."""
    match = TOKEN_SHAPE.match(secret.strip())
    if match is None:
        raise InvalidToken(
            _(
                "The API token is malformed: it should look like antq_<12 hex characters>_<secret>, "
                "as shown when it was created."
            )
        )
    digest = ApiToken.digest_of(secret.strip())
    user = auth_cache.remembered(digest)
    if user is not None:
        return user
    seen = auth_cache.generation()
    token = ApiToken.objects.select_related("user").filter(lookup=match.group(1)).first()
    if token is None or not secrets.compare_digest(token.digest, digest):
        raise InvalidToken(_("The API token is unknown or has been revoked."))
    now = timezone.now()
    if token.revoked_at is not None:
        raise InvalidToken(_("The API token is unknown or has been revoked."))
    if token.expires_at is not None and token.expires_at <= now:
        raise InvalidToken(
            _("The API token expired on %(date)s; create a new one.")
            % {"date": token.expires_at.date().strftime("%d/%m/%Y")}
        )
    if not token.user.is_active:
        raise InvalidToken(_("The account of this token is deactivated."))
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        # Throttled so that a busy script does not turn every read into a write.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    auth_cache.remember(digest, token.user, token.expires_at, seen)
    return copy.copy(token.user)
