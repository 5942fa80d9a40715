"""Results and reporting's models, one Django app ("reporting", one migrations folder) kept in
sub-domain packages: the catalogue (indicators, report forms), reports (periods, reports and their
values, the facts), results (festival sites' figures) and rollups (the province summaries). Django
finds every model through this module, and other apps import them from here."""

from antq.reporting.catalogue.models import (
    Aggregation,
    FormIndicator,
    Indicator,
    IndicatorGroup,
    IndicatorOption,
    IndicatorRule,
    Measure,
    PeriodType,
    PrefillSource,
    ReportForm,
    ReportingLevel,
    RuleOperator,
)
from antq.reporting.reports.models import EDITABLE_STATES, Report, ReportPeriod, ReportState, ReportValue
from antq.reporting.results.models import SiteResult
from antq.reporting.rollups.models import Rollup

__all__ = [
    "EDITABLE_STATES",
    "Aggregation",
    "FormIndicator",
    "Indicator",
    "IndicatorGroup",
    "IndicatorOption",
    "IndicatorRule",
    "Measure",
    "PeriodType",
    "PrefillSource",
    "Report",
    "ReportForm",
    "ReportPeriod",
    "ReportState",
    "ReportValue",
    "ReportingLevel",
    "Rollup",
    "RuleOperator",
    "SiteResult",
]
