"""Initiatives (mô hình) units run: their status history, yearly evaluations and photos.

An initiative is kept at its unit with the province and commune denormalised (`Placed`), so the
counts of any area are one GROUP BY on an indexed column; reports read them through the prefill
sources of `antq.registry.prefill`, not through a summary table."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq.core.models import Placed, Versioned
from antq.registry.initiatives.types.models import InitiativeType
from antq.units.models import Unit


class InitiativeStatus(models.TextChoices):
    ACTIVE = "active", _("Working well")
    WEAK = "weak", _("Weak")
    DISSOLVED = "dissolved", _("Dissolved")


class Initiative(Placed, Versioned):
    type = models.ForeignKey(InitiativeType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=300)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("started on"))
    status = models.CharField(
        _("status"), max_length=16, choices=InitiativeStatus.choices, default=InitiativeStatus.ACTIVE
    )
    status_since = models.DateField(_("status since"))
    members = models.PositiveIntegerField(_("members"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    description = models.TextField(_("description"), blank=True)
    replicated_from = models.ForeignKey(
        "self",
        verbose_name=_("replicated from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replicas",
    )
    search_text = models.CharField(max_length=600, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-started_on", "id"]
        indexes = [
            models.Index(fields=["commune", "status"], name="initiative_commune_status"),
            models.Index(fields=["province", "status"], name="initiative_province_status"),
            models.Index(fields=["type", "status"], name="initiative_type_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(replicated_from=models.F("id")), name="initiative_not_own_origin"),
            models.CheckConstraint(
                condition=Q(status_since__gte=models.F("started_on")), name="initiative_status_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InitiativeStatusChange(models.Model):
    """One line of an initiative's history: the status it had from `on`. The first line is its
    start. Reports count an initiative by its status at the period's end, read from here."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=16, choices=InitiativeStatus.choices)
    on = models.DateField(_("from"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "on", "id"]
        indexes = [models.Index(fields=["initiative", "on"], name="initiative_history_on")]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.status} {self.on}"


class InitiativeRating(models.TextChoices):
    EXEMPLARY = "exemplary", _("Exemplary")
    EFFECTIVE = "effective", _("Effective")
    AVERAGE = "average", _("Average")
    WEAK = "weak", pgettext_lazy("evaluation rating", "Weak")


class InitiativeEvaluation(models.Model):
    """The yearly assessment of an initiative (the commune's or the province's review)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=16, choices=InitiativeRating.choices)
    note = models.TextField(_("evaluation notes"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["initiative", "-year"]
        constraints = [models.UniqueConstraint(fields=["initiative", "year"], name="initiative_evaluation_year")]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.year} {self.rating}"


class InitiativePhoto(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="registry/photos/%Y/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "at", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name
