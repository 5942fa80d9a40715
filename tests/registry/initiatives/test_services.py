"""Initiative services: the status history read at a period's end, every bad input named,
retired types and replication cycles refused, conflicts, and the order scope (404) → role (403) →
version (409) of every write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.registry.initiatives import services
from antq.registry.initiatives.models import Initiative
from antq.registry.initiatives.types import selectors as type_selectors
from antq.registry.initiatives.types import services as type_services
from antq.registry.initiatives.types.services import InitiativeTypeInput, MeasureInput
from antq.reporting.catalogue.seed import MOVEMENT_FORM
from antq.reporting.catalogue.selectors import form_lines
from antq.reporting.models import ReportForm
from antq.reporting.reports import services as report_services
from antq.reporting.reports.drafts import prefill_for
from antq.units.models import Unit
from tests.registry.initiatives.factories import camera_input, half_year_key, nha_trang_camera, png, province_total

pytestmark = pytest.mark.django_db


def test_status_history_and_the_period_end(actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    initiative = services.initiative_create(actor=officer, data=camera_input())
    effective = province_total("initiatives_effective")
    weak = province_total("initiatives_weak")
    today = timezone.localdate()
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_set_status(
            actor=officer,
            initiative_id=initiative.pk,
            version=initiative.version,
            status="weak",
            on=initiative.started_on - dt.timedelta(days=1),
        )
    assert "on" in excinfo.value.errors
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_set_status(
            actor=officer, initiative_id=initiative.pk, version=initiative.version, status="dissolved", on=today
        )
    assert "note" in excinfo.value.errors, "dissolving needs a reason"
    initiative = services.initiative_set_status(
        actor=officer, initiative_id=initiative.pk, version=initiative.version, status="weak", on=today
    )
    assert province_total("initiatives_effective") == effective - 1
    assert province_total("initiatives_weak") == weak + 1
    assert list(initiative.history.values_list("status", flat=True)) == ["active", "weak"]
    # A past period counts the status at its end, from the history.
    form = ReportForm.objects.get(code=MOVEMENT_FORM)
    report = report_services.report_open(
        actor=officer, form_code=form.code, period_key=half_year_key(today), unit_code="22453"
    )
    prefill = prefill_for(report, form_lines(form, today.year))
    assert prefill[("initiatives_weak", "")] >= 1


def test_bad_input_is_named_and_nothing_is_saved(actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    count = Initiative.objects.count()
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_create(
            actor=officer,
            data=camera_input(
                type_code="no_such_type",
                name="",
                started_on=timezone.localdate() + dt.timedelta(days=5),
                members=-3,
            ),
        )
    assert {"type", "name", "started_on", "members"} <= set(excinfo.value.errors)
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_create(actor=officer, data=camera_input(counts={"students": 4}))
    assert "counts.students" in excinfo.value.errors
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_create(actor=officer, data=camera_input(unit_code="18073"))
    assert "outside your area" in excinfo.value.errors["unit"] or "ngoài" in excinfo.value.errors["unit"]
    origin = nha_trang_camera()
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_create(
            actor=officer,
            data=camera_input(started_on=origin.started_on - dt.timedelta(days=1), replicated_from=origin.pk),
        )
    assert "replicated_from" in excinfo.value.errors
    assert Initiative.objects.count() == count


def test_retired_types_and_replication_cycles_are_refused(actor: Callable[[str], Actor]) -> None:
    officer, ministry = actor("camlam.officer"), actor("bo.administrator")
    first = services.initiative_create(actor=officer, data=camera_input(name="Mô hình A"))
    second = services.initiative_create(actor=officer, data=camera_input(name="Mô hình B", replicated_from=first.pk))
    third = services.initiative_create(actor=officer, data=camera_input(name="Mô hình C", replicated_from=second.pk))
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_update(
            actor=officer,
            initiative_id=first.pk,
            version=first.version,
            data=camera_input(name="Mô hình A", replicated_from=third.pk),
        )
    assert "replicated_from" in excinfo.value.errors
    first.refresh_from_db()
    assert first.replicated_from_id is None
    with pytest.raises(ValidationFailed):
        services.initiative_delete(actor=officer, initiative_id=second.pk, version=second.version)
    kind = type_selectors.type_get(actor=ministry, code="clan")
    type_services.type_update(
        actor=ministry,
        code="clan",
        version=kind.version,
        data=InitiativeTypeInput(
            name=kind.name, measures=tuple(MeasureInput(**m) for m in kind.measures), is_active=False
        ),
    )
    with pytest.raises(ValidationFailed) as excinfo:
        services.initiative_create(actor=officer, data=camera_input(type_code="clan", counts={}))
    assert "retired" in excinfo.value.errors["type"] or "ngừng" in excinfo.value.errors["type"]


def test_stale_versions_conflict_and_roles_are_checked(actor: Callable[[str], Actor]) -> None:
    officer = actor("camlam.officer")
    initiative = services.initiative_create(actor=officer, data=camera_input())
    stale = initiative.version
    services.initiative_update(actor=officer, initiative_id=initiative.pk, version=stale, data=camera_input(members=9))
    with pytest.raises(Conflict):
        services.initiative_update(
            actor=officer, initiative_id=initiative.pk, version=stale, data=camera_input(members=12)
        )
    initiative.refresh_from_db()
    assert initiative.members == 9
    with pytest.raises(Forbidden):
        services.initiative_create(actor=actor("camlam.viewer"), data=camera_input())
    with pytest.raises(NotFound):
        services.initiative_set_status(
            actor=actor("thanhsen.officer"),
            initiative_id=initiative.pk,
            version=initiative.version,
            status="weak",
            on=timezone.localdate(),
        )


def test_every_write_answers_404_outside_the_actors_area(actor: Callable[[str], Actor]) -> None:
    """Missing and outside look the same, before any role or version is looked at: an officer of
    Hà Tĩnh cannot tell a Khánh Hòa initiative from one that does not exist."""
    initiative = services.initiative_create(actor=actor("camlam.officer"), data=camera_input())
    photo = services.photo_add(
        actor=actor("camlam.officer"),
        initiative_id=initiative.pk,
        photo=SimpleUploadedFile("anh.png", png(), "image/png"),
    )
    initiative.refresh_from_db()
    outsider, today = actor("thanhsen.officer"), timezone.localdate()
    writes: list[Callable[[], object]] = [
        lambda: services.initiative_update(
            actor=outsider, initiative_id=initiative.pk, version=initiative.version, data=camera_input()
        ),
        lambda: services.initiative_set_status(
            actor=outsider, initiative_id=initiative.pk, version=0, status="weak", on=today
        ),
        lambda: services.initiative_evaluate(
            actor=outsider, initiative_id=initiative.pk, version=0, year=today.year, rating="effective"
        ),
        lambda: services.initiative_delete(actor=outsider, initiative_id=initiative.pk, version=0),
        lambda: services.photo_add(
            actor=outsider, initiative_id=initiative.pk, photo=SimpleUploadedFile("anh.png", png(), "image/png")
        ),
        lambda: services.photo_delete(actor=outsider, initiative_id=initiative.pk, photo_id=photo.pk),
    ]
    for write in writes:
        with pytest.raises(NotFound):
            write()
    # Inside the area, a viewer is refused (403) before a stale version is (409).
    with pytest.raises(Forbidden):
        services.initiative_delete(actor=actor("camlam.viewer"), initiative_id=initiative.pk, version=0)
    with pytest.raises(Conflict):
        services.initiative_delete(actor=actor("camlam.officer"), initiative_id=initiative.pk, version=0)
    assert Initiative.objects.filter(pk=initiative.pk).exists() and initiative.photos.count() == 1


def test_a_deleted_initiative_leaves_the_province_totals_and_the_audit_names_it(actor: Callable[[str], Actor]) -> None:
    from antq.core.models import AuditEntry

    officer = actor("camlam.officer")
    before = province_total("initiatives_effective")
    initiative = services.initiative_create(actor=officer, data=camera_input())
    assert province_total("initiatives_effective") == before + 1
    services.initiative_delete(actor=officer, initiative_id=initiative.pk, version=initiative.version)
    assert province_total("initiatives_effective") == before
    entry = AuditEntry.objects.get(action="initiative.delete", target_id=str(initiative.pk))
    assert entry.target_type == "initiative" and entry.target_label == initiative.name
    assert entry.scope_path == Unit.objects.get(code="22453-0001").path
