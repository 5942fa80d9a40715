"""The catalogue editor's pages (/catalogue/…): an administrator at the nation adds and changes
indicators and forms, field errors and stale versions come back beside the fields, a refused
one-button change comes back on the indicator's page; everyone else gets 403 and no links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from antq.core.actor import Actor
from antq.reporting.catalogue import services as catalogue
from antq.reporting.catalogue.seed import FESTIVAL_FORM
from antq.reporting.catalogue.selectors import form_indicator_codes
from antq.reporting.models import Indicator, IndicatorOption, IndicatorRule, ReportForm
from tests.reporting.catalogue.helpers import ADMIN, add_indicator

pytestmark = pytest.mark.django_db


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
    assert "/catalogue/indicators/new/" in page and "/catalogue/indicators/participants/" in page
    assert client.get("/catalogue/indicators/new/").status_code == 200
    response = client.post("/catalogue/indicators/new/", {**FORM_POST, "code": "Sai mã"})
    assert response.status_code == 200 and "gift_packages" in response.content.decode()  # beside the field
    response = client.post("/catalogue/indicators/new/", FORM_POST)
    assert response.status_code == 302 and response["Location"] == "/catalogue/indicators/lamps_installed/"
    indicator = Indicator.objects.get(code="lamps_installed")
    assert (indicator.name, indicator.per_site, indicator.version) == (FORM_POST["name"], False, 1)
    # A stale version is said on the page (409, the form still holding the input), never written over.
    edit = {**FORM_POST, "name": "Tên mới", "version": "1"}
    assert client.post("/catalogue/indicators/lamps_installed/", edit).status_code == 302
    response = client.post("/catalogue/indicators/lamps_installed/", {**edit, "name": "Tên cũ"})
    assert response.status_code == 409 and 'role="alert"' in response.content.decode()
    assert 'value="Tên cũ"' in response.content.decode()
    assert Indicator.objects.get(code="lamps_installed").name == "Tên mới"
    # ... and onto a form, in order.
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    codes = form_indicator_codes(form)
    data: dict[str, Any] = {"version": form.version, "on": [*codes, "lamps_installed"], "pos:lamps_installed": "1"}
    data.update({f"pos:{code}": str((n + 1) * 10) for n, code in enumerate(codes)})  # as the page fills them in
    response = client.post(f"/catalogue/forms/{FESTIVAL_FORM}/indicators/", data)
    assert response.status_code == 302
    assert form_indicator_codes(form)[0] == "lamps_installed"


def test_a_commune_officer_gets_403_and_no_edit_links(client_as: Callable[[str], Client]) -> None:
    client = client_as("camlam.officer")
    page = client.get("/reports/indicators/").content.decode()
    assert "/catalogue/" not in page
    assert client.get("/catalogue/indicators/new/").status_code == 403
    assert client.post("/catalogue/indicators/new/", FORM_POST).status_code == 403
    assert client.get(f"/catalogue/forms/{FESTIVAL_FORM}/").status_code == 403
    assert not Indicator.objects.filter(code="lamps_installed").exists()


def test_every_editing_page_answers_a_manager_and_one_button_changes_report_back(
    actor: Callable[[str], Actor], client_as: Callable[[str], Client]
) -> None:
    admin = actor(ADMIN)
    indicator = add_indicator(admin)
    rule = catalogue.rule_create(
        actor=admin,
        version=indicator.version,
        data=catalogue.RuleInput(left=indicator.code, operator="le", right="participants"),
    )
    client = client_as(ADMIN)
    for path in (
        "/catalogue/forms/",
        "/catalogue/forms/new/",
        f"/catalogue/forms/{FESTIVAL_FORM}/",
        f"/catalogue/forms/{FESTIVAL_FORM}/indicators/",
        "/catalogue/indicators/participants/",  # figures stored: fixed fields are read-only
        f"/catalogue/indicators/{indicator.code}/",
        f"/catalogue/indicators/{indicator.code}/options/new/",
        f"/catalogue/indicators/{indicator.code}/options/knives/",
        f"/catalogue/indicators/{indicator.code}/rules/new/",
    ):
        assert client.get(path).status_code == 200, path
    assert client.get("/catalogue/indicators/khong_co/").status_code == 404
    page = client.get("/catalogue/indicators/participants/").content.decode()
    assert 'name="code"' in page and "disabled" in page
    # A kind named by a rule is not deleted; the reason is on the page it came from.
    response = client.post(
        f"/catalogue/indicators/{indicator.code}/rules/new/",
        {"version": indicator.version + 1, "left": f"{indicator.code}.powder", "operator": "le", "right": "sites_held"},
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    response = client.post(
        f"/catalogue/indicators/{indicator.code}/options/powder/delete/",
        {"version": indicator.version},
        follow=True,
    )
    assert response.status_code == 200 and IndicatorOption.objects.filter(indicator=indicator, code="powder").exists()
    assert "items_collected.powder" in response.content.decode()
    response = client.post(f"/catalogue/rules/{rule.pk}/delete/", {"version": indicator.version})
    assert response.status_code == 302 and not IndicatorRule.objects.filter(pk=rule.pk).exists()
    response = client.post(
        "/catalogue/forms/new/",
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
    assert response.status_code == 302 and response["Location"] == "/catalogue/forms/ket-qua-quy/indicators/"
    assert ReportForm.objects.get(code="ket-qua-quy").is_active


def test_a_refused_delete_shows_the_indicators_page_with_the_reason(client_as: Callable[[str], Client]) -> None:
    client = client_as(ADMIN)
    indicator = Indicator.objects.get(code="participants")
    response = client.post("/catalogue/indicators/participants/delete/", {"version": indicator.version})
    page = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in page and "participants" in page
    assert 'name="name"' in page, "the indicator's own form is on the page"
    assert Indicator.objects.filter(code="participants").exists()
    stale = client.post("/catalogue/indicators/participants/delete/", {"version": indicator.version - 1})
    assert stale.status_code == 409
