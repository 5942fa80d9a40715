"""Emulation pledges (giao ước thi đua) signed by the parties in a unit's area."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from antq.core.models import Placed, Versioned
from antq.festivals.models import FestivalSite
from antq.units.models import Unit


class EmulationPledge(Placed, Versioned):
    """An emulation pledge signed by the parties in a unit's area, often at a festival site."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("signed on"))
    title = models.CharField(_("title"), max_length=300)
    content = models.TextField(_("content"))
    parties = models.TextField(_("other parties"), blank=True)
    party_units = models.ManyToManyField(Unit, verbose_name=_("signing units"), blank=True, related_name="+")
    households = models.PositiveIntegerField(_("households pledging"), null=True, blank=True)
    festival_site = models.ForeignKey(
        FestivalSite,
        verbose_name=_("festival site where signed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("emulation pledge")
        verbose_name_plural = _("emulation pledges")
        ordering = ["-signed_on", "id"]
        indexes = [
            models.Index(fields=["commune", "signed_on"], name="pledge_commune_signed"),
            models.Index(fields=["province", "signed_on"], name="pledge_province_signed"),
        ]

    def __str__(self) -> str:
        return self.title
