"""Indicators, their kinds and rules, through the catalogue's services: an indicator with its
breakdown and a rule reaches an open report as soon as a form lists it; what stored figures hold on to cannot
change or go; the kernel's order (missing 404, not an administrator at the nation 403, stale
409); bad input is refused whole, field by field."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.models import AuditEntry
from antq.reporting.catalogue import services as catalogue
from antq.reporting.catalogue.seed import FESTIVAL_FORM
from antq.reporting.catalogue.selectors import form_indicator_codes
from antq.reporting.models import (
    Indicator,
    IndicatorOption,
    IndicatorRule,
    ReportForm,
    ReportPeriod,
    ReportValue,
)
from antq.reporting.reports import selectors, services
from antq.reporting.rollups import tokens
from tests.reporting.catalogue.helpers import (
    ADMIN,
    INDICATOR,
    OPTIONS,
    add_indicator,
    form_changed,
    indicator_changed,
    indicator_input,
    option_changed,
    option_input,
    put_on_festival_form,
    with_a_figure,
)
from tests.reporting.helpers import YEAR, report_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(actor: Callable[[str], Actor]) -> Actor:
    return actor(ADMIN)


def rule(**sides: str) -> catalogue.RuleInput:
    return catalogue.RuleInput(**{"operator": "le", **sides})


def test_new_indicator_with_breakdown_and_rule_appears_in_an_open_report(
    period: ReportPeriod, admin: Actor, actor: Callable[[str], Actor], django_capture_on_commit_callbacks: Any
) -> None:
    before = tokens.generation(period.form_id, YEAR)
    with django_capture_on_commit_callbacks(execute=True):
        indicator = add_indicator(admin)
    assert tokens.generation(period.form_id, YEAR) != before, "cached dashboards must not keep old lines"
    assert list(indicator.options.values_list("code", flat=True)) == ["knives", "powder"]
    created = catalogue.rule_create(
        actor=admin, version=indicator.version, data=rule(left="items_collected", right="participants")
    )
    assert created.left_id == indicator.pk and Indicator.objects.get(pk=indicator.pk).version == indicator.version + 1
    put_on_festival_form(admin, "items_collected")

    officer = actor("camlam.officer")
    report = report_of(period, "22453", officer)
    fields = [r.line.field for r in selectors.report_lines(report)]
    assert fields[-2:] == ["items_collected.knives", "items_collected.powder"]
    report = services.report_save(
        actor=officer,
        report_id=report.pk,
        version=report.version,
        values={"participants": "500", "items_collected.knives": "4", "items_collected.powder": "2,5"},
    )
    assert ReportValue.objects.get(report=report, indicator=indicator, option="powder").value == Decimal("2.5")
    with pytest.raises(ValidationFailed) as excinfo:  # the new rule: the kinds' sum 602.5 > 500 participants
        services.report_save(
            actor=officer, report_id=report.pk, version=report.version, values={"items_collected.knives": "600"}
        )
    assert "items_collected" in excinfo.value.errors
    entry = AuditEntry.objects.filter(action="indicator.create", target_id=str(indicator.pk)).get()
    assert entry.after is not None and entry.after["code"] == "items_collected"
    assert (entry.target_type, entry.target_label, entry.scope_path) == (
        "indicator",
        "items_collected Vật phẩm nguy hiểm thu gom",
        "VN/",
    )


def test_what_stored_figures_hold_cannot_change_but_names_and_years_can(
    period: ReportPeriod, admin: Actor, actor: Callable[[str], Actor]
) -> None:
    indicator = with_a_figure(admin, period, actor)
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.indicator_update(
            actor=admin,
            code=indicator.code,
            version=indicator.version,
            data=indicator_changed(indicator, code="items_renamed", measure="kg", aggregation="max", decimals=0),
        )
    assert set(excinfo.value.errors) == {"code", "measure", "aggregation", "decimals"}
    assert "items_collected" in excinfo.value.errors["code"]
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.option_update(
            actor=admin,
            indicator_code=indicator.code,
            option_code="knives",
            version=indicator.version,
            data=option_changed(indicator, "knives", code="blades"),
        )
    assert set(excinfo.value.errors) == {"code"}
    with pytest.raises(ValidationFailed):
        catalogue.option_delete(
            actor=admin, indicator_code=indicator.code, option_code="knives", version=indicator.version
        )
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.indicator_delete(actor=admin, code=indicator.code, version=indicator.version)
    assert "items_collected" in excinfo.value.message
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.form_set_indicators(
            actor=admin,
            code=form.code,
            version=form.version,
            indicators=[c for c in form_indicator_codes(form) if c != indicator.code],
        )
    assert "items_collected" in excinfo.value.errors["indicators"]
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.indicator_update(
            actor=admin,
            code=indicator.code,
            version=indicator.version,
            data=indicator_changed(indicator, active_from=2027, active_until=2026),
        )
    assert set(excinfo.value.errors) == {"active_until"}

    indicator = catalogue.indicator_update(
        actor=admin,
        code=indicator.code,
        version=indicator.version,
        data=indicator_changed(
            indicator, name="Vật phẩm nguy hiểm", headline=True, active_until=2027, decimals=2, position=5
        ),
    )
    assert (indicator.name, indicator.headline, indicator.active_until, indicator.decimals) == (
        "Vật phẩm nguy hiểm",
        True,
        2027,
        2,
    )
    option = catalogue.option_update(
        actor=admin,
        indicator_code=indicator.code,
        option_code="knives",
        version=indicator.version,
        data=option_changed(indicator, "knives", name="Dao, kiếm, mã tấu"),
    )
    assert option.name == "Dao, kiếm, mã tấu"
    entry = AuditEntry.objects.filter(action="indicator.update", target_id=str(indicator.pk)).latest("pk")
    assert entry.before is not None and entry.after is not None
    assert (entry.before["name"], entry.after["name"], entry.before["decimals"]) == (
        INDICATOR["name"],
        indicator.name,
        1,
    )
    assert set(entry.after) == {"name", "headline", "active_until", "decimals", "position"}, "only what changed"


def test_a_breakdown_cannot_be_added_to_figures_entered_as_one_number(
    period: ReportPeriod, admin: Actor, actor: Callable[[str], Actor]
) -> None:
    indicator = catalogue.indicator_create(actor=admin, data=indicator_input(code="lamps_installed"))
    put_on_festival_form(admin, indicator.code)
    report = report_of(period, "22453", actor("camlam.officer"))
    services.report_save(
        actor=actor("camlam.officer"), report_id=report.pk, version=report.version, values={"lamps_installed": 7}
    )
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.option_create(
            actor=admin, indicator_code=indicator.code, version=indicator.version, data=option_input(**OPTIONS[0])
        )
    assert set(excinfo.value.errors) == {"code"}
    assert not IndicatorOption.objects.filter(indicator=indicator).exists()


def test_delete_only_what_nothing_uses(admin: Actor) -> None:
    free = add_indicator(admin)
    catalogue.option_delete(actor=admin, indicator_code=free.code, option_code="powder", version=free.version)
    free.refresh_from_db()
    created = catalogue.rule_create(
        actor=admin, version=free.version, data=rule(left=free.code, left_option="knives", right="participants")
    )
    free.refresh_from_db()
    with pytest.raises(ValidationFailed) as excinfo:  # a rule names the kind
        catalogue.option_delete(actor=admin, indicator_code=free.code, option_code="knives", version=free.version)
    assert "items_collected.knives" in excinfo.value.message
    with pytest.raises(ValidationFailed):  # a rule compares it
        catalogue.indicator_delete(actor=admin, code=free.code, version=free.version)
    catalogue.rule_delete(actor=admin, rule_id=created.pk, version=free.version)
    free.refresh_from_db()
    form = put_on_festival_form(admin, free.code)
    with pytest.raises(ValidationFailed) as excinfo:  # a form lists it
        catalogue.indicator_delete(actor=admin, code=free.code, version=free.version)
    assert form.name in excinfo.value.message
    catalogue.form_set_indicators(
        actor=admin,
        code=form.code,
        version=form.version,
        indicators=[c for c in form_indicator_codes(form) if c != free.code],
    )
    catalogue.indicator_delete(actor=admin, code=free.code, version=free.version)
    assert not Indicator.objects.filter(code=free.code).exists()
    assert not IndicatorOption.objects.filter(indicator_id=free.pk).exists()
    used = ReportValue.objects.values_list("indicator__code", flat=True).first()
    assert used is not None, "the demo season stored figures"
    target = Indicator.objects.get(code=used)
    with pytest.raises(ValidationFailed):
        catalogue.indicator_delete(actor=admin, code=target.code, version=target.version)


def test_rules_name_existing_figures_and_are_not_repeated(admin: Actor) -> None:
    indicator = add_indicator(admin)
    v = indicator.version
    cases: list[tuple[dict[str, str], set[str]]] = [
        ({"left": "nothing_here", "right": "participants"}, {"left"}),
        ({"left": indicator.code, "right": "nothing_here"}, {"right"}),
        ({"left": indicator.code, "left_option": "guns", "right": "participants"}, {"left_option"}),
        ({"left": indicator.code, "right": "participants", "right_option": "x"}, {"right_option"}),
        (
            {"left": indicator.code, "left_option": "knives", "right": indicator.code, "right_option": "knives"},
            {"right"},
        ),
        ({"left": indicator.code, "right": "participants", "operator": "ne"}, {"operator"}),
    ]
    for given, fields in cases:
        with pytest.raises(ValidationFailed) as excinfo:
            catalogue.rule_create(actor=admin, version=v, data=rule(**given))
        assert set(excinfo.value.errors) == fields, given
    catalogue.rule_create(
        actor=admin, version=v, data=rule(left=indicator.code, left_option="knives", right=indicator.code)
    )
    with pytest.raises(ValidationFailed):  # exactly the same rule again
        catalogue.rule_create(
            actor=admin, version=v + 1, data=rule(left=indicator.code, left_option="knives", right=indicator.code)
        )
    assert IndicatorRule.objects.filter(left=indicator).count() == 1


def test_stale_versions_conflict_and_nothing_is_overwritten(admin: Actor) -> None:
    indicator = add_indicator(admin)
    catalogue.indicator_update(
        actor=admin, code=indicator.code, version=indicator.version, data=indicator_changed(indicator, name="Mới")
    )
    with pytest.raises(Conflict):
        catalogue.indicator_update(
            actor=admin,
            code=indicator.code,
            version=indicator.version,
            data=indicator_changed(indicator, name="Cũ đè lên"),
        )
    with pytest.raises(Conflict):
        catalogue.option_create(
            actor=admin, indicator_code=indicator.code, version=indicator.version, data=option_input(**OPTIONS[0])
        )
    with pytest.raises(Conflict):
        catalogue.rule_create(
            actor=admin, version=indicator.version, data=rule(left=indicator.code, right="participants")
        )
    assert Indicator.objects.get(pk=indicator.pk).name == "Mới"
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    catalogue.form_update(actor=admin, code=form.code, version=form.version, data=form_changed(form, grace_days=30))
    with pytest.raises(Conflict):
        catalogue.form_update(actor=admin, code=form.code, version=form.version, data=form_changed(form, grace_days=1))
    with pytest.raises(Conflict):
        catalogue.form_set_indicators(actor=admin, code=form.code, version=form.version, indicators=["participants"])
    assert ReportForm.objects.get(pk=form.pk).grace_days == 30


@pytest.mark.parametrize("username", ["bo.officer", "bo.leader", "khanhhoa.administrator", "camlam.administrator"])
def test_only_administrators_at_the_nation_write(actor: Callable[[str], Actor], username: str) -> None:
    someone = actor(username)
    indicator = Indicator.objects.get(code="participants")
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    with pytest.raises(Forbidden):
        catalogue.indicator_create(actor=someone, data=indicator_input())
    with pytest.raises(Forbidden):
        catalogue.indicator_update(
            actor=someone, code="participants", version=indicator.version, data=indicator_changed(indicator, name="x")
        )
    with pytest.raises(Forbidden):
        catalogue.rule_create(
            actor=someone, version=1, data=rule(left="participants", operator="ge", right="sites_held")
        )
    with pytest.raises(Forbidden):
        catalogue.form_update(
            actor=someone, code=form.code, version=form.version, data=form_changed(form, is_active=False)
        )
    with pytest.raises(Forbidden):
        catalogue.form_create(
            actor=someone,
            data=catalogue.FormInput(code="x", name="x", period_type="year", reporting_level="province"),
        )


def test_the_kernel_order_missing_then_role_then_version(admin: Actor, actor: Callable[[str], Actor]) -> None:
    """What does not exist is missing to everyone (404), then the role is checked (403), then the
    version (409)."""
    indicator = Indicator.objects.get(code="participants")
    someone = actor("khanhhoa.administrator")
    stale = indicator.version - 1
    with pytest.raises(NotFound):
        catalogue.indicator_delete(actor=someone, code="khong_co", version=1)
    with pytest.raises(NotFound):
        catalogue.rule_delete(actor=someone, rule_id=0, version=1)
    with pytest.raises(Forbidden):
        catalogue.indicator_delete(actor=someone, code="participants", version=stale)
    with pytest.raises(Conflict):
        catalogue.indicator_delete(actor=admin, code="participants", version=stale)
    with pytest.raises(NotFound):
        catalogue.option_delete(
            actor=admin, indicator_code="participants", option_code="khong_co", version=indicator.version
        )


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(admin: Actor) -> None:
    indicators, options, audits = Indicator.objects.count(), IndicatorOption.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.indicator_create(
            actor=admin,
            data=catalogue.IndicatorInput(
                code="Vũ khí!",
                name=" ",
                name_en="",
                group="weapons",
                measure="pieces",
                decimals=5,
                per_site=True,
                active_from=2030,
                active_until=2020,
            ),
            options=[option_input(**OPTIONS[0]), option_input(**{**OPTIONS[1], "code": "knives", "measure": "tonnes"})],
        )
    errors = excinfo.value.errors
    assert set(errors) == {
        "code",
        "name",
        "name_en",
        "group",
        "decimals",
        "source",
        "active_until",
        "options.1.code",
        "options.1.measure",
    }
    assert "gift_packages" in errors["code"]  # an example of what is right
    assert "festival" in errors["group"]  # the allowed values
    assert "2030" in errors["active_until"]
    assert (Indicator.objects.count(), IndicatorOption.objects.count(), AuditEntry.objects.count()) == (
        indicators,
        options,
        audits,
    )
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.indicator_create(actor=admin, data=indicator_input(code="participants"))
    assert set(excinfo.value.errors) == {"code"}


def test_option_ensure_keeps_an_option_named_as_another_apps_entry(actor: Callable[[str], Actor]) -> None:
    """Registry types mirror themselves as options of "initiatives_by_type" (no catalogue role
    needed: the registry checked its own); a missing indicator is left so."""
    officer = actor("bo.officer")
    indicator = Indicator.objects.get(code="initiatives_by_type")
    catalogue.option_ensure(
        actor=officer, indicator_code=indicator.code, code="drones", name="Flycam", name_en="Drones"
    )
    option = IndicatorOption.objects.get(indicator=indicator, code="drones")
    assert (option.name, option.measure) == ("Flycam", indicator.measure)
    assert Indicator.objects.get(pk=indicator.pk).version == indicator.version + 1
    catalogue.option_ensure(actor=officer, indicator_code="khong_co", code="x", name="x", name_en="x")
    assert not IndicatorOption.objects.filter(code="x").exists()
