"""Accounts and scope: login with Argon2 and lockout, TOTP for administrators, API tokens, leaders
managing accounts in their subtree, and the audit log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from antq.accounts import selectors, services
from antq.accounts.models import ApiToken, RoleAssignment, User
from antq.accounts.services import AccountEdit, AccountInput
from antq.core.actor import Role
from antq.core.demo import DEMO_PASSWORD
from antq.core.errors import Forbidden, NotFound, ValidationFailed
from antq.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str = DEMO_PASSWORD) -> object:
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2(user) -> None:
    assert user("camlam.officer").password.startswith("argon2")


def test_login_and_logout() -> None:
    client = Client()
    response = _login(client, "camlam.officer")
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_wrong_password_says_so_in_vietnamese() -> None:
    response = Client().post("/accounts/login/", {"username": "camlam.officer", "password": "sai"})
    assert response.status_code == 200
    assert "mật khẩu" in response.content.decode().lower()


def test_lockout_after_five_failures_even_with_the_right_password() -> None:
    client = Client()
    for _ in range(5):
        _login(client, "camlam.viewer", "wrong-password")
    response = _login(client, "camlam.viewer")
    assert response.status_code == 429
    assert "khóa" in response.content.decode().lower()
    # Other accounts on the same address are unaffected (a shared station address is not punished),
    # and the owner can still log in from another address: a stranger cannot lock them out.
    assert _login(Client(), "camlam.officer").status_code == 302
    assert _login(Client(REMOTE_ADDR="10.1.2.3"), "camlam.viewer").status_code == 302


def test_failures_from_many_addresses_lock_the_username_everywhere(settings) -> None:  # type: ignore[no-untyped-def]
    """The distributed guess: one wrong password from each of many addresses locks the username
    everywhere (ANTQ_LOGIN_ADDRESS_LIMIT), with a message that says so."""
    settings.ANTQ_LOGIN_ADDRESS_LIMIT = 4
    for n in range(4):
        _login(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), "camlam.viewer", "wrong-password")
    response = _login(Client(REMOTE_ADDR="10.9.9.9"), "camlam.viewer")
    page = response.content.decode()
    assert response.status_code == 429 and "nhiều nơi" in page
    assert _login(Client(REMOTE_ADDR="10.9.9.9"), "camlam.officer").status_code == 302


def test_leader_lifts_a_lockout(actor, user) -> None:
    client = Client()
    for _ in range(5):
        _login(client, "camlam.viewer", "wrong-password")
    services.user_unlock(actor=actor("camlam.leader"), user_id=user("camlam.viewer").pk)
    assert _login(Client(), "camlam.viewer").status_code == 302
    assert AuditEntry.objects.filter(action="account.unlock", target_label="camlam.viewer").exists()


def test_administrator_must_pass_totp() -> None:
    client = Client()
    assert _login(client, "camlam.administrator").status_code == 302
    response = client.get("/units/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/")
    device = TOTPDevice.objects.get(user__username="camlam.administrator")
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post("/accounts/otp/", {"token": code}).status_code == 302
    assert client.get("/units/").status_code == 200


def test_wrong_totp_code_is_refused() -> None:
    client = Client()
    _login(client, "camlam.administrator")
    device = TOTPDevice.objects.get(user__username="camlam.administrator")
    right = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    wrong = client.post("/accounts/otp/", {"token": f"{(right + 1) % 1_000_000:06d}"})
    assert wrong.status_code == 200 and "mã" in wrong.content.decode().lower()
    assert client.get("/units/").status_code == 302


def test_after_wrong_codes_the_page_says_to_wait_not_that_the_right_code_is_wrong() -> None:
    """Issue 18: after 3 wrong codes the right one was refused as "wrong or expired"."""
    client = Client()
    _login(client, "camlam.administrator")
    device = TOTPDevice.objects.get(user__username="camlam.administrator")
    right = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    for _ in range(3):
        client.post("/accounts/otp/", {"token": f"{(right + 1) % 1_000_000:06d}"})
    response = client.post("/accounts/otp/", {"token": f"{right:06d}"})
    page = response.content.decode()
    assert response.status_code == 200 and "quá nhiều" in page.lower() and "giây" in page
    assert "sai hoặc đã hết hạn" not in page


def test_administrator_without_device_is_sent_to_enrol(user) -> None:
    TOTPDevice.objects.filter(user__username="camlam.administrator").delete()
    client = Client()
    _login(client, "camlam.administrator")
    response = client.get("/units/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/otp/")
    assert client.get("/accounts/otp/setup/").status_code == 200


def test_api_token_sees_exactly_the_same_scope(api_as) -> None:
    client = api_as("camlam.viewer")
    assert client.get("/api/units/22453").json()["name"] == "Xã Cam Lâm"
    assert client.get("/api/units/42").status_code == 404
    assert client.get("/api/units/nope").status_code == 404
    codes = {u["code"] for u in client.get("/api/units?q=cam lam").json()["items"]}
    assert "22453" in codes
    assert all(u["code"].startswith("22453") for u in client.get("/api/units?q=thon").json()["items"])


@pytest.mark.parametrize("secret", ["abc", "antq_xyz", "antq_0123456789ab_wrongsecret"])
def test_malformed_or_unknown_token_is_refused_in_vietnamese(secret: str) -> None:
    response = Client(headers={"Authorization": f"Bearer {secret}"}).get("/api/me")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] in ("invalid_token", "unauthorized")
    assert "mã truy cập" in body["message"].lower()
    if body["code"] == "invalid_token":
        assert "Authorization" in body["errors"]


def test_revoked_and_expired_tokens_stop_working(actor, monkeypatch) -> None:
    """Also with the account memoised per process (accounts/auth_cache.py): expiry is checked on
    every request and a revocation is seen at once."""
    token, secret = services.token_create(actor=actor("camlam.officer"), name="phone", days=1)
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    assert client.get("/api/me").status_code == 200
    assert client.get("/api/me").status_code == 200  # now from the memo
    later = timezone.now() + dt.timedelta(days=2)
    with monkeypatch.context() as m:
        m.setattr(timezone, "now", lambda: later)
        assert client.get("/api/me").status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=None)
    assert client.get("/api/me").status_code == 200
    services.token_revoke(actor=actor("camlam.officer"), token_id=token.pk)
    assert client.get("/api/me").status_code == 401


def test_a_memoised_api_account_loses_a_revoked_role_at_once(actor, api_as) -> None:
    client = api_as("camlam.viewer")
    assert client.get("/api/units/22453").status_code == 200
    assert client.get("/api/units/22453").status_code == 200  # memoised
    assignment = RoleAssignment.objects.get(user__username="camlam.viewer", unit__code="22453")
    services.role_revoke(actor=actor("camlam.leader"), user_id=assignment.user_id, assignment_id=assignment.pk)
    assert client.get("/api/units/22453").status_code == 404
    services.role_grant(
        actor=actor("camlam.leader"),
        user_id=User.objects.get(username="camlam.viewer").pk,
        unit_code="22453",
        role="viewer",
    )
    assert client.get("/api/units/22453").status_code == 200


def test_token_secret_is_stored_only_as_a_digest(actor) -> None:
    token, secret = services.token_create(actor=actor("camlam.officer"), name="script")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in (stored.digest, stored.lookup)


def test_leader_creates_accounts_only_in_subtree(actor) -> None:
    leader = actor("khanhhoa.leader")
    created = services.user_create(
        actor=leader,
        data=AccountInput(
            username="cam.lam.moi", password="mot-mat-khau-dai", home_unit_code="22453", role=Role.OFFICER
        ),
    )
    assert RoleAssignment.objects.filter(user=created, unit__code="22453", role=Role.OFFICER).exists()
    with pytest.raises(ValidationFailed) as caught:
        services.user_create(
            actor=leader, data=AccountInput(username="ha.tinh.moi", password="mot-mat-khau-dai", home_unit_code="42")
        )
    assert "home_unit" in caught.value.errors
    with pytest.raises(ValidationFailed) as caught:
        services.user_create(
            actor=leader,
            data=AccountInput(
                username="quan.tri", password="mot-mat-khau-dai", home_unit_code="22453", role=Role.ADMINISTRATOR
            ),
        )
    assert "role" in caught.value.errors
    assert not User.objects.filter(username__in=["ha.tinh.moi", "quan.tri"]).exists()


def test_bad_account_input_names_each_field(actor) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.user_create(
            actor=actor("khanhhoa.leader"), data=AccountInput(username="A B", password="short", home_unit_code="22453")
        )
    assert {"username", "password"} <= set(caught.value.errors)


def test_officer_cannot_manage_accounts(actor, user) -> None:
    with pytest.raises((Forbidden, ValidationFailed)):
        services.user_create(
            actor=actor("camlam.officer"),
            data=AccountInput(username="x.y", password="mot-mat-khau-dai", home_unit_code="22453"),
        )
    with pytest.raises(NotFound):
        selectors.user_get(actor=actor("camlam.officer"), user_id=user("camlam.viewer").pk)


def test_account_edit_conflict(actor, user) -> None:
    leader = actor("camlam.leader")
    viewer = user("camlam.viewer")
    version = viewer.version
    edit = AccountEdit.of(viewer)
    services.user_update(
        actor=leader, user_id=viewer.pk, version=version, data=edit.with_changes(position="Phó Trưởng")
    )
    with pytest.raises(Exception) as caught:
        services.user_update(actor=leader, user_id=viewer.pk, version=version, data=edit.with_changes(position="Khác"))
    assert getattr(caught.value, "status", None) == 409
    assert user("camlam.viewer").position == "Phó Trưởng"


def test_deactivated_account_loses_every_grant(actor, user) -> None:
    viewer = user("camlam.viewer")
    services.user_update(
        actor=actor("camlam.leader"),
        user_id=viewer.pk,
        version=viewer.version,
        data=AccountEdit.of(viewer).with_changes(is_active=False),
    )
    assert _login(Client(), "camlam.viewer").status_code == 200  # the login form again


def test_audit_log_is_scoped_to_the_leaders_subtree(actor) -> None:
    from antq.units import services as unit_services

    unit_services.unit_create(actor=actor("camlam.officer"), parent_code="22453", kind="village", name="Thôn Kiểm Tra")
    unit_services.unit_create(
        actor=actor("thanhsen.officer"), parent_code="18073", kind="residential_group", name="Tổ dân phố 99"
    )
    camlam = {e.target_label for e in selectors.audit_list(actor=actor("camlam.leader"))}
    assert "Thôn Kiểm Tra" in camlam and "Tổ dân phố 99" not in camlam
    national = {e.target_label for e in selectors.audit_list(actor=actor("bo.leader"))}
    assert {"Thôn Kiểm Tra", "Tổ dân phố 99"} <= national
    filtered = selectors.audit_list(actor=actor("bo.leader"), unit_code="18073")
    assert {e.target_label for e in filtered} >= {"Tổ dân phố 99"}
    assert "Thôn Kiểm Tra" not in {e.target_label for e in filtered}
    with pytest.raises(NotFound):
        list(selectors.audit_list(actor=actor("camlam.leader"), unit_code="18073"))


def test_audit_page_shows_before_and_after(client_as, actor) -> None:
    from antq.units import services as unit_services
    from antq.units.models import Unit

    village = Unit.objects.get(parent__code="22453", name="Thôn Tân Hải")
    unit_services.unit_update(
        actor=actor("camlam.officer"),
        code=village.code,
        version=village.version,
        data=unit_services.UnitEdit.of(village).with_changes(name="Thôn Tân Hải Mới"),
    )
    page = client_as("camlam.leader").get("/audit/?action=unit.update").content.decode()
    assert "Thôn Tân Hải" in page and "Thôn Tân Hải Mới" in page


DEMO_AREAS = {
    "bo": "VN/",
    "hatinh": "VN/42/",
    "khanhhoa": "VN/56/",
    "thanhsen": "VN/42/18073/",
    "camlam": "VN/56/22453/",
}
OUTSIDE = {"hatinh": "56", "khanhhoa": "42", "thanhsen": "22453", "camlam": "18073"}


@pytest.mark.parametrize("area", list(DEMO_AREAS))
@pytest.mark.parametrize("role", ["viewer", "officer", "leader", "administrator"])
def test_each_demo_account_sees_exactly_its_part_of_the_tree(api_as, client_as, area: str, role: str) -> None:
    """The issue's acceptance check: every demo account, through a token and through the pages."""
    from antq.units.models import Unit

    username = f"{area}.{role}"
    api = api_as(username)
    prefix = DEMO_AREAS[area]
    seen = []
    for query in ("", "thon", "phuong", "xa"):
        seen += api.get(f"/api/units?q={query}&limit=100").json()["items"]
    assert seen
    paths = dict(Unit.objects.filter(code__in=[u["code"] for u in seen]).values_list("code", "path"))
    assert all(path.startswith(prefix) for path in paths.values()), username
    own_code = prefix.rstrip("/").rsplit("/", 1)[-1]
    assert api.get(f"/api/units/{own_code}").status_code == 200
    page = client_as(username)
    assert page.get(f"/units/{own_code}/").status_code == 200
    if area in OUTSIDE:
        assert api.get(f"/api/units/{OUTSIDE[area]}").status_code == 404
        assert page.get(f"/units/{OUTSIDE[area]}/").status_code == 404
        assert OUTSIDE[area] not in {u["code"] for u in seen}


