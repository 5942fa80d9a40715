"""Cross-cutting models: the audit log and jobs, and the two abstract bases every domain model
that people edit or that is kept at a unit builds on (`Versioned`, `Placed`)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One write (or one read of a sensitive record). Written by services in the same
    transaction as the change, so an entry exists exactly when the change does.

    `scope_path` is the unit path of the thing changed; leaders browse entries whose scope_path
    lies in their subtree.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(_("target type"), max_length=64)
    target_id = models.CharField(_("target id"), max_length=64)
    target_label = models.CharField(_("target"), max_length=255, blank=True)
    scope_path = models.CharField(max_length=255, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["scope_path", "-at"], name="audit_scope_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"

    @property
    def changes(self) -> list[tuple[str, Any, Any]]:
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A long piece of work started by a user (a large export), run by the job queue
    (`antq.core.jobs`). Its progress and result file are here whatever backend runs it; only
    the user who started it sees it."""

    id = models.UUIDField(primary_key=True, editable=False)
    kind = models.CharField(max_length=64)
    label = models.CharField(_("job"), max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope_path = models.CharField(max_length=255)
    params = models.JSONField(default=dict)
    state = models.CharField(_("state"), max_length=16, choices=JobState.choices, default=JobState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    file_path = models.CharField(max_length=255, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_created")]

    def __str__(self) -> str:
        return self.label

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)


class Versioned(models.Model):
    """A record people edit, who may have it open at the same time. Every change goes through
    `antq.core.writes.lock_for_write` with the version the user loaded and moves the version on
    (`bump_version`), so a stale edit is refused (409), never silently written over another."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class Placed(models.Model):
    """A record kept at a unit, carrying the unit's province and commune (DESIGN.md section 3), so
    that "in this province / commune" is one indexed equality, never a tree walk.

    `placed_by` is the lookup from this model to the unit whose place it copies ("unit",
    "issuer", "site__unit"). Every concrete subclass is re-keyed by `antq.core.placement` when a
    unit is moved, merged or closed: inheriting from `Placed` is the registration."""

    province = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    commune = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )

    placed_by: ClassVar[str] = "unit"

    class Meta:
        abstract = True

    def place_at(self, unit: Any) -> None:
        """Copy the place of `unit` (the one `placed_by` leads to) onto this record."""
        self.province_id, self.commune_id = placement(unit)


def placement(unit: Any) -> tuple[int | None, int | None]:
    """(province id, commune id) of a record kept at `unit`: the unit's own denormalised keys (a
    province's province is itself, a commune's commune is itself; the nation has neither; a closed
    unit has its successor's)."""
    return unit.province_id, unit.commune_id
