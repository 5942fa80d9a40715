"""The site services called directly: the write kernel's order (outside the actor's area 404, seen
but not writable 403, stale 409), re-keying, the audit and what festivals gives plans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db.models import Q

from antq.core.actor import Actor
from antq.core.errors import Conflict, Forbidden, NotFound
from antq.core.models import AuditEntry
from antq.festivals import hooks, services
from antq.festivals.models import FestivalSite, SiteState
from antq.festivals.services import SiteInput
from antq.plans.models import Plan
from antq.units import services as unit_services
from antq.units.models import Unit

pytestmark = pytest.mark.django_db


def test_moving_a_village_rekeys_its_sites(actor: Callable[[str], object], commune_plan: Plan) -> None:
    officer = actor("khanhhoa.officer")
    site = services.site_create(
        actor=officer,
        plan_id=commune_plan.pk,  # type: ignore[arg-type]
        data=SiteInput(unit_code="22453-0002", date=commune_plan.window_start, venue="Sân"),
    )
    village = Unit.objects.get(code="22453-0002")
    unit_services.unit_move(actor=officer, code=village.code, new_parent_code="22366", version=village.version)  # type: ignore[arg-type]
    site.refresh_from_db()
    assert site.commune is not None and site.commune.code == "22366"


def open_site(commune: str) -> FestivalSite:
    site = FestivalSite.objects.filter(commune__code=commune, state=SiteState.PLANNED).first()
    assert site is not None
    return site


def edit_of(site: FestivalSite) -> SiteInput:
    return SiteInput(unit_code=site.unit.code, date=site.starts_at.date(), venue="Sân mới")


def test_a_site_outside_the_actors_area_is_missing_not_forbidden(actor: Callable[[str], Actor]) -> None:
    """A Hà Tĩnh site for a Khánh Hòa officer: 404 like an id that does not exist (it was 403 when
    the services locked by id and checked only the role), even with a stale version."""
    site = FestivalSite.objects.filter(province__code="42", state=SiteState.PLANNED).first()
    assert site is not None
    officer = actor("khanhhoa.officer")
    with pytest.raises(NotFound):
        services.site_update(actor=officer, site_id=site.pk, version=site.version - 1, data=edit_of(site))
    with pytest.raises(NotFound):
        services.site_transition(actor=officer, site_id=site.pk, version=site.version, to=SiteState.CONFIRMED)
    with pytest.raises(NotFound):
        services.site_create(actor=officer, plan_id=site.plan_id, data=edit_of(site))
    assert FestivalSite.objects.get(pk=site.pk).version == site.version


def test_a_site_seen_but_not_writable_is_forbidden_before_its_version(actor: Callable[[str], Actor]) -> None:
    site = open_site("22453")
    viewer = actor("camlam.viewer")
    with pytest.raises(Forbidden):
        services.site_transition(actor=viewer, site_id=site.pk, version=site.version - 1, to=SiteState.CONFIRMED)
    with pytest.raises(Forbidden):
        services.site_update(actor=viewer, site_id=site.pk, version=site.version, data=edit_of(site))
    with pytest.raises(Conflict):
        services.site_transition(
            actor=actor("camlam.officer"), site_id=site.pk, version=site.version - 1, to=SiteState.CONFIRMED
        )


def test_changes_move_the_version_on_and_are_audited(actor: Callable[[str], Actor]) -> None:
    site = open_site("22453")
    officer = actor("camlam.officer")
    confirmed = services.site_transition(actor=officer, site_id=site.pk, version=site.version, to=SiteState.CONFIRMED)
    assert confirmed.version == site.version + 1 == FestivalSite.objects.get(pk=site.pk).version
    edited = services.site_update(actor=officer, site_id=site.pk, version=confirmed.version, data=edit_of(site))
    assert edited.venue == "Sân mới" and edited.version == site.version + 2
    entries = AuditEntry.objects.filter(target_type="festival_site", target_id=str(site.pk)).order_by("id")
    assert [e.action for e in entries][-2:] == ["site.confirmed", "site.update"]
    assert entries.last().scope_path == site.unit.path and entries.last().target_label == site.name  # type: ignore[union-attr]


def test_a_bulk_registration_is_all_or_nothing(actor: Callable[[str], Actor], commune_plan: Plan) -> None:
    officer = actor("camlam.officer")
    day = commune_plan.window_start
    good = SiteInput(unit_code="22453-0001", date=day, venue="Nhà văn hóa")
    before = FestivalSite.objects.count()
    refused = services.sites_bulk_create(
        actor=officer, plan_id=commune_plan.pk, rows=[good, SiteInput(unit_code="18073", date=day, venue="Sân")]
    )
    assert not refused.ok and [(p.row, p.field) for p in refused.problems] == [(2, "unit")]
    assert FestivalSite.objects.count() == before
    done = services.sites_bulk_create(actor=officer, plan_id=commune_plan.pk, rows=[good, good])
    assert done.ok and len(done.created) == 2 and FestivalSite.objects.count() == before + 2
    entry = AuditEntry.objects.filter(action="site.bulk_create").latest("id")
    assert (entry.target_type, entry.target_id) == ("plan", str(commune_plan.pk))
    assert entry.after is not None and entry.after["count"] == 2
    with pytest.raises(NotFound):
        services.sites_bulk_create(actor=actor("hatinh.officer"), plan_id=commune_plan.pk, rows=[good])


def test_sites_counted_for_the_board_and_checked_against_a_narrowed_window(commune_plan: Plan) -> None:
    """What festivals registers with plans (antq.plans.hooks), called as plans calls it."""
    sites = FestivalSite.objects.filter(year=2026, commune_id=commune_plan.issuer_id)
    counts = hooks.site_counts(year=2026, group="commune_id", where=Q(commune_id=commune_plan.issuer_id))
    assert counts[commune_plan.issuer_id].registered == sites.exclude(state=SiteState.CANCELLED).count() > 0
    assert counts[commune_plan.issuer_id].cancelled == sites.filter(state=SiteState.CANCELLED).count()
    assert hooks.sites_outside_window(commune_plan) is None
    commune_plan.window_start = commune_plan.window_end = dt.date(2026, 6, 30)  # as amended, not saved
    outside = FestivalSite.objects.filter(plan=commune_plan).exclude(state=SiteState.CANCELLED).count()
    message = hooks.sites_outside_window(commune_plan)
    assert message is not None and str(outside) in message
