"""What plans needs to know about the records kept under a plan by the apps above it.

Plans sit below festival sites in the layers (festivals imports plans, never the reverse), yet two
plan features read sites: the progress board counts a season's sites per unit, and an amendment
that narrows a plan's window is refused while records under the plan fall outside it. The app
that owns those records registers them here when Django starts (festivals does, in
`FestivalsConfig.ready` through `antq.festivals.hooks`), as job kinds and prefill sources are
registered: plans calls what is registered and never names the app.

    @site_counter
    def site_counts(*, year, group, where): ...      # one provider: the board's site columns

    @window_check
    def sites_outside(plan): ...                      # any number: records outside the window
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.db.models import Q

if TYPE_CHECKING:
    from antq.plans.models import Plan


@dataclass(frozen=True)
class SiteCounts:
    """A season's festival sites at one unit (or one commune, or one province), by state."""

    registered: int = 0  # every site not cancelled
    held: int = 0  # held or reported
    reported: int = 0
    cancelled: int = 0
    pilots: int = 0  # pilot sites (Ministry or province) not cancelled


class SiteCounter(Protocol):
    def __call__(self, *, year: int, group: str, where: Q) -> Mapping[int, SiteCounts]:
        """The sites of `year` matching `where`, counted per value of `group`. `where` and
        `group` name fields every record kept at a unit has ("unit_id", "commune_id",
        "province_id", "unit__path", ...)."""
        ...


# The records under `plan` (its content as amended, not saved yet) that fall outside its window:
# the message to show on the window, or None when every one fits.
WindowCheck = Callable[["Plan"], "str | None"]

_counters: list[SiteCounter] = []
_window_checks: dict[str, WindowCheck] = {}


def site_counter(function: SiteCounter) -> SiteCounter:
    """Register the function that counts sites for the progress board (one: the festivals app)."""
    _counters[:] = [function]
    return function


def window_check(function: WindowCheck) -> WindowCheck:
    """Register a check of the records kept under a plan against its window (idempotent)."""
    _window_checks[f"{function.__module__}.{function.__qualname__}"] = function
    return function


def site_counts(*, year: int, group: str, where: Q) -> Mapping[int, SiteCounts]:
    """Sites per `group` value; none when no app registered a counter."""
    return _counters[0](year=year, group=group, where=where) if _counters else {}


def records_outside_window(plan: Plan) -> str | None:
    """The first registered check's complaint about records under `plan` outside its window."""
    for check in _window_checks.values():
        message = check(plan)
        if message:
            return message
    return None
