"""The decision (quyết định khen thưởng) that closes a proposal: recorded by the level that decides,
with its number, date, signer and header lines. The nominees it awards point at it
(`CommendationNominee.decision`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from antq.commendations.proposals.models import CommendationProposal, acted_by, handed_over_at
from antq.core.models import Versioned
from antq.units.models import Unit


class CommendationDecision(Versioned):
    """The decision (quyết định khen thưởng) recorded by the deciding level: its number, date and
    signer, and the header lines of the document. For the Government level the Ministry records
    the Prime Minister's decision."""

    proposal = models.ForeignKey(CommendationProposal, on_delete=models.PROTECT, related_name="decisions")
    unit = models.ForeignKey(Unit, verbose_name=_("deciding unit"), on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("number"), max_length=16)
    symbol = models.CharField(_("symbol"), max_length=32)
    year = models.PositiveSmallIntegerField(_("year of the decision"))
    decided_on = models.DateField(_("date of the decision"))
    parent_body = models.CharField(_("parent body"), max_length=200, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    place = models.CharField(_("place"), max_length=100)
    signer_authority = models.CharField(_("signing authority"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=100)
    signer_name = models.CharField(_("signer"), max_length=150)
    basis = models.TextField(_("basis"), blank=True)
    reward = models.TextField(_("reward"), blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    festival_site = handed_over_at()
    created_by = acted_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commendation decision")
        verbose_name_plural = _("commendation decisions")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "number", "symbol"], name="decision_number_unique"),
        ]
        indexes = [models.Index(fields=["decided_on"], name="decision_decided_on")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.symbol}"
