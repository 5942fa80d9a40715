"""The read side of reporting: one dashboard for any unit (nation, province, commune), built from
the roll-up summaries. Cached per (unit, form, period) under a generation number that every write
to the form's figures bumps, so a cached figure is never older than the last saved value."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from antq.commendations.selectors import award_counts
from antq.core.actor import Actor
from antq.core.errors import NotFound, ValidationFailed
from antq.core.tree import subtree_q
from antq.registry.initiatives.counts import Counts, area_totals
from antq.registry.initiatives.types.selectors import type_list
from antq.registry.models import EmulationPledge, Exemplar, InitiativeType
from antq.reporting.catalogue.seed import FESTIVAL_FORM
from antq.reporting.catalogue.selectors import form_get, form_lines, form_list
from antq.reporting.models import Aggregation, Report, ReportForm, ReportPeriod
from antq.reporting.reports.completeness import Completeness, completeness
from antq.reporting.reports.periods import check_key, current_key, period_label, previous_keys
from antq.reporting.reports.schemas import DashboardOut
from antq.reporting.reports.selectors import period_for, unit_for
from antq.reporting.rollups.selectors import children_totals, totals_by_period
from antq.reporting.rollups.tokens import generation
from antq.reporting.values import Line
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit, UnitKind
from antq.units.selectors import unit_subtree_counts

YEARS_BACK = 5


@dataclass
class Figure:
    line: Line
    total: Decimal
    approved: Decimal


@dataclass
class ChildFigures:
    unit: Unit
    state: str
    completeness: Completeness | None
    report_id: int | None
    values: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class Dashboard:
    form: ReportForm
    period: ReportPeriod
    unit: Unit
    lines: list[Line]
    figures: list[Figure]
    completeness: Completeness
    children: list[ChildFigures]
    series: dict[str, dict[str, Decimal]]
    own: ChildFigures | None = None

    @property
    def headline(self) -> list[Figure]:
        return [f for f in self.figures if f.line.indicator.headline]


def dashboard(*, actor: Actor, form: ReportForm, period: ReportPeriod, unit: Unit) -> Dashboard:
    """Everything the dashboard page and its data endpoint show. The caller checked `unit` is in
    the actor's scope (selectors.unit_for)."""
    lines = form_lines(form, period.year)
    keys = previous_keys(form.period_type, period.key, YEARS_BACK)
    by_period = totals_by_period(form=form, period_keys=keys, unit=unit)  # this period and earlier years
    all_totals, approved = by_period[period.key]
    figures = [Figure(line, all_totals.get(line.key, Decimal(0)), approved.get(line.key, Decimal(0))) for line in lines]
    total, rows = completeness(period=period, unit=unit, today=timezone.localdate())
    per_child = children_totals(form=form, period_key=period.key, unit=unit)
    children = [
        ChildFigures(
            unit=r.unit,
            state=r.state,
            completeness=r.completeness,
            report_id=r.report.pk if r.report else None,
            values={line.field: per_child.get(r.unit.pk, {}).get(line.key, Decimal(0)) for line in lines},
        )
        for r in rows
    ]
    own = None
    if unit.kind in PROVINCE_KINDS:
        report = Report.objects.filter(period=period, unit=unit).first()
        own = ChildFigures(
            unit=unit,
            state=report.state if report else "missing",
            completeness=None,
            report_id=report.pk if report else None,
            values={line.field: per_child.get(unit.pk, {}).get(line.key, Decimal(0)) for line in lines},
        )
    headline = [line for line in lines if line.indicator.headline and line.indicator.aggregation != Aggregation.MAX]
    series = {key: {line.field: by_period[key][0].get(line.key, Decimal(0)) for line in headline} for key in keys}
    return Dashboard(form, period, unit, lines, figures, total, children, series, own)


def _cache_key(kind: str, form_id: int, period_key: str, unit_id: int, token: str) -> str:
    # Labels follow the language; "late" follows the date; the token follows every write.
    return f"{kind}:{form_id}:{period_key}:{unit_id}:{get_language()}:{token}:{timezone.localdate()}"


def dashboard_data(*, actor: Actor, form: ReportForm, period: ReportPeriod, unit: Unit) -> dict[str, Any]:
    """The dashboard as JSON-ready data, cached until the next write to this form and period."""
    cache_key = _cache_key("dash", form.pk, period.key, unit.pk, generation(form.pk, period.key))
    data = cache.get(cache_key)
    if data is None:
        data = _as_data(dashboard(actor=actor, form=form, period=period, unit=unit))
        cache.set(cache_key, data, 300)
    return data


