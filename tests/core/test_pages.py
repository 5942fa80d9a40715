"""Domain errors become pages in one place (DomainErrorMiddleware), and every page needs a login
unless it says otherwise (LoginRequiredMiddleware)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from antq.units.models import Unit

pytestmark = pytest.mark.django_db


def test_pages_need_a_login_except_the_public_ones() -> None:
    client = Client()
    response = client.get("/units/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/units/"
    assert client.get("/health").status_code == 200
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/api/units").status_code == 401  # the API answers for itself, in JSON
    assert client.get("/api/units").json()["code"] == "unauthenticated"


def test_missing_and_outside_are_the_same_404_page(client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("camlam.officer")
    outside, missing = client.get("/units/18073/"), client.get("/units/00000/")
    assert outside.status_code == missing.status_code == 404
    assert "Không tìm thấy" in outside.content.decode() and "Không tìm thấy" in missing.content.decode()


def test_a_refusal_is_a_403_page(client_as) -> None:  # type: ignore[no-untyped-def]
    response = client_as("camlam.viewer").get("/units/22453-0001/edit/")
    assert response.status_code == 403 and "Không có quyền" in response.content.decode()


def test_a_rejected_form_comes_back_with_the_message_beside_its_field(client_as) -> None:  # type: ignore[no-untyped-def]
    response = client_as("camlam.officer").post("/units/22453/add/", {"kind": "village", "name": "Thôn Tân Hải"})
    page = response.content.decode()
    assert response.status_code == 200 and "Thôn Tân Hải" in page
    assert "đã có đơn vị tên" in page  # the service's message, shown on the form
    assert not Unit.objects.filter(parent__code="22453", name="Thôn Tân Hải").exclude(code="22453-0001").exists()


def test_a_stale_form_comes_back_with_what_was_typed_and_409(client_as) -> None:  # type: ignore[no-untyped-def]
    village = Unit.objects.get(code="22453-0001")
    data = {"version": village.version + 5, "name": "Tên gõ dở"}
    response = client_as("camlam.officer").post("/units/22453-0001/edit/", data)
    assert response.status_code == 409 and "Tên gõ dở" in response.content.decode()
    assert Unit.objects.get(pk=village.pk).name == village.name


def test_a_mistyped_address_gets_the_vietnamese_404_page_in_every_mode(
    client_as: Callable[[str], Client],
    settings,  # type: ignore[no-untyped-def]
) -> None:
    """Issue 18: with DEBUG on (the embedded default) Django's English debug page listed every
    URL pattern. The last pattern answers instead, in every mode; a missing final slash still
    redirects."""
    for debug in (True, False):
        settings.DEBUG = debug
        for client in (Client(), client_as("camlam.officer")):
            response = client.get("/khong-co-trang-nay/")
            page = response.content.decode()
            assert response.status_code == 404 and "Không tìm thấy" in page
            assert "URLconf" not in page and "config.urls" not in page and "Traceback" not in page
        api = client_as("camlam.officer").get("/api/khong-co/")
        assert api.status_code == 404 and api.json()["code"] == "not_found" and api.json()["message"]
    redirected = client_as("camlam.officer").get("/sites?year=2026")
    assert redirected.status_code in (301, 302) and redirected["Location"] == "/sites/?year=2026"


def test_an_api_server_error_has_no_traceback(api_as: Callable[[str], Client], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from antq.festivals import selectors

    def broken(**kwargs: object) -> None:
        raise RuntimeError("/work/secret/path.py line 1")

    monkeypatch.setattr(selectors, "site_list", broken)
    response = api_as("camlam.officer").get("/api/sites")
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "server_error" and "secret" not in response.content.decode() and body["message"]
