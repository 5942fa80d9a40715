"""Period keys and their dates: "2026" (season or year), "2026-08", "2026-Q3", "2026-H2"; a
period's default dates from its form; the period a day counts in."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from antq.core.errors import ValidationFailed

if TYPE_CHECKING:
    from antq.reporting.catalogue.models import ReportForm

FESTIVAL_DAY = (8, 19)
DEFAULT_SEASON_START = (7, 1)

_PATTERNS = {
    "season": re.compile(r"^(\d{4})$"),
    "year": re.compile(r"^(\d{4})$"),
    "month": re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
    "half_year": re.compile(r"^(\d{4})-H([12])$"),
}


def check_key(period_type: str, key: str) -> re.Match[str]:
    """The key's parts, or ValidationFailed naming the period (no database access)."""
    match = _PATTERNS[period_type].match(key or "")
    if not match:
        raise ValidationFailed(
            errors={
                "period": _("Period %(key)s is not valid for this form; use %(example)s.")
                % {"key": key, "example": example_key(period_type)}
            }
        )
    if not 2000 <= int(match.group(1)) <= 2100:
        raise ValidationFailed(errors={"period": _("The year must be between 2000 and 2100.")})
    return match


def parse_period(period_type: str, key: str) -> tuple[int, dt.date, dt.date]:
    """(year, first day, last day) of a period key; a season's days come from the central plan
    when there is one (see `season_bounds`)."""
    match = check_key(period_type, key)
    year = int(match.group(1))
    if period_type == "season":
        start, end = season_bounds(year)
    elif period_type == "year":
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    elif period_type == "month":
        month = int(match.group(2))
        start, end = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    elif period_type == "quarter":
        q = int(match.group(2))
        start = dt.date(year, 3 * q - 2, 1)
        end = dt.date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
    else:
        h = int(match.group(2))
        start, end = (
            (dt.date(year, 1, 1), dt.date(year, 6, 30)) if h == 1 else (dt.date(year, 7, 1), dt.date(year, 12, 31))
        )
    return year, start, end


def season_bounds(year: int) -> tuple[dt.date, dt.date]:
    """The festival season: the window of the year's central plan in force, else 1/7-19/8."""
    from antq.plans.models import IN_FORCE_STATES, Plan

    plan = (
        Plan.objects.filter(year=year, issuer__level=0, state__in=IN_FORCE_STATES)
        .order_by("issued_on")
        .only("window_start", "window_end")
        .first()
    )
    if plan is not None and plan.window_start and plan.window_end:
        return plan.window_start, plan.window_end
    return dt.date(year, *DEFAULT_SEASON_START), dt.date(year, *FESTIVAL_DAY)


def example_key(period_type: str) -> str:
    return {"season": "2026", "year": "2026", "month": "2026-08", "quarter": "2026-Q3", "half_year": "2026-H2"}[
        period_type
    ]


def current_key(period_type: str, today: dt.date) -> str:
    """The period whose reports are due now: the latest one that has ended, or this season."""
    if period_type in ("season", "year"):
        return str(today.year if period_type == "season" else today.year - 1)
    if period_type == "month":
        first = today.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year}-{first.month:02d}"
    if period_type == "quarter":
        q = (today.month - 1) // 3
        return f"{today.year}-Q{q}" if q else f"{today.year - 1}-Q4"
    return f"{today.year}-H1" if today.month > 6 else f"{today.year - 1}-H2"


def period_label(period_type: str, key: str) -> str:
    if period_type == "season":
        return _("Festival season %(year)s") % {"year": key}
    if period_type == "year":
        return _("Year %(year)s") % {"year": key}
    if period_type == "month":
        year, month = key.split("-")
        return _("Month %(month)s/%(year)s") % {"month": month, "year": year}
    if period_type == "quarter":
        year, q = key.split("-Q")
        return _("Quarter %(q)s/%(year)s") % {"q": q, "year": year}
    year, h = key.split("-H")
    return _("Half-year %(h)s/%(year)s") % {"h": h, "year": year}


def previous_keys(period_type: str, key: str, count: int) -> list[str]:
    """The same period in earlier years (for year-over-year), oldest first, `key` last."""
    year = int(key[:4])
    return [f"{year - n}{key[4:]}" for n in range(count - 1, -1, -1)]


def period_key_for(period_type: str, year: int, day: dt.date) -> str | None:
    """The key of the period `day` counts in (a festival season: `year`'s)."""
    if period_type == "season":
        return str(year)
    if period_type == "year":
        return str(day.year)
    if period_type == "month":
        return f"{day.year}-{day.month:02d}"
    if period_type == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if period_type == "half_year":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    return None


def period_dates(form: ReportForm, key: str) -> dict[str, Any]:
    """A new period's dates: its days, and the cut-off and deadlines from the form's settings."""
    year, start, end = parse_period(form.period_type, key)
    cutoff = max(start, end - dt.timedelta(days=form.cutoff_days_before_end))
    commune_deadline = end + dt.timedelta(days=form.commune_deadline_days)
    province_deadline = max(commune_deadline, end + dt.timedelta(days=form.province_deadline_days))
    return {
        "year": year,
        "starts_on": start,
        "ends_on": end,
        "cutoff_on": cutoff,
        "commune_deadline": commune_deadline,
        "province_deadline": province_deadline,
        "closes_on": province_deadline + dt.timedelta(days=form.grace_days),
    }
