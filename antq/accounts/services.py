"""Writing accounts, roles, API tokens and second-factor devices. Every function validates, writes
and audits in one transaction. Changes to an account lock it through `lock_for_write` over the
accounts the actor manages (missing and outside look alike: 404; seen but not theirs to manage:
403; stale version: 409)."""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
import secrets
from dataclasses import dataclass, fields, replace
from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from antq.accounts import auth_cache, permissions
from antq.accounts.models import ApiToken, RoleAssignment, User
from antq.core.actor import ROLE_RANK, Actor, Role
from antq.core.audit import audit_record
from antq.core.errors import DomainError, Forbidden, ValidationFailed
from antq.core.writes import lock_for_write
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


@dataclass(frozen=True)
class AccountInput:
    """A new account: who, where, and optionally a first role at that unit."""

    username: str
    password: str
    home_unit_code: str
    full_name: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    role: str | None = None


@dataclass(frozen=True)
class AccountEdit:
    """What a leader may change on an account (the whole intended state; `AccountEdit.of`)."""

    full_name: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    is_active: bool = True

    @classmethod
    def of(cls, user: User) -> AccountEdit:
        return cls(**{f.name: getattr(user, f.name) for f in fields(cls)})

    def with_changes(self, **changes: Any) -> AccountEdit:
        return replace(self, **changes)


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


def _managed(actor: Actor, user_id: int, version: int | None = None) -> User:
    """The account, locked, once the actor manages it (and holds its latest version)."""
    return lock_for_write(
        User.objects.filter(permissions.users_visible_to(actor)),
        user_id,
        version=version,
        allowed=lambda u: permissions.can_manage_user(actor, u),
        refusal=_("You may not manage this account."),
        related=("home_unit",),
    )


def user_create(*, actor: Actor, data: AccountInput) -> User:
    """Create an account at a unit in the actor's subtree (leader or above there), optionally
    with a first role at that unit."""
    errors: dict[str, str] = {}
    username = data.username.strip().lower()
    if not USERNAME_SHAPE.match(username):
        errors["username"] = _("Use 3-64 lower-case letters, digits, dots, hyphens or underscores.")
    elif User.objects.filter(username=username).exists():
        errors["username"] = _("Username %(name)s is already taken.") % {"name": username}
    home_unit = _visible_unit(actor, data.home_unit_code, "home_unit")
    if not actor.has_role(home_unit, Role.LEADER):
        raise Forbidden(_("Only leaders of %(unit)s may create accounts there.") % {"unit": home_unit.name})
    if data.role is not None:
        if data.role not in ROLE_RANK:
            errors["role"] = _("Choose viewer, officer, leader or administrator.")
        elif not permissions.can_grant(actor, home_unit, data.role):
            errors["role"] = _("You cannot grant a role higher than your own.")
    _check_password(errors, data.password, User(username=username, full_name=data.full_name, email=data.email))
    if errors:
        raise ValidationFailed(errors=errors)
    with transaction.atomic():
        user = User(
            username=username,
            full_name=data.full_name.strip(),
            position=data.position.strip(),
            email=data.email.strip(),
            phone=data.phone.strip(),
            home_unit=home_unit,
        )
        user.set_password(data.password)
        user.refresh_search_text()
        user.save()
        audit_record(actor, "account.create", target=user, after=_user_snapshot(user))
        if data.role is not None:
            _grant(actor=actor, user=user, unit=home_unit, role=data.role)
    return user


@transaction.atomic
def user_update(*, actor: Actor, user_id: int, version: int, data: AccountEdit) -> User:
    user = _managed(actor, user_id, version)
    if not data.is_active and user.pk == actor.user_id:
        raise ValidationFailed(errors={"is_active": _("You cannot deactivate your own account.")})
    before = _user_snapshot(user)
    for name, value in vars(data).items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    user.version += 1
    user.refresh_search_text()
    user.save()
    audit_record(actor, "account.update", target=user, before=before, after=_user_snapshot(user))
    return user


@transaction.atomic
def user_set_password(*, actor: Actor, user_id: int, password: str) -> None:
    """A leader resets an account's password, or an officer changes their own."""
    if user_id == actor.user_id:
        user = User.objects.select_for_update().get(pk=user_id)
    else:
        user = _managed(actor, user_id)
    errors: dict[str, str] = {}
    _check_password(errors, password, user)
    if errors:
        raise ValidationFailed(errors=errors)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor, "account.password", target=user)


@transaction.atomic
def user_unlock(*, actor: Actor, user_id: int) -> None:
    """Lift a lockout after repeated failed logins."""
    user = _managed(actor, user_id)
    axes_reset(username=user.username)
    audit_record(actor, "account.unlock", target=user)


