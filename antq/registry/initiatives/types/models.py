"""The catalogue of initiative types, kept by administrators at the Ministry."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from antq.core.models import Versioned


class InitiativeType(Versioned):
    """A kind of initiative ("Camera bảo đảm ANTT"). Kept by top-level administrators; a retired
    type keeps its initiatives but takes no new ones. `measures` are the counts its initiatives
    record besides members and households: [{"code": "cameras", "name": "Số camera", "name_en":
    "Cameras"}]."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    measures = models.JSONField(_("counts recorded"), default=list, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("initiative type")
        verbose_name_plural = _("initiative types")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name