class _BodyMemo:
    """The last few response bodies this process fetched, by their full cache key. The key carries
    the write token (antq.core.cache.counters: it never returns to an earlier value), so an entry
    is never older than the last write; it saves the largest of the cache round trips of a hit.
    Bounded in size, and in age like the shared cache's copy."""

    def __init__(self, size: int = 64, ttl: float = 300.0) -> None:
        self.size, self.ttl = size, ttl
        self._entries: dict[str, tuple[float, bytes]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        hit = self._entries.get(key)
        if hit is None or time.monotonic() - hit[0] > self.ttl:
            return None
        return hit[1]

    def put(self, key: str, body: bytes) -> None:
        with self._lock:
            while len(self._entries) >= self.size:
                self._entries.pop(next(iter(self._entries)))
            self._entries[key] = (time.monotonic(), body)


_bodies = _BodyMemo()

# form code -> (id, period type, catalogue token when read); ids never change, and the period type
# can change only with a catalogue edit, which changes the token.
_FORMS: dict[str, tuple[int, str, str]] = {}


def _granted_unit_id(actor: Actor, code: str) -> int | None:
    """The unit of `code` when it is the unit of one of the actor's grants (no code: the home
    grant's), known from the grants already loaded; None when it takes a lookup."""
    if not code:
        grant = actor.home_grant
        return grant.unit_id if grant is not None else None
    return next((g.unit_id for g in actor.grants if g.unit_code == code), None)


def dashboard_json(*, actor: Actor, form_code: str, period_key: str, unit_code: str) -> bytes:
    """The data endpoint's response body for the unit `unit_code` (none: the actor's home unit).
    A cache hit costs one cache round trip for the tokens and one for the body: no form, period
    or unit query (for the actor's own units), no validation or encoding of a cached answer."""
    brief = _FORMS.get(form_code)
    unit: Unit | None = None
    if brief is not None:
        form_id, period_type, seen = brief
        key = period_key or current_key(period_type, timezone.localdate())
        check_key(period_type, key)
        token = generation(form_id, key)
        if token.split(".", 1)[0] == seen:
            unit_id = _granted_unit_id(actor, unit_code)
            if unit_id is None:
                unit = unit_for(actor, unit_code)
                unit_id = unit.pk
            cache_key = _cache_key("dashjson", form_id, key, unit_id, token)
            body = _bodies.get(cache_key)
            if body is None:
                body = cache.get(cache_key)
                if body is not None:
                    _bodies.put(cache_key, body)
            if body is not None:
                return body  # type: ignore[no-any-return]
    if unit is None:
        unit = unit_for(actor, unit_code)
    form = form_get(form_code)
    key = period_key or current_key(form.period_type, timezone.localdate())
    period = period_for(form, key)
    token = generation(form.pk, key)
    _FORMS[form_code] = (form.pk, form.period_type, token.split(".", 1)[0])
    body = DashboardOut(**dashboard_data(actor=actor, form=form, period=period, unit=unit)).model_dump_json().encode()
    cache_key = _cache_key("dashjson", form.pk, key, unit.pk, token)
    cache.set(cache_key, body, 300)
    _bodies.put(cache_key, body)
    return body


def _num(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _completeness(c: Completeness | None) -> dict[str, int] | None:
    if c is None:
        return None
    return {
        "expected": c.expected,
        "submitted": c.submitted,
        "on_time": c.on_time,
        "approved": c.approved,
        "returned": c.returned,
        "late": c.late,
    }


def _as_data(d: Dashboard) -> dict[str, Any]:
    return {
        "form": d.form.code,
        "period": d.period.key,
        "period_label": period_label(d.form.period_type, d.period.key),
        "unit": d.unit.code,
        "unit_name": d.unit.name,
        "level": d.unit.level,
        "figures": [
            {
                "field": f.line.field,
                "name": f.line.label,
                "measure": f.line.measure,
                "total": _num(f.total),
                "approved": _num(f.approved),
            }
            for f in d.figures
        ],
        "completeness": _completeness(d.completeness),
        "children": [
            {
                "unit": c.unit.code,
                "name": c.unit.name,
                "state": c.state,
                "completeness": _completeness(c.completeness),
                "values": {k: _num(v) for k, v in c.values.items()},
            }
            for c in d.children
        ],
        "series": {k: {f: _num(v) for f, v in values.items()} for k, values in d.series.items()},
    }


# --- The movement today ---------------------------------------------------------------------------


@dataclass
class Movement:
    """The movement registry of a unit's area as it stands now (not a report period): initiatives
    by status and type, and this year's pledges, exemplars and commendations."""

    year: int
    initiatives: Counts
    types: list[tuple[InitiativeType, int]]
    pledges: int
    exemplars: int
    awarded_collectives: int
    awarded_individuals: int
    awards_pending: int


def movement_today(*, actor: Actor, unit: Unit, year: int) -> Movement:
    """Counted straight from the registry tables through the denormalised province/commune keys,
    so a newly registered initiative shows at once; a few grouped queries whatever the level."""
    if unit.kind == UnitKind.NATION:
        area = Q()
    elif unit.kind in PROVINCE_KINDS:
        area = Q(province=unit)
    elif unit.kind in COMMUNE_KINDS:
        area = Q(commune=unit)
    else:
        area = subtree_q(unit.path, "unit__path")
    initiatives = area_totals(actor=actor, unit=unit)
    names = {t.code: t for t in type_list(actor=actor)}
    types = sorted(
        ((names[code], n) for code, n in initiatives.by_type.items() if code in names), key=lambda item: -item[1]
    )
    awards = award_counts(actor=actor, unit_code=unit.code, year=year)
    return Movement(
        year=year,
        initiatives=initiatives,
        types=types,
        pledges=EmulationPledge.objects.filter(area, signed_on__year=year).count(),
        exemplars=Exemplar.objects.filter(area, year=year).count(),
        awarded_collectives=awards.collectives,
        awarded_individuals=awards.individuals,
        awards_pending=awards.pending,
    )


def home_areas(*, actor: Actor) -> list[dict[str, Any]]:
    """The officer's areas for the home page: each grant's unit, with the counts of units under it
    for a province or the nation (a commune's are on its own page)."""
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[g.unit_id for g in actor.grants])}
    return [
        {
            "grant": grant,
            "unit": units[grant.unit_id],
            "counts": unit_subtree_counts(unit=units[grant.unit_id]) if units[grant.unit_id].level <= 2 else {},
        }
        for grant in actor.grants
    ]


