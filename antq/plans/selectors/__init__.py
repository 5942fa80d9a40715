"""Reads for plans: plans and their tasks (`plans.py`), the progress board (`board.py`) and what
each page shows (`pages.py`). Every function takes the actor; missing and outside the actor's
area raise the same NotFound."""

from antq.plans.selectors.board import Board, BoardRow, plan_board
from antq.plans.selectors.pages import (
    parent_choices,
    plan_attachment,
    plan_board_page,
    plan_create_page,
    plan_detail_page,
    plan_edit_page,
    plan_for_amending,
    plan_for_writing,
    plan_list_page,
)
from antq.plans.selectors.plans import (
    PlanFilter,
    issuers_of,
    plan_get,
    plan_list,
    plan_parent_choices,
    plan_tasks,
)

__all__ = [
    "Board",
    "BoardRow",
    "PlanFilter",
    "issuers_of",
    "parent_choices",
    "plan_attachment",
    "plan_board",
    "plan_board_page",
    "plan_create_page",
    "plan_detail_page",
    "plan_edit_page",
    "plan_for_amending",
    "plan_for_writing",
    "plan_get",
    "plan_list",
    "plan_list_page",
    "plan_parent_choices",
    "plan_tasks",
]