def test_leader_cannot_touch_an_administrators_account(actor, user) -> None:
    admin = user("camlam.administrator")
    with pytest.raises(Forbidden):
        services.user_set_password(actor=actor("camlam.leader"), user_id=admin.pk, password="mot-mat-khau-moi-dai")
    with pytest.raises(Forbidden):
        services.user_update(
            actor=actor("camlam.leader"),
            user_id=admin.pk,
            version=admin.version,
            data=AccountEdit.of(admin).with_changes(is_active=False),
        )
    assert user("camlam.administrator").is_active
    services.user_set_password(actor=actor("khanhhoa.administrator"), user_id=admin.pk, password="mot-mat-khau-moi-dai")


def test_leader_grants_a_role_from_the_account_page(client_as, user) -> None:
    viewer = user("camlam.viewer")
    response = client_as("camlam.leader").post(
        f"/accounts/{viewer.pk}/", {"form": "role", "unit": "22453-0001", "role": "officer"}
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=viewer, unit__code="22453-0001", role="officer").exists()


def test_password_rules_speak_vietnamese() -> None:
    """Issue 18: Django's own "too short" message had no Vietnamese (antq/accounts/django_messages.py)."""
    from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
    from django.core.exceptions import ValidationError as DjangoValidationError
    from django.utils import translation

    with translation.override("vi"):
        with pytest.raises(DjangoValidationError) as refused:
            validate_password("Ab1")
        assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in refused.value.messages
        assert "Mật khẩu phải có ít nhất 10 ký tự." in password_validators_help_texts()