def dashboard_page_context(
    *, actor: Actor, unit_code: str | None, form_code: str, period_key: str, indicator: str
) -> dict[str, Any]:
    """Everything the dashboard page shows. An unknown unit, form or period is a 404 (a period
    key that does not parse too: it names no page)."""
    unit = unit_for(actor, unit_code)
    form = form_get(form_code or FESTIVAL_FORM)
    key = period_key or current_key(form.period_type, timezone.localdate())
    try:
        period = period_for(form, key)
    except ValidationFailed as exc:
        raise NotFound() from exc
    data = dashboard(actor=actor, form=form, period=period, unit=unit)
    selected = indicator or next((f.line.field for f in data.headline), "")
    chart = {
        "indicator": selected,
        "label": next((f.line.label for f in data.figures if f.line.field == selected), ""),
        "units": [c.unit.name for c in data.children],
        "codes": [c.unit.code for c in data.children],
        "values": [float(c.values.get(selected, 0)) for c in data.children],
        # For the map: each unit's centre and the share of its reports approved (its own for a commune).
        "points": [[c.unit.latitude, c.unit.longitude] if c.unit.latitude is not None else None for c in data.children],
        "approved": [
            (c.completeness.percent_approved if c.completeness else (100 if c.state == "approved" else 0))
            for c in data.children
        ],
        "years": list(data.series.keys()),
        "series": [
            {"label": f.line.label, "values": [float(data.series[k].get(f.line.field, 0)) for k in data.series]}
            for f in data.headline
            if f.line.field in next(iter(data.series.values()), {})
        ][:4],
    }
    province = unit.province if unit.level >= 1 and unit.kind not in PROVINCE_KINDS else None
    return {
        "d": data,
        "unit": unit,
        "form": form,
        "period": period,
        "forms": form_list(),
        "selected": selected,
        "chart": chart,
        "map_tiles": settings.ANTQ_MAP_TILES,
        "periods": [(k, period_label(form.period_type, k)) for k in previous_keys(form.period_type, key, 5)[::-1]],
        "ancestors": [province] if province is not None and actor.covers(province) else [],
        "children_sorted": sorted(data.children, key=lambda c: -c.values.get(selected, 0)),
        "movement": movement_today(actor=actor, unit=unit, year=period.year),
    }
