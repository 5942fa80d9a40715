"""Writes for plans: the plan itself (`plans.py`: draft, issue, amendment, closing, the signed
scan), the tasks it assigns below (`tasks.py`) and the rules both check (`rules.py`).

The wording of a plan's header and citations lives in `antq.plans.wording`; it is re-exported
here because reports cite plans with the same lines (antq.reporting.documents and views).
"""

from antq.plans.services.plans import (
    PlanInput,
    lock_plan,
    plan_amend,
    plan_attach,
    plan_close,
    plan_create,
    plan_delete,
    plan_issue,
    plan_update,
)
from antq.plans.services.tasks import TaskInput, task_add, task_complete, task_remove, task_reopen
from antq.plans.wording import issuing_body_in_sentence, plan_basis_sentence, plan_defaults_for

__all__ = [
    "PlanInput",
    "TaskInput",
    "issuing_body_in_sentence",
    "lock_plan",
    "plan_amend",
    "plan_attach",
    "plan_basis_sentence",
    "plan_close",
    "plan_create",
    "plan_defaults_for",
    "plan_delete",
    "plan_issue",
    "plan_update",
    "task_add",
    "task_complete",
    "task_remove",
    "task_reopen",
]
