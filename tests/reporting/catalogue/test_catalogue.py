"""The catalogue edited without code: an indicator with its breakdown and a rule reaches an open
report as soon as a form lists it; what stored figures hold on to cannot change or go; stale
versions conflict; only administrators at the nation write; bad input is refused whole, through
the services, the API and the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.models import AuditEntry
from antq.reporting import catalogue_services as catalogue
from antq.reporting import rollups, selectors, services
from antq.reporting.catalogue import FESTIVAL_FORM
from antq.reporting.catalogue_selectors import form_indicator_codes
from antq.reporting.models import (
    FormIndicator,
    Indicator,
    IndicatorOption,
    IndicatorRule,
    Report,
    ReportForm,
    ReportPeriod,
    ReportValue,
)
from antq.units.models import Unit

pytestmark = pytest.mark.django_db
ADMIN = "bo.administrator"
YEAR = "2026"
API = "/api/reporting/catalogue"


@pytest.fixture
def admin(actor: Callable[[str], Actor]) -> Actor:
    return actor(ADMIN)


@pytest.fixture
def period(actor: Callable[[str], Actor]) -> ReportPeriod:
    """The 2026 season, with entry kept open around today (as the Ministry would extend it)."""
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    period = services.period_get_or_create(form=form, key=YEAR)
    return services.period_update(
        actor=actor("bo.officer"),
        period_id=period.pk,
        version=period.version,
        dates={"closes_on": max(period.closes_on, timezone.localdate() + dt.timedelta(days=30))},
    )


INDICATOR = {
    "code": "items_collected",
    "name": "Vật phẩm nguy hiểm thu gom",
    "name_en": "Dangerous items collected",
    "group": "services",
    "measure": "pieces",
    "decimals": 1,
    "active_from": 2026,
}
OPTIONS = [
    {"code": "knives", "name": "Dao, kiếm", "name_en": "Knives and swords", "measure": "pieces"},
    {"code": "powder", "name": "Thuốc nổ", "name_en": "Explosive powder", "measure": "kg"},
]


def add_indicator(admin: Actor, **overrides: Any) -> Indicator:
    return catalogue.indicator_create(actor=admin, data={**INDICATOR, **overrides}, options=OPTIONS)


def put_on_festival_form(admin: Actor, code: str) -> ReportForm:
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    return catalogue.form_set_indicators(
        actor=admin, code=form.code, version=form.version, indicators=[*form_indicator_codes(form), code]
    )


def camlam_report(period: ReportPeriod, actor: Callable[[str], Actor]) -> Report:
    return services.report_open(actor=actor("camlam.officer"), period=period, unit=Unit.objects.get(code="22453"))


def with_a_figure(admin: Actor, period: ReportPeriod, actor: Callable[[str], Actor]) -> Indicator:
    """A new indicator on the festival form with one figure saved in Cam Lâm's report."""
    indicator = add_indicator(admin)
    put_on_festival_form(admin, indicator.code)
    report = camlam_report(period, actor)
    services.report_save(
        actor=actor("camlam.officer"), report_id=report.pk, version=report.version, values={"items_collected.knives": 3}
    )
    indicator.refresh_from_db()
    return indicator


# --- Services ---------------------------------------------------------------------------------


def test_new_indicator_with_breakdown_and_rule_appears_in_an_open_report(
    period: ReportPeriod, admin: Actor, actor: Callable[[str], Actor], django_capture_on_commit_callbacks: Any
) -> None:
    before = rollups.generation(period.form_id, YEAR)
    with django_capture_on_commit_callbacks(execute=True):
        indicator = add_indicator(admin)
    assert rollups.generation(period.form_id, YEAR) != before, "cached dashboards must not keep old lines"
    assert list(indicator.options.values_list("code", flat=True)) == ["knives", "powder"]
    rule = catalogue.rule_create(
        actor=admin, version=indicator.version, left="items_collected", operator="le", right="participants"
    )
    assert rule.left_id == indicator.pk and Indicator.objects.get(pk=indicator.pk).version == indicator.version + 1
    put_on_festival_form(admin, "items_collected")

    officer = actor("camlam.officer")
    report = camlam_report(period, actor)
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