def _grant(*, actor: Actor, user: User, unit: Unit, role: str) -> RoleAssignment:
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, unit=unit, role=role, defaults={"granted_by": actor.user}
    )
    if not created:
        raise ValidationFailed(errors={"role": _("The account already holds this role at this unit.")})
    audit_record(actor, "role.grant", target=assignment, after={"unit": unit.code, "role": role})
    return assignment


@transaction.atomic
def role_grant(*, actor: Actor, user_id: int, unit_code: str, role: str) -> RoleAssignment:
    user = _managed(actor, user_id)
    if role not in ROLE_RANK:
        raise ValidationFailed(errors={"role": _("Choose viewer, officer, leader or administrator.")})
    unit = _visible_unit(actor, unit_code, "unit")
    if not permissions.can_grant(actor, unit, role):
        raise ValidationFailed(errors={"role": _("You cannot grant a role higher than your own.")})
    return _grant(actor=actor, user=user, unit=unit, role=role)


@transaction.atomic
def role_revoke(*, actor: Actor, user_id: int, assignment_id: int) -> None:
    """Remove a role of an account the actor manages; the role is one they could grant."""
    assignment = lock_for_write(
        RoleAssignment.objects.filter(
            actor.scope_q("unit__path", minimum=Role.LEADER), user__in=User.objects.filter(pk=user_id)
        ),
        assignment_id,
        version=None,
        allowed=lambda a: permissions.can_grant(actor, a.unit, a.role),
        refusal=_("You cannot remove a role higher than your own or outside your area."),
        related=("unit", "user"),
    )
    if assignment.user_id == actor.user_id and assignment.role in (Role.LEADER, Role.ADMINISTRATOR):
        raise ValidationFailed(errors={"role": _("Ask another leader to remove your own management role.")})
    audit_record(
        actor, "role.revoke", target=assignment, before={"unit": assignment.unit.code, "role": assignment.role}
    )
    assignment.delete()


def token_create(*, actor: Actor, name: str, days: int = 90) -> tuple[ApiToken, str]:
    """Issue a token for the actor's own account. Returns the token and its secret, which is
    shown once and never stored."""
    errors: dict[str, str] = {}
    name = name.strip()
    if not name or len(name) > 100:
        errors["name"] = _("Name the token (1-100 characters), e.g. “Điện thoại công tác”.")
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 366:  # every token expires
        errors["days"] = _("A token lasts between 1 and 366 days.")
    if errors:
        raise ValidationFailed(errors=errors)
    lookup = secrets.token_hex(TOKEN_LOOKUP_LENGTH // 2)
    secret = f"{ApiToken.PREFIX}{lookup}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor.user,
            name=name,
            lookup=lookup,
            digest=ApiToken.digest_of(secret),
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
        audit_record(actor, "token.create", target=token, after={"name": name, "expires_at": token.expires_at})
    return token, secret


@transaction.atomic
def token_revoke(*, actor: Actor, token_id: int) -> None:
    """Revoke one of the actor's own tokens (others' tokens are not theirs to see: 404)."""
    token = lock_for_write(ApiToken.objects.filter(user=actor.user), token_id, version=None, related=("user",))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor, "token.revoke", target=token)


def otp_device_for_enrolment(*, actor: Actor) -> TOTPDevice | None:
    """The unconfirmed authenticator the actor is enrolling (made on first visit), or None when
    they already have a confirmed one."""
    device = TOTPDevice.objects.filter(user=actor.user, confirmed=False).first()
    if device is None and not TOTPDevice.objects.filter(user=actor.user, confirmed=True).exists():
        device = TOTPDevice.objects.create(user=actor.user, name="default", confirmed=False)
    return device


def otp_wait_seconds(*, user: User, device: TOTPDevice | None = None) -> int:
    """Seconds before an authenticator code may be tried again (django-otp doubles the wait after
    each wrong code: 1, 2, 4, 8 … seconds), 0 when a code may be tried now. `device`: only that
    one (enrolment), else any confirmed device of the user."""
    devices = [device] if device is not None else list(TOTPDevice.objects.filter(user=user, confirmed=True))
    waits = []
    for candidate in devices:
        allowed, info = candidate.verify_is_allowed()
        if allowed:
            return 0
        locked_until = (info or {}).get("locked_until")
        if locked_until is not None:
            waits.append(max(1, math.ceil((locked_until - timezone.now()).total_seconds())))
    return min(waits) if waits else 0


@transaction.atomic
def otp_enrol(*, actor: Actor, device: TOTPDevice, token: str) -> bool:
    """Confirm an authenticator with one code from it; False when the code is wrong."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor, "account.otp_enrol", target=actor.user)
    return True


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
