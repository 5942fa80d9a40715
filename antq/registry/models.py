"""The movement registry's models, one module per sub-domain (`initiatives/` with its `types/`,
`exemplars/`, `pledges/`), gathered here: one Django app ("registry"), one migrations folder, and
`from antq.registry.models import X` works for every model.

Every record is kept at a unit with the province and commune denormalised (`Placed`), so counts
for any subtree are one GROUP BY on an indexed column. Counts reach reports and dashboards through
the reporting engine's indicators (the prefill sources in `antq.registry.prefill`), not through
summary tables of their own.
"""

from antq.registry.exemplars.models import Exemplar, ExemplarCategory, ExemplarKind
from antq.registry.initiatives.models import (
    Initiative,
    InitiativeEvaluation,
    InitiativePhoto,
    InitiativeRating,
    InitiativeStatus,
    InitiativeStatusChange,
)
from antq.registry.initiatives.types.models import InitiativeType
from antq.registry.pledges.models import EmulationPledge

__all__ = [
    "EmulationPledge",
    "Exemplar",
    "ExemplarCategory",
    "ExemplarKind",
    "Initiative",
    "InitiativeEvaluation",
    "InitiativePhoto",
    "InitiativeRating",
    "InitiativeStatus",
    "InitiativeStatusChange",
    "InitiativeType",
]
