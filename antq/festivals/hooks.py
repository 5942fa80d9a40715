"""What festival sites give the plans they are registered under (antq.plans.hooks; plans may not
import festivals), registered when Django starts by `FestivalsConfig.ready`:

- the site columns of the progress board: a season's sites counted per unit, commune or province;
- the amendment check: a plan's window may not be narrowed while its sites fall outside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.festivals.models import FestivalSite, SiteState
from antq.plans.hooks import SiteCounts, site_counter, window_check
from antq.plans.models import Plan

DONE_STATES = (SiteState.HELD, SiteState.REPORTED)


@site_counter
def site_counts(*, year: int, group: str, where: Q) -> Mapping[int, SiteCounts]:
    """One GROUP BY on the (year, commune|province, state) indexes."""
    counts = (
        FestivalSite.objects.filter(where, year=year)
        .values(group)
        .annotate(
            registered=Count("pk", filter=~Q(state=SiteState.CANCELLED)),
            held=Count("pk", filter=Q(state__in=DONE_STATES)),
            reported=Count("pk", filter=Q(state=SiteState.REPORTED)),
            cancelled=Count("pk", filter=Q(state=SiteState.CANCELLED)),
            pilots=Count("pk", filter=~Q(pilot_tier="") & ~Q(state=SiteState.CANCELLED)),
        )
        .order_by()
    )
    return {
        row[group]: SiteCounts(
            registered=row["registered"],
            held=row["held"],
            reported=row["reported"],
            cancelled=row["cancelled"],
            pilots=row["pilots"],
        )
        for row in counts
    }


@window_check
def sites_outside_window(plan: Plan) -> str | None:
    """Sites of `plan` (not cancelled) held outside its window, as amended."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(plan.window_start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(plan.window_end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    outside = (
        FestivalSite.objects.filter(plan=plan)
        .exclude(state=SiteState.CANCELLED)
        .exclude(starts_at__gte=start, starts_at__lt=end)
        .count()
    )
    if not outside:
        return None
    return _("%(n)s site(s) of this plan fall outside the new window; move or cancel them first.") % {"n": outside}
