"""Report forms through the catalogue's services: what reports rely on stays fixed, and the codes
a form may take now that the editor lives under /catalogue/."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from antq.core.actor import Actor
from antq.core.errors import NotFound, ValidationFailed
from antq.reporting.catalogue import services as catalogue
from antq.reporting.catalogue.seed import FESTIVAL_FORM
from antq.reporting.catalogue.selectors import form_indicator_codes
from antq.reporting.models import FormIndicator, Report, ReportForm, ReportPeriod
from antq.reporting.reports.drafts import period_get_or_create
from tests.reporting.catalogue.helpers import ADMIN, form_changed, indicator_input

pytestmark = pytest.mark.django_db
QUARTERLY = {"code": "ket-qua-quy", "name": "Báo cáo quý", "period_type": "quarter", "reporting_level": "commune"}


@pytest.fixture
def admin(actor: Callable[[str], Actor]) -> Actor:
    return actor(ADMIN)


def test_forms_keep_what_reports_rely_on(admin: Actor, period: ReportPeriod) -> None:
    form = ReportForm.objects.get(code=FESTIVAL_FORM)
    assert Report.objects.filter(form=form).exists()
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.form_update(
            actor=admin,
            code=form.code,
            version=form.version,
            data=form_changed(form, period_type="year", reporting_level="province", code="ngay-hoi"),
        )
    assert set(excinfo.value.errors) == {"period_type", "reporting_level", "code"}
    for bad, field in (
        ({"code": "sites"}, "code"),
        ({"code": "new"}, "code"),
        ({"code": FESTIVAL_FORM}, "code"),
        ({"commune_deadline_days": 10, "province_deadline_days": 3}, "province_deadline_days"),
        ({"period_type": "weekly"}, "period_type"),
        ({"grace_days": 400}, "grace_days"),
    ):
        with pytest.raises(ValidationFailed) as excinfo:
            catalogue.form_create(actor=admin, data=catalogue.FormInput(**{**QUARTERLY, **bad}))
        assert set(excinfo.value.errors) == {field}, bad
    quarterly = catalogue.form_create(
        actor=admin, data=catalogue.FormInput(**QUARTERLY), indicators=["outreach_sessions", "leaflets"]
    )
    assert form_indicator_codes(quarterly) == ["outreach_sessions", "leaflets"]
    period_get_or_create(form=quarterly, key="2026-Q3")
    quarterly = catalogue.form_update(
        actor=admin, code=quarterly.code, version=quarterly.version, data=form_changed(quarterly, period_type="month")
    )
    assert not ReportPeriod.objects.filter(form=quarterly).exists(), "periods of the old type are gone"
    quarterly = catalogue.form_set_indicators(
        actor=admin, code=quarterly.code, version=quarterly.version, indicators=["leaflets", "outreach_sessions"]
    )
    assert form_indicator_codes(quarterly) == ["leaflets", "outreach_sessions"]
    assert FormIndicator.objects.filter(form=quarterly).count() == 2
    with pytest.raises(NotFound):
        catalogue.form_update(actor=admin, code="khong-co", version=1, data=form_changed(quarterly))


def test_a_form_may_be_coded_like_the_catalogue_and_other_former_page_words(admin: Actor) -> None:
    """Behaviour change: the editor lives under /catalogue/ now, so a report form may be coded
    "catalogue" (or "indicators", which no page shadows); "new" and "sites" stay reserved (the
    editor's /new/ pages; /reports/sites/<id>/ beside a form's /reports/<form>/<period>/)."""
    for code in ("catalogue", "indicators"):
        created = catalogue.form_create(actor=admin, data=catalogue.FormInput(**{**QUARTERLY, "code": code}))
        assert created.code == code
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue.indicator_create(actor=admin, data=indicator_input(code="new"))
    assert set(excinfo.value.errors) == {"code"}
