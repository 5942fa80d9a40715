"""The unit tree: the real data, search, and the rules for adding, editing, moving and closing."""

from __future__ import annotations

import pytest

from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.models import AuditEntry
from antq.units import selectors, services
from antq.units.loader import units_load
from antq.units.models import Unit, UnitKind
from antq.units.services import UnitEdit

pytestmark = pytest.mark.django_db


def test_real_tree_has_34_provinces_and_3321_communes() -> None:
    current = Unit.objects.filter(closed_on__isnull=True)
    assert current.filter(level=1).count() == 34
    assert current.filter(level=1, kind=UnitKind.CITY).count() == 6
    assert current.filter(level=2, kind__in=["commune", "ward", "special_zone"]).count() == 3321
    assert current.filter(kind=UnitKind.SPECIAL_ZONE).count() == 13
    ha_tinh = Unit.objects.get(code="42")
    assert ha_tinh.name == "Tỉnh Hà Tĩnh" and ha_tinh.path == "VN/42/"
    assert 17.5 < (ha_tinh.latitude or 0) < 19 and 105 < (ha_tinh.longitude or 0) < 107
    assert Unit.objects.filter(closed_on__isnull=True, level__in=[1, 2], latitude__isnull=True).count() == 0


def test_historical_units_link_to_successors_and_roll_up_under_them() -> None:
    old = Unit.objects.filter(closed_on__isnull=False, kind__in=["commune", "ward"]).select_related("successor").first()
    assert old is not None and old.successor is not None
    assert old.successor.is_current
    assert old.commune_id == old.successor.commune_id
    assert old.province_id == old.successor.province_id
    assert old.successors.filter(pk=old.successor_id).exists()
    # 63 old provinces, each closed into one of today's 34.
    assert Unit.objects.filter(closed_on__isnull=False, kind__in=["province", "city"], level=1).count() == 63


def test_loader_is_idempotent_and_keeps_local_units() -> None:
    before = Unit.objects.count()
    report = units_load()
    assert report.created == 0 and report.updated == 0
    assert Unit.objects.count() == before
    assert Unit.objects.filter(parent__code="18073", kind=UnitKind.RESIDENTIAL_GROUP).count() == 8


@pytest.mark.parametrize("query", ["ha tinh", "Hà Tĩnh", "HA TINH", "hà tinh", "tinh ha tinh"])
def test_search_ignores_diacritics_and_case(actor, query: str) -> None:
    found = list(selectors.unit_search(actor=actor("bo.viewer"), query=query)[:5])
    assert found and found[0].code == "42"


def test_search_treats_d_and_dj_alike(actor) -> None:
    names = {u.name for u in selectors.unit_search(actor=actor("bo.viewer"), query="dong ha")[:20]}
    assert "Phường Đông Hà" in names


def test_search_limits_by_province_kind_and_history(actor) -> None:
    bo = actor("bo.viewer")
    wards = list(selectors.unit_search(actor=bo, query="", province_code="42", kinds=["ward"]))
    assert wards and all(u.kind == "ward" and u.path.startswith("VN/42/") for u in wards)
    assert not any(u.closed_on for u in selectors.unit_search(actor=bo, query="hong linh"))
    historical = list(selectors.unit_search(actor=bo, query="hong linh", include_historical=True))
    assert any(u.closed_on for u in historical)


def test_search_with_history_reads_the_successors_in_the_same_query(api_as, django_assert_max_num_queries) -> None:
    client = api_as("bo.viewer")
    client.get("/api/units", {"q": "ha", "limit": 1})  # the token's account is memoised after this
    with django_assert_max_num_queries(4):
        body = client.get("/api/units", {"q": "thach ha", "include_historical": "true", "limit": 50}).json()
    closed = [u for u in body["items"] if u["closed_on"]]
    assert len(closed) >= 3 and all(u["successor"] for u in closed)


def test_search_stays_inside_scope(actor) -> None:
    camlam = actor("camlam.viewer")
    assert not list(selectors.unit_search(actor=camlam, query="ha tinh"))
    assert {u.code for u in selectors.unit_search(actor=camlam, query="cam lam")} >= {"22453"}
    with pytest.raises(NotFound):
        selectors.unit_get(actor=camlam, code="42")
    with pytest.raises(NotFound):
        selectors.unit_get(actor=camlam, code="does-not-exist")


def test_officer_adds_village_with_audit(actor) -> None:
    officer = actor("camlam.officer")
    village = services.unit_create(actor=officer, parent_code="22453", kind="village", name="Thôn Mới")
    assert village.code == "22453-0006"
    assert village.path == "VN/56/22453/22453-0006/"
    assert village.commune_id == village.parent_id and village.province.code == "56"
    assert village.latitude == village.parent.latitude
    entry = AuditEntry.objects.get(action="unit.create", target_id=village.code)
    assert entry.actor.username == "camlam.officer" and entry.after["name"] == "Thôn Mới"