def test_what_stored_figures_hold_cannot_change_but_names_and_years_can(
    period: ReportPeriod, admin: Actor, actor: Callable[[str], Actor]
) -> None:
    indicator = with_a_figure(admin, period, actor)
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.indicator_update(
            actor=admin,
            code=indicator.code,
            version=indicator.version,
            changes={"code": "items_renamed", "measure": "kg", "aggregation": "max", "decimals": 0},
        )
    assert set(excinfo.value.errors) == {"code", "measure", "aggregation", "decimals"}
    assert "items_collected" in excinfo.value.errors["code"]
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.option_update(
            actor=admin,
            indicator_code=indicator.code,
            option_code="knives",
            version=indicator.version,
            changes={"code": "blades"},
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
            changes={"active_from": 2027, "active_until": 2026},
        )
    assert set(excinfo.value.errors) == {"active_until"}

    indicator = catalogue.indicator_update(
        actor=admin,
        code=indicator.code,
        version=indicator.version,
        changes={"name": "Vật phẩm nguy hiểm", "headline": True, "active_until": 2027, "decimals": 2, "position": 5},
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
        changes={"name": "Dao, kiếm, mã tấu"},
    )
    assert option.name == "Dao, kiếm, mã tấu"
    entry = AuditEntry.objects.filter(action="indicator.update", target_id=str(indicator.pk)).latest("pk")
    assert entry.before is not None and entry.after is not None
    assert (entry.before["name"], entry.after["name"], entry.before["decimals"]) == (
        INDICATOR["name"],
        indicator.name,
        1,
    )


def test_a_breakdown_cannot_be_added_to_figures_entered_as_one_number(
    period: ReportPeriod, admin: Actor, actor: Callable[[str], Actor]
) -> None:
    indicator = catalogue.indicator_create(actor=admin, data={**INDICATOR, "code": "lamps_installed"})
    put_on_festival_form(admin, indicator.code)
    report = camlam_report(period, actor)
    services.report_save(
        actor=actor("camlam.officer"), report_id=report.pk, version=report.version, values={"lamps_installed": 7}
    )
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.option_create(actor=admin, indicator_code=indicator.code, version=indicator.version, data=OPTIONS[0])
    assert set(excinfo.value.errors) == {"code"}
    assert not IndicatorOption.objects.filter(indicator=indicator).exists()


def test_delete_only_what_nothing_uses(admin: Actor) -> None:
    free = add_indicator(admin)
    catalogue.option_delete(actor=admin, indicator_code=free.code, option_code="powder", version=free.version)
    free.refresh_from_db()
    rule = catalogue.rule_create(
        actor=admin, version=free.version, left=free.code, left_option="knives", operator="le", right="participants"
    )
    free.refresh_from_db()
    with pytest.raises(ValidationFailed) as excinfo:  # a rule names the kind
        catalogue.option_delete(actor=admin, indicator_code=free.code, option_code="knives", version=free.version)
    assert "items_collected.knives" in excinfo.value.message
    with pytest.raises(ValidationFailed):  # a rule compares it
        catalogue.indicator_delete(actor=admin, code=free.code, version=free.version)
    catalogue.rule_delete(actor=admin, rule_id=rule.pk, version=free.version)
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
        args = {"operator": "le", **given}
        with pytest.raises(ValidationFailed) as excinfo:
            catalogue.rule_create(actor=admin, version=v, **args)
        assert set(excinfo.value.errors) == fields, given
    catalogue.rule_create(
        actor=admin, version=v, left=indicator.code, left_option="knives", operator="le", right=indicator.code
    )
    with pytest.raises(ValidationFailed):  # exactly the same rule again
        catalogue.rule_create(
            actor=admin,
            version=v + 1,
            left=indicator.code,
            left_option="knives",
            operator="le",
            right=indicator.code,
        )
    assert IndicatorRule.objects.filter(left=indicator).count() == 1


