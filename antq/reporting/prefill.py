"""Prefill sources: where a report line's value comes from before anyone types it.

Reporting computes its own from the festival sites (`site_results`, `sites_held`, `sites_pilot`;
`antq.reporting.results.prefill`).
The apps above it whose records count in reports — the registry's initiatives and pledges, the
commendations' awards — register theirs with `@prefill_source` in their own `prefill.py`
(imported by their AppConfig.ready); reporting never imports them. An indicator names its source
by code (`Indicator.source`); the catalogue editor offers every registered source.

A source's function gets the report's period and unit (a commune, or a province for its own
records outside any commune), the lines fed by the sources it registered, and returns the value
of each of those lines. A producer that changes its records calls
`antq.reporting.records.records_changed` with its codes, so draft reports follow at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from antq.reporting.models import ReportPeriod
    from antq.reporting.values import Key, Line
    from antq.units.models import Unit

Compute = Callable[["ReportPeriod", "Unit", Sequence["Line"]], "dict[Key, Decimal]"]


@dataclass(frozen=True)
class Source:
    code: str
    label: Any  # a lazy translation
    compute: Compute


_SOURCES: dict[str, Source] = {}


def prefill_source(labels: Mapping[str, Any]) -> Callable[[Compute], Compute]:
    """Register one function computing the lines of every source in `labels` (code -> label)."""

    def register(function: Compute) -> Compute:
        for code, label in labels.items():
            _SOURCES[code] = Source(code=code, label=label, compute=function)
        return function

    return register


def prefill_choices() -> list[tuple[str, Any]]:
    """The choices of `Indicator.source`: typed by hand, or one of the registered sources."""
    return [("", _("Entered by hand")), *((s.code, s.label) for s in _SOURCES.values())]


def source_codes() -> list[str]:
    return list(_SOURCES)


def prefill_values(period: ReportPeriod, unit: Unit, lines: Sequence[Line]) -> dict[Key, Decimal]:
    """What the unit's own records say for every line fed by a source."""
    by_function: dict[Compute, list[Line]] = {}
    for line in lines:
        source = _SOURCES.get(line.indicator.source)
        if source is not None:
            by_function.setdefault(source.compute, []).append(line)
    result: dict[Key, Decimal] = {}
    for function, fed in by_function.items():
        result.update(function(period, unit, fed))
    return result


def own_records(unit: Unit, prefix: str = "") -> Q:
    """The records a unit's report counts: a commune's, or a province's own outside any commune
    (its communes report theirs)."""
    from antq.units.models import PROVINCE_KINDS

    if unit.kind in PROVINCE_KINDS:
        return Q(**{f"{prefix}province": unit, f"{prefix}commune__isnull": True})
    return Q(**{f"{prefix}commune": unit})