@pytest.mark.parametrize(
    ("payload", "field", "fragment"),
    [
        ({"parent_code": "22453-0005", "kind": "village", "name": "Thôn X"}, "parent", "xã, phường"),
        ({"parent_code": "22453", "kind": "commune", "name": "Xã X"}, "kind", "danh mục chính thức"),
        ({"parent_code": "22453", "kind": "village", "name": ""}, "name", "tên"),
        ({"parent_code": "22453", "kind": "village", "name": "Thôn Tân Hải"}, "name", "đã có"),
        ({"parent_code": "22453", "kind": "village", "name": "Thôn X", "code": "22453"}, "code", "chính thức"),
        (
            {"parent_code": "22453", "kind": "village", "name": "Thôn X", "latitude": 40.0, "longitude": 109.0},
            "latitude",
            "vĩ độ",
        ),
        ({"parent_code": "99999", "kind": "village", "name": "Thôn X"}, "parent", "99999"),
        ({"parent_code": "18073", "kind": "village", "name": "Thôn X"}, "parent", "18073"),
    ],
)
def test_bad_unit_input_names_the_field_in_vietnamese(actor, payload, field: str, fragment: str) -> None:
    before = Unit.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        services.unit_create(actor=actor("camlam.officer"), **payload)
    assert field in caught.value.errors
    assert fragment.lower() in caught.value.errors[field].lower()
    assert Unit.objects.count() == before


def test_closed_unit_cannot_be_parent(actor) -> None:
    closed = Unit.objects.filter(closed_on__isnull=False, kind="commune", successor__code="22453").first()
    assert closed is not None
    with pytest.raises(ValidationFailed) as caught:
        services.unit_create(actor=actor("camlam.officer"), parent_code=closed.code, kind="village", name="Thôn X")
    assert "parent" in caught.value.errors


def test_viewer_cannot_add(actor) -> None:
    with pytest.raises(Forbidden):
        services.unit_create(actor=actor("camlam.viewer"), parent_code="22453", kind="village", name="Thôn X")


def test_stale_version_is_a_conflict_not_an_overwrite(actor) -> None:
    officer = actor("camlam.officer")
    village = Unit.objects.get(parent__code="22453", name="Thôn Tân Hải")
    loaded = village.version
    services.unit_update(
        actor=officer, code=village.code, version=loaded, data=UnitEdit.of(village).with_changes(name="Thôn Tân Hải 1")
    )
    stale = Unit.objects.get(pk=village.pk)
    with pytest.raises(Conflict):
        services.unit_update(
            actor=officer, code=stale.code, version=loaded, data=UnitEdit.of(stale).with_changes(name="Thôn Tân Hải 2")
        )
    assert Unit.objects.get(pk=village.pk).name == "Thôn Tân Hải 1"


def test_move_rekeys_subtree_and_refuses_cycles(actor) -> None:
    bo = actor("bo.administrator")
    school = Unit.objects.get(name="Trường Đại học Hà Tĩnh")
    moved = services.unit_move(actor=bo, code=school.code, new_parent_code="18073", version=school.version)
    assert moved.path == f"VN/42/18073/{school.code}/" and moved.commune.code == "18073"
    village = Unit.objects.get(parent__code="18073", name="Tổ dân phố 1")
    with pytest.raises(ValidationFailed) as caught:
        services.unit_move(actor=bo, code=village.code, new_parent_code=village.code, version=village.version)
    assert "new_parent" in caught.value.errors
    assert Unit.objects.get(pk=village.pk).parent.code == "18073"


def test_close_village_into_successor(actor) -> None:
    officer = actor("thanhsen.officer")
    first = Unit.objects.get(parent__code="18073", name="Tổ dân phố 1")
    second = Unit.objects.get(parent__code="18073", name="Tổ dân phố 2")
    closed = services.unit_close(actor=officer, code=first.code, successor_code=second.code, version=first.version)
    assert closed.closed_on is not None and closed.successor_id == second.pk
    with pytest.raises(ValidationFailed):
        services.unit_close(actor=officer, code=second.code, successor_code=second.code, version=second.version)


def test_official_units_only_flags_for_leaders(actor) -> None:
    ward = Unit.objects.get(code="18073")
    with pytest.raises(Forbidden):
        services.unit_update(
            actor=actor("thanhsen.officer"),
            code=ward.code,
            version=ward.version,
            data=UnitEdit.of(ward).with_changes(is_border=True),
        )
    services.unit_update(
        actor=actor("thanhsen.leader"),
        code=ward.code,
        version=ward.version,
        data=UnitEdit.of(ward).with_changes(is_border=True),
    )
    ward.refresh_from_db()
    assert ward.is_border
    with pytest.raises(ValidationFailed) as caught:
        services.unit_update(
            actor=actor("thanhsen.leader"),
            code=ward.code,
            version=ward.version,
            data=UnitEdit.of(ward).with_changes(name="Phường Khác"),
        )
    assert "name" in caught.value.errors


def test_api_search_pages_with_has_more(api_as) -> None:
    client = api_as("hatinh.viewer")
    first = client.get("/api/units?province=42&limit=50").json()
    assert len(first["items"]) == 50 and first["has_more"] is True
    codes = {u["code"] for u in first["items"]}
    second = client.get("/api/units?province=42&limit=50&offset=50").json()
    assert not codes & {u["code"] for u in second["items"]}
    last = client.get("/api/units?q=thanh sen&limit=50").json()
    assert last["has_more"] is False and last["items"][0]["code"] == "18073"
    bad = client.get("/api/units?limit=1000")
    assert bad.status_code == 422 and "limit" in bad.content.decode()


def test_add_button_only_where_a_unit_may_be_added(client_as) -> None:
    officer = client_as("camlam.officer")
    assert "/units/22453/add/" in officer.get("/units/22453/").content.decode()
    assert "/add/" not in officer.get("/units/22453-0001/").content.decode()
    assert officer.get("/units/22453-0001/add/").status_code == 403