def test_stale_versions_conflict_and_nothing_is_overwritten(admin: Actor) -> None:
    indicator = add_indicator(admin)
    catalogue.indicator_update(actor=admin, code=indicator.code, version=indicator.version, changes={"name": "Mới"})
    with pytest.raises(Conflict):
        catalogue.indicator_update(
            actor=admin, code=indicator.code, version=indicator.version, changes={"name": "Cũ đè lên"}
        )
    with pytest.raises(Conflict):
        catalogue.option_create(actor=admin, indicator_code=indicator.code, version=indicator.version, data=OPTIONS[0])
    with pytest.raises(Conflict):
        catalogue.rule_create(
            actor=admin, version=indicator.version, left=indicator.code, operator="le", right="participants"
        )
    assert Indicator.objects.get(pk=indicator.pk).name == "Mới"
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    catalogue.form_update(actor=admin, code=form.code, version=form.version, changes={"grace_days": 30})
    with pytest.raises(Conflict):
        catalogue.form_update(actor=admin, code=form.code, version=form.version, changes={"grace_days": 1})
    with pytest.raises(Conflict):
        catalogue.form_set_indicators(actor=admin, code=form.code, version=form.version, indicators=["participants"])
    assert ReportForm.objects.get(pk=form.pk).grace_days == 30


