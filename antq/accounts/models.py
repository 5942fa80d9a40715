"""Officers, the roles they hold at units, and API tokens."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from antq.core.actor import Role
from antq.core.models import Versioned
from antq.units.models import Unit


class User(Versioned, AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    home_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("home unit"),
        help_text=_("The unit the account belongs to; leaders of its subtree manage it."),
    )
    search_text = models.CharField(max_length=400, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        return self.full_name or self.username

    def refresh_search_text(self) -> None:
        from antq.core.text import normalise_search

        self.search_text = normalise_search(f"{self.username} {self.full_name} {self.position}")[:400]

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    # How the audit log names an account (antq.core.audit).
    audit_type = "account"

    @property
    def audit_label(self) -> str:
        return self.username

    @property
    def audit_scope(self) -> str:
        return self.home_unit.path if self.home_unit else "VN/"


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="role_assignments", verbose_name=_("unit"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.unit}"

    # A role is logged as a change of its account, in the subtree of the unit it is held at.
    audit_type = "account"

    @property
    def audit_id(self) -> int:
        return self.user_id

    @property
    def audit_label(self) -> str:
        return self.user.username


class ApiToken(models.Model):
    """A bearer token for scripts and mobile apps. Only a SHA-256 digest is stored; the secret is
    shown once at creation. Tokens act with their owner's roles, never more."""

    PREFIX = "antq_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    lookup = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.PREFIX}{self.lookup}…)"

    audit_type = "token"

    @property
    def audit_label(self) -> str:
        return self.name

    @property
    def audit_scope(self) -> str:
        return self.user.audit_scope

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()
