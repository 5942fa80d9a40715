"""Exemplars (điển hình tiên tiến, gương người tốt việc tốt): collectives and individuals held up
as examples, published to the public portal by a leader."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from antq.core.models import Placed, Versioned
from antq.registry.initiatives.models import Initiative
from antq.units.models import Unit


class ExemplarKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class ExemplarCategory(models.TextChoices):
    ADVANCED = "advanced", _("Advanced example")
    GOOD_DEED = "good_deed", _("Good person, good deed")


class Exemplar(Placed, Versioned):
    """A collective or an individual held up as an example. A leader of the unit (or above)
    publishes it to the public portal; an edit after publishing takes it off until republished."""

    kind = models.CharField(_("collective or individual"), max_length=16, choices=ExemplarKind.choices)
    category = models.CharField(_("category"), max_length=16, choices=ExemplarCategory.choices)
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position, workplace or address"), max_length=300, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    summary = models.CharField(_("summary"), max_length=500)
    story = models.TextField(_("story"))
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.CharField(max_length=600, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")
        ordering = ["-year", "name", "id"]
        indexes = [
            models.Index(fields=["commune", "year"], name="exemplar_commune_year"),
            models.Index(fields=["province", "year"], name="exemplar_province_year"),
            models.Index(fields=["published_at"], name="exemplar_published"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