@pytest.mark.parametrize("username", ["bo.officer", "bo.leader", "khanhhoa.administrator", "camlam.administrator"])
def test_only_administrators_at_the_nation_write(actor: Callable[[str], Actor], username: str) -> None:
    someone = actor(username)
    indicator = Indicator.objects.get(code="participants")
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    with pytest.raises(Forbidden):
        catalogue.indicator_create(actor=someone, data=INDICATOR)
    with pytest.raises(Forbidden):
        catalogue.indicator_update(actor=someone, code="participants", version=indicator.version, changes={"name": "x"})
    with pytest.raises(Forbidden):
        catalogue.rule_create(actor=someone, version=1, left="participants", operator="ge", right="sites_held")
    with pytest.raises(Forbidden):
        catalogue.form_update(actor=someone, code=form.code, version=form.version, changes={"is_active": False})
    with pytest.raises(Forbidden):
        catalogue.form_create(actor=someone, data={"code": "x", "name": "x", "period_type": "year"})


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(admin: Actor) -> None:
    indicators, options, audits = Indicator.objects.count(), IndicatorOption.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.indicator_create(
            actor=admin,
            data={
                "code": "Vũ khí!",
                "name": " ",
                "group": "weapons",
                "measure": "pieces",
                "decimals": 5,
                "per_site": True,
                "active_from": 2030,
                "active_until": 2020,
                "colour": "red",
            },
            options=[OPTIONS[0], {**OPTIONS[1], "code": "knives", "measure": "tonnes"}],
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
        "colour",
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
        catalogue.indicator_create(actor=admin, data={**INDICATOR, "code": "participants"})
    assert set(excinfo.value.errors) == {"code"}


def test_forms_keep_what_reports_rely_on(admin: Actor, period: ReportPeriod) -> None:
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    assert Report.objects.filter(form=form).exists()
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.form_update(
            actor=admin,
            code=form.code,
            version=form.version,
            changes={"period_type": "year", "reporting_level": "province", "code": "ngay-hoi"},
        )
    assert set(excinfo.value.errors) == {"period_type", "reporting_level", "code"}
    for bad, field in (
        ({"code": "sites"}, "code"),
        ({"code": FESTIVAL_FORM}, "code"),
        ({"commune_deadline_days": 10, "province_deadline_days": 3}, "province_deadline_days"),
        ({"period_type": "weekly"}, "period_type"),
        ({"grace_days": 400}, "grace_days"),
    ):
        data = {"code": "ket-qua-quy", "name": "Báo cáo quý", "period_type": "quarter", "reporting_level": "commune"}
        with pytest.raises(ValidationFailed) as excinfo:
            catalogue.form_create(actor=admin, data={**data, **bad})
        assert set(excinfo.value.errors) == {field}, bad
    quarterly = catalogue.form_create(
        actor=admin,
        data={"code": "ket-qua-quy", "name": "Báo cáo quý", "period_type": "quarter", "reporting_level": "commune"},
        indicators=["outreach_sessions", "leaflets"],
    )
    assert form_indicator_codes(quarterly) == ["outreach_sessions", "leaflets"]
    services.period_get_or_create(form=quarterly, key="2026-Q3")
    quarterly = catalogue.form_update(
        actor=admin, code=quarterly.code, version=quarterly.version, changes={"period_type": "month"}
    )
    assert not ReportPeriod.objects.filter(form=quarterly).exists(), "periods of the old type are gone"
    quarterly = catalogue.form_set_indicators(
        actor=admin, code=quarterly.code, version=quarterly.version, indicators=["leaflets", "outreach_sessions"]
    )
    assert form_indicator_codes(quarterly) == ["leaflets", "outreach_sessions"]
    assert FormIndicator.objects.filter(form=quarterly).count() == 2
    with pytest.raises(NotFound):
        catalogue.form_update(actor=admin, code="khong-co", version=1, changes={})


# --- API ----------------------------------------------------------------------------------------


def test_api_create_conflict_and_field_errors(api_as: Callable[[str], Client]) -> None:
    client = api_as(ADMIN)
    response = client.post(f"{API}/indicators", {**INDICATOR, "options": OPTIONS}, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1 and [o["code"] for o in body["options"]] == ["knives", "powder"]
    response = client.post(
        f"{API}/rules",
        {"version": 1, "left": "items_collected", "left_option": "powder", "operator": "le", "right": "participants"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "items_collected.powder ≤ participants" and response.json()["left_version"] == 2
    rule_id = response.json()["id"]
    response = client.patch(
        f"{API}/indicators/items_collected", {"version": 1, "name": "Cũ"}, content_type="application/json"
    )
    assert response.status_code == 409 and response.json()["code"] == "conflict"
    response = client.patch(
        f"{API}/indicators/items_collected",
        {"version": 2, "decimals": 9, "active_until": 1999},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"decimals", "active_until"}
    response = client.post(f"{API}/indicators", {**INDICATOR, "decimals": "một"}, content_type="application/json")
    assert response.status_code == 422 and "decimals" in response.json()["errors"]
    response = client.delete(f"{API}/rules/{rule_id}?version=2")
    assert response.status_code == 204
    form = client.get(f"{API}/forms/{FESTIVAL_FORM}").json()
    response = client.put(
        f"{API}/forms/{FESTIVAL_FORM}/indicators",
        {"version": form["version"], "indicators": [*form["indicators"], "items_collected"]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["indicators"][-1] == "items_collected"
    assert FESTIVAL_FORM in client.get(f"{API}/indicators/items_collected").json()["forms"]
    response = client.post(
        f"{API}/forms",
        {"code": "ket-qua-thang", "name": "Báo cáo tháng", "period_type": "month", "reporting_level": "province"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["is_active"] is True
    response = client.delete(f"{API}/indicators/items_collected?version=3")
    assert response.status_code == 422 and "items_collected" in response.json()["message"]


def test_api_everyone_reads_only_the_nation_administrator_writes(api_as: Callable[[str], Client]) -> None:
    for username in ("camlam.officer", "khanhhoa.administrator"):
        client = api_as(username)
        detail = client.get(f"{API}/indicators/items_surrendered")
        assert detail.status_code == 200 and len(detail.json()["options"]) == 5
        response = client.post(f"{API}/indicators", INDICATOR, content_type="application/json")
        assert response.status_code == 403
        response = client.patch(
            f"{API}/indicators/participants",
            {"version": detail.json()["version"], "name": "x"},
            content_type="application/json",
        )
        assert response.status_code == 403
    assert not Indicator.objects.filter(code=INDICATOR["code"]).exists()
    assert Client().get(f"{API}/forms").status_code == 401


# --- Pages --------------------------------------------------------------------------------------


FORM_POST = {
    "code": "lamps_installed",
    "name": "Số đèn chiếu sáng lắp đặt",
    "name_en": "Lamps installed",
    "group": "movement",
    "measure": "units",
    "aggregation": "sum",
    "decimals": "0",
    "source": "",
    "active_from": "2026",
}


def test_a_manager_adds_an_indicator_through_the_page(client_as: Callable[[str], Client]) -> None:
    client = client_as(ADMIN)
    page = client.get("/reports/indicators/").content.decode()
    assert "/reports/catalogue/indicators/new/" in page and "/reports/catalogue/indicators/participants/" in page
    assert client.get("/reports/catalogue/indicators/new/").status_code == 200
    response = client.post("/reports/catalogue/indicators/new/", {**FORM_POST, "code": "Sai mã"})
    assert response.status_code == 200 and "gift_packages" in response.content.decode()  # beside the field
    response = client.post("/reports/catalogue/indicators/new/", FORM_POST)
    assert response.status_code == 302 and response["Location"] == "/reports/catalogue/indicators/lamps_installed/"
    indicator = Indicator.objects.get(code="lamps_installed")
    assert (indicator.name, indicator.per_site, indicator.version) == (FORM_POST["name"], False, 1)
    # A stale version is said on the page, never written over.
    edit = {**FORM_POST, "name": "Tên mới", "version": "1"}
    assert client.post("/reports/catalogue/indicators/lamps_installed/", edit).status_code == 302
    response = client.post("/reports/catalogue/indicators/lamps_installed/", {**edit, "name": "Tên cũ"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert Indicator.objects.get(code="lamps_installed").name == "Tên mới"
    # ... and onto a form, in order.
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    codes = form_indicator_codes(form)
    data: dict[str, Any] = {"version": form.version, "on": [*codes, "lamps_installed"], "pos:lamps_installed": "1"}
    data.update({f"pos:{code}": str((n + 1) * 10) for n, code in enumerate(codes)})  # as the page fills them in
    response = client.post(f"/reports/catalogue/forms/{FESTIVAL_FORM}/indicators/", data)
    assert response.status_code == 302
    assert form_indicator_codes(form)[0] == "lamps_installed"


def test_a_commune_officer_gets_403_and_no_edit_links(client_as: Callable[[str], Client]) -> None:
    client = client_as("camlam.officer")
    page = client.get("/reports/indicators/").content.decode()
    assert "/reports/catalogue/" not in page
    assert client.get("/reports/catalogue/indicators/new/").status_code == 403
    assert client.post("/reports/catalogue/indicators/new/", FORM_POST).status_code == 403
    assert client.get(f"/reports/catalogue/forms/{FESTIVAL_FORM}/").status_code == 403
    assert not Indicator.objects.filter(code="lamps_installed").exists()


def test_every_editing_page_answers_a_manager_and_one_button_changes_report_back(
    admin: Actor, client_as: Callable[[str], Client]
) -> None:
    indicator = add_indicator(admin)
    rule = catalogue.rule_create(
        actor=admin, version=indicator.version, left=indicator.code, operator="le", right="participants"
    )
    client = client_as(ADMIN)
    for path in (
        "/reports/catalogue/forms/",
        "/reports/catalogue/forms/new/",
        f"/reports/catalogue/forms/{FESTIVAL_FORM}/",
        f"/reports/catalogue/forms/{FESTIVAL_FORM}/indicators/",
        "/reports/catalogue/indicators/participants/",  # figures stored: fixed fields are read-only
        f"/reports/catalogue/indicators/{indicator.code}/",
        f"/reports/catalogue/indicators/{indicator.code}/options/new/",
        f"/reports/catalogue/indicators/{indicator.code}/options/knives/",
        f"/reports/catalogue/indicators/{indicator.code}/rules/new/",
    ):
        assert client.get(path).status_code == 200, path
    assert client.get("/reports/catalogue/indicators/khong_co/").status_code == 404
    page = client.get("/reports/catalogue/indicators/participants/").content.decode()
    assert 'name="code"' in page and "disabled" in page
    # A kind named by a rule is not deleted; the reason is on the page it came from.
    response = client.post(
        f"/reports/catalogue/indicators/{indicator.code}/rules/new/",
        {"version": indicator.version + 1, "left": f"{indicator.code}.powder", "operator": "le", "right": "sites_held"},
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    response = client.post(
        f"/reports/catalogue/indicators/{indicator.code}/options/powder/delete/",
        {"version": indicator.version},
        follow=True,
    )
    assert response.status_code == 200 and IndicatorOption.objects.filter(indicator=indicator, code="powder").exists()
    assert "items_collected.powder" in response.content.decode()
    response = client.post(f"/reports/catalogue/rules/{rule.pk}/delete/", {"version": indicator.version})
    assert response.status_code == 302 and not IndicatorRule.objects.filter(pk=rule.pk).exists()
    response = client.post(
        "/reports/catalogue/forms/new/",
        {
            "code": "ket-qua-quy",
            "name": "Báo cáo quý",
            "period_type": "quarter",
            "reporting_level": "commune",
            "cutoff_days_before_end": "0",
            "commune_deadline_days": "5",
            "province_deadline_days": "10",
            "grace_days": "15",
            "is_active": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/reports/catalogue/forms/ket-qua-quy/indicators/"
    assert ReportForm.objects.get(code="ket-qua-quy").is_active
