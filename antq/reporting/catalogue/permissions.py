"""Who may read and change the catalogue. Everyone signed in reads every indicator, rule and report
form (the catalogue is national); only administrators at the nation change it."""

from __future__ import annotations

from django.db.models import QuerySet

from antq.core.actor import Actor, Role
from antq.core.tree import PATH_SEPARATOR
from antq.reporting.catalogue.models import Indicator, IndicatorRule, ReportForm


def indicators_visible_to(actor: Actor) -> QuerySet[Indicator]:
    return Indicator.objects.all()


def rules_visible_to(actor: Actor) -> QuerySet[IndicatorRule]:
    return IndicatorRule.objects.all()


def forms_visible_to(actor: Actor) -> QuerySet[ReportForm]:
    return ReportForm.objects.all()


def can_manage_catalogue(actor: Actor) -> bool:
    """An administrator at the nation (the root of the tree)."""
    return any(g.path.count(PATH_SEPARATOR) == 1 and g.role == Role.ADMINISTRATOR for g in actor.grants)
