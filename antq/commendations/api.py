"""The commendations API (`/api/commendations/`): proposals and their decisions under
`/proposals`, and the counts."""

from django.http import HttpRequest
from ninja import Query, Router

from antq.commendations import selectors
from antq.commendations.decisions.api import router as decisions_router
from antq.commendations.proposals.api import router as proposals_router
from antq.commendations.schemas import AwardCountsOut, CountsFilterIn
from antq.core.api import actor_of

router = Router(tags=["commendations"])
router.add_router("/proposals", proposals_router)
router.add_router("/proposals", decisions_router)


@router.get("/counts", response=AwardCountsOut, summary="Collectives and individuals commended, by form and level")
def counts(request: HttpRequest, filters: Query[CountsFilterIn]) -> AwardCountsOut:
    return AwardCountsOut.of(
        selectors.award_counts(
            actor=actor_of(request),
            unit_code=filters.unit,
            year=filters.year,
            date_from=filters.date_from,
            date_to=filters.date_to,
        )
    )
