"""Writing the catalogue without code: indicators, their options (the kinds of a breakdown),
cross-field rules and report forms. Only administrators at the nation may call these
(`permissions.can_manage_catalogue`); everyone signed in reads the catalogue.

Every function is one transaction: it locks the row it changes (`lock_for_write`: missing 404,
not an administrator at the nation 403, a stale `version` 409), validates the values as they
will be stored, writes and audits with before and after. Options and rules belong to an
indicator (a rule to its left side), so changing them carries and bumps that indicator's
version. After commit the dashboards' cache generation is bumped, so no cached dashboard shows
an old name, line or order.

What stored figures hold on to: once a report value or a site result uses an indicator, its code,
measure and aggregation are fixed, its decimal places can only grow, and its options' codes and
measures are fixed. Retire it (active until) and add a new one instead. Nothing that a figure, a
form or a rule uses is deleted.
"""

from antq.reporting.catalogue.services.indicators import (
    FIXED_ONCE_USED,
    IndicatorInput,
    RuleInput,
    indicator_create,
    indicator_delete,
    indicator_update,
    rule_create,
    rule_delete,
)
from antq.reporting.catalogue.services.options import (
    OptionInput,
    option_create,
    option_delete,
    option_ensure,
    option_update,
)
from antq.reporting.catalogue.services.report_forms import (
    FIXED_ONCE_REPORTED,
    FormInput,
    form_create,
    form_set_indicators,
    form_update,
)

__all__ = [
    "FIXED_ONCE_REPORTED",
    "FIXED_ONCE_USED",
    "FormInput",
    "IndicatorInput",
    "OptionInput",
    "RuleInput",
    "form_create",
    "form_set_indicators",
    "form_update",
    "indicator_create",
    "indicator_delete",
    "indicator_update",
    "option_create",
    "option_delete",
    "option_ensure",
    "option_update",
    "rule_create",
    "rule_delete",
]
