"""The roll-up summaries: per (form, period, indicator, option, province) sums, changed by
increments in the same transaction as the facts (`antq.reporting.rollups.changes`). The nation is
read as the sum of at most 34 province rows (no hot national row)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from antq.reporting.catalogue.models import Indicator, ReportForm
from antq.units.models import Unit


class Rollup(models.Model):
    """Totals per (form, period, indicator, option) for one province: its own figures and those of
    every commune in it. `units` counts the facts with a value above zero (the COUNT aggregation).
    Changed only by `rollups.Changes.apply` and `rollups.rebuild`."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="+", db_index=False)
    period_key = models.CharField(max_length=16)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    option = models.SlugField(max_length=32, blank=True, db_index=False)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    total = models.DecimalField(max_digits=24, decimal_places=3, default=Decimal(0))
    units = models.IntegerField(default=0)
    approved_total = models.DecimalField(max_digits=24, decimal_places=3, default=Decimal(0))
    approved_units = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["form", "period_key", "indicator", "option", "unit"], name="rollup_unique")
        ]

    def __str__(self) -> str:
        return f"{self.form_id} {self.period_key} {self.indicator_id}{self.option} @ {self.unit_id}: {self.total}"
