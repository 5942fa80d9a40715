"""What the catalogue tests share: an indicator with a breakdown, put on the festival form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from antq.core.actor import Actor
from antq.reporting.catalogue import services as catalogue
from antq.reporting.catalogue.seed import FESTIVAL_FORM
from antq.reporting.catalogue.selectors import form_indicator_codes
from antq.reporting.models import Indicator, IndicatorOption, ReportForm, ReportPeriod
from antq.reporting.reports import services
from tests.reporting.helpers import report_of

ADMIN = "bo.administrator"
INDICATOR: dict[str, Any] = {
    "code": "items_collected",
    "name": "Vật phẩm nguy hiểm thu gom",
    "name_en": "Dangerous items collected",
    "group": "services",
    "measure": "pieces",
    "decimals": 1,
    "active_from": 2026,
}
OPTIONS: list[dict[str, Any]] = [
    {"code": "knives", "name": "Dao, kiếm", "name_en": "Knives and swords", "measure": "pieces"},
    {"code": "powder", "name": "Thuốc nổ", "name_en": "Explosive powder", "measure": "kg"},
]


def indicator_input(**overrides: Any) -> catalogue.IndicatorInput:
    return catalogue.IndicatorInput(**{**INDICATOR, **overrides})


def option_input(**values: Any) -> catalogue.OptionInput:
    return catalogue.OptionInput(**values)


def indicator_changed(indicator: Indicator, **changes: Any) -> catalogue.IndicatorInput:
    """The indicator as stored, with `changes` (what a PATCH or the edit page sends)."""
    return replace(catalogue.IndicatorInput.of(indicator), **changes)


def option_changed(indicator: Indicator, option: str, **changes: Any) -> catalogue.OptionInput:
    kind = IndicatorOption.objects.get(indicator=indicator, code=option)
    return replace(catalogue.OptionInput.of(kind), **changes)


def form_changed(form: ReportForm, **changes: Any) -> catalogue.FormInput:
    return replace(catalogue.FormInput.of(form), **changes)


def add_indicator(admin: Actor, **overrides: Any) -> Indicator:
    return catalogue.indicator_create(
        actor=admin, data=indicator_input(**overrides), options=[option_input(**o) for o in OPTIONS]
    )


def put_on_festival_form(admin: Actor, code: str) -> ReportForm:
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    return catalogue.form_set_indicators(
        actor=admin, code=form.code, version=form.version, indicators=[*form_indicator_codes(form), code]
    )


def with_a_figure(admin: Actor, period: ReportPeriod, actor: Callable[[str], Actor]) -> Indicator:
    """A new indicator on the festival form with one figure saved in Cam Lâm's report."""
    indicator = add_indicator(admin)
    put_on_festival_form(admin, indicator.code)
    report = report_of(period, "22453", actor("camlam.officer"))
    services.report_save(
        actor=actor("camlam.officer"), report_id=report.pk, version=report.version, values={"items_collected.knives": 3}
    )
    indicator.refresh_from_db()
    return indicator
