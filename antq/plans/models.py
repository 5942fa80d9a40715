"""Plans: the cascade central -> province -> commune (e.g. 172/KH-BCĐ -> 4955/KH-BCĐ -> a commune's).

A plan is written as a draft, then issued with its official number; after that it changes only by
an amendment, and every issue or amendment keeps a full snapshot (`PlanRevision`), so the history
of what was in force when is never lost. Tasks assign work to the units below with deadlines;
the progress board (selectors.plan_board) reads them with the units' own plans and sites.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.core.models import Placed, Versioned
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit, UnitKind, UnitQuerySet

PLAN_SYMBOL_DEFAULT = "KH-BCĐ"


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    AMENDED = "amended", _("Amended")
    CLOSED = "closed", _("Closed")


# States in which a plan is in force: units below may cite it and register sites under it.
IN_FORCE_STATES = (PlanState.ISSUED, PlanState.AMENDED)
# Fields that form the plan's content; a snapshot of them is kept at each issue and amendment.
CONTENT_FIELDS = (
    "title",
    "parent_body",
    "issuing_body",
    "place",
    "signer_authority",
    "signer_title",
    "signer_name",
    "basis_documents",
    "window_start",
    "window_end",
    "purposes",
    "requirements",
    "contents",
    "organisation",
    "target_sites",
    "target_sites_per_commune",
    "target_pilot_sites",
    "lower_plan_due_on",
    "site_registration_due_on",
    "recipients",
)


class PlanQuerySet(models.QuerySet["Plan"]):
    def in_force(self) -> PlanQuerySet:
        return self.filter(state__in=IN_FORCE_STATES)


class Plan(Placed, Versioned):
    placed_by = "issuer"
    issuer = models.ForeignKey(Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="plans")
    parent_plan = models.ForeignKey(
        "self",
        verbose_name=_("parent plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="child_plans",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.CharField(_("number"), max_length=16, blank=True)
    symbol = models.CharField(_("symbol"), max_length=32, default=PLAN_SYMBOL_DEFAULT)
    title = models.CharField(_("title"), max_length=500)
    parent_body = models.CharField(_("parent body"), max_length=200, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    place = models.CharField(_("place of issue"), max_length=100)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    signer_authority = models.CharField(_("signing authority"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    basis_documents = models.TextField(_("other documents cited"), blank=True)
    window_start = models.DateField(_("festival window from"))
    window_end = models.DateField(_("festival window to"))
    purposes = models.TextField(_("purposes"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    contents = models.TextField(_("contents"), blank=True)
    organisation = models.TextField(_("organisation of implementation"), blank=True)
    target_sites = models.PositiveIntegerField(_("target sites in all"), null=True, blank=True)
    target_sites_per_commune = models.PositiveSmallIntegerField(_("target sites per commune"), null=True, blank=True)
    target_pilot_sites = models.PositiveIntegerField(_("target pilot sites"), null=True, blank=True)
    lower_plan_due_on = models.DateField(_("plans below due by"), null=True, blank=True)
    site_registration_due_on = models.DateField(_("sites registered by"), null=True, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    attachment = models.FileField(_("signed scan"), upload_to="plans/%Y/", blank=True)
    state = models.CharField(_("state"), max_length=16, choices=PlanState.choices, default=PlanState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "issuer__path", "-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number", "symbol"],
                condition=~Q(number=""),
                name="plan_number_unique_per_issuer_year",
            ),
            models.CheckConstraint(condition=Q(window_start__lte=models.F("window_end")), name="plan_window_order"),
        ]
        indexes = [models.Index(fields=["year", "state"], name="plan_year_state")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    @property
    def reference(self) -> str:
        """The official number and symbol, "4955/KH-BCĐ"; empty for a draft without a number."""
        return f"{self.number}/{self.symbol}" if self.number else ""

    @property
    def is_in_force(self) -> bool:
        return self.state in IN_FORCE_STATES

    @property
    def is_editable_draft(self) -> bool:
        return self.state == PlanState.DRAFT

    def content_snapshot(self) -> dict[str, Any]:
        return {field: getattr(self, field) for field in CONTENT_FIELDS}


class PlanRevision(models.Model):
    """One issue (revision 1) or amendment (2, 3, ...) of a plan, with the content then in force."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveSmallIntegerField()
    effective_on = models.DateField(_("effective from"))
    reference = models.CharField(_("amending document"), max_length=64, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    snapshot = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("plan revision")
        ordering = ["plan", "revision"]
        constraints = [models.UniqueConstraint(fields=["plan", "revision"], name="plan_revision_unique")]

    def __str__(self) -> str:
        return f"{self.plan_id} r{self.revision}"


class PlanTask(models.Model):
    """Work the plan assigns below. `assignee` null means every unit one level down (every province
    for the central plan, every commune for a province plan); each unit marks its own completion."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    assignee = models.ForeignKey(
        Unit, verbose_name=_("assigned to"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("task"))
    due_on = models.DateField(_("due by"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("task")
        ordering = ["plan", "position", "due_on", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class PlanTaskCompletion(models.Model):
    """A unit's part of a task, done. Audited as a change of the task, kept at the unit that did it."""

    audit_type = "plan_task"

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="completions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    done_on = models.DateField(_("done on"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("task completion")
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="task_completion_unique")]

    def __str__(self) -> str:
        return f"{self.task_id}@{self.unit_id}"

    @property
    def audit_id(self) -> int:
        return self.task_id

    @property
    def audit_label(self) -> str:
        return self.task.description[:200]


def units_one_level_below(issuer: Unit) -> UnitQuerySet:
    """The units a plan's tasks without an assignee apply to: every current province for the
    central plan, every commune of a province plan, the units directly below a commune."""
    if issuer.kind == UnitKind.NATION:
        return Unit.objects.filter(kind__in=PROVINCE_KINDS, closed_on__isnull=True)
    if issuer.kind in PROVINCE_KINDS:
        return Unit.objects.filter(province=issuer, kind__in=COMMUNE_KINDS, closed_on__isnull=True)
    return Unit.objects.filter(parent=issuer, closed_on__isnull=True)
