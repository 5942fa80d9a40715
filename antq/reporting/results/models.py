"""Results of festival sites: one row per figure of a held site. The organiser's report follows
their sum (the `site_results` prefill source, `antq.reporting.results.prefill`)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from antq.core.models import Placed
from antq.festivals.models import FestivalSite
from antq.reporting.catalogue.models import Indicator


class SiteResult(Placed):
    """One figure of a held festival site. Its commune's (or province's) report follows the sum."""

    placed_by = "site__unit"

    site = models.ForeignKey(FestivalSite, on_delete=models.CASCADE, related_name="results")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    option = models.SlugField(max_length=32, blank=True)
    year = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=18, decimal_places=3)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "indicator", "option"], name="site_result_unique"),
            models.CheckConstraint(condition=Q(value__gte=0), name="site_result_non_negative"),
        ]
        indexes = [
            models.Index(fields=["year", "commune", "indicator"], name="site_result_commune"),
            models.Index(fields=["year", "province", "indicator"], name="site_result_province"),
        ]

    def __str__(self) -> str:
        return f"{self.site_id}: {self.indicator_id}{self.option} = {self.value}"
