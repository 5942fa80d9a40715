"""Exemplar pages: record, publish, edit (a published one leaves the portal), delete; a refused
publishing or a stale delete shows the page again with the reason."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from antq.core.actor import Actor
from antq.registry.exemplars import services
from antq.registry.exemplars.models import Exemplar
from tests.registry.exemplars.factories import make, payload

pytestmark = pytest.mark.django_db


def test_html_record_publish_edit_and_delete(client_as: Callable[[str], Client]) -> None:
    officer = client_as("camlam.officer")
    assert officer.get("/registry/exemplars/new/").status_code == 200
    form = {k: v for k, v in payload().items()}
    bad = officer.post("/registry/exemplars/new/", {**form, "story": ""})
    assert bad.status_code == 200 and Exemplar.objects.filter(name=form["name"]).count() == 0
    assert bad.context["form"].errors["story"]
    saved = officer.post("/registry/exemplars/new/", {**form, "initiative": ""})
    assert saved.status_code == 302
    exemplar = Exemplar.objects.get(name=form["name"])
    assert saved["Location"] == f"/registry/exemplars/{exemplar.pk}/"
    page = officer.get(saved["Location"]).content.decode()
    assert form["summary"] in page and f"/registry/exemplars/{exemplar.pk}/publish/" not in page
    leader = client_as("camlam.leader")
    assert f"/registry/exemplars/{exemplar.pk}/publish/" in leader.get(saved["Location"]).content.decode()
    assert leader.post(f"/registry/exemplars/{exemplar.pk}/publish/", {"version": 1}).status_code == 302
    exemplar.refresh_from_db()
    assert exemplar.is_published
    edit = officer.get(f"/registry/exemplars/{exemplar.pk}/edit/")
    assert edit.status_code == 200 and 'class="card warn"' in edit.content.decode()
    stale = officer.post(f"/registry/exemplars/{exemplar.pk}/edit/", {**form, "version": 1, "name": "Tên cũ"})
    # The page again with the input kept and the reason on top, as 409 (the kernel answers a stale
    # version so everywhere).
    assert stale.status_code == 409 and stale.context["form"].non_field_errors()
    officer.post(f"/registry/exemplars/{exemplar.pk}/edit/", {**form, "version": exemplar.version})
    exemplar.refresh_from_db()
    assert not exemplar.is_published
    listing = officer.get("/registry/exemplars/", {"q": "do van khoa", "published": "no"}).content.decode()
    assert f"/registry/exemplars/{exemplar.pk}/" in listing
    confirm = officer.get(f"/registry/exemplars/{exemplar.pk}/delete/")
    assert confirm.status_code == 200 and Exemplar.objects.filter(pk=exemplar.pk).exists()
    gone = officer.post(f"/registry/exemplars/{exemplar.pk}/delete/", {"version": exemplar.version})
    assert gone.status_code == 302 and not Exemplar.objects.filter(pk=exemplar.pk).exists()
    assert client_as("thanhsen.officer").get(f"/registry/exemplars/{exemplar.pk}/").status_code == 404


def test_a_refused_publishing_or_a_stale_delete_shows_the_page_again(
    client_as: Callable[[str], Client], actor: Callable[[str], Actor]
) -> None:
    exemplar = make(actor("camlam.officer"))
    services.exemplar_publish(actor=actor("camlam.leader"), exemplar_id=exemplar.pk, version=exemplar.version)
    leader = client_as("camlam.leader")
    again = leader.post(f"/registry/exemplars/{exemplar.pk}/publish/", {"version": 2})
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    assert exemplar.summary in again.content.decode()
    stale = leader.post(f"/registry/exemplars/{exemplar.pk}/unpublish/", {"version": 1})
    assert stale.status_code == 409 and stale.context["form"].non_field_errors()
    officer = client_as("camlam.officer")
    kept = officer.post(f"/registry/exemplars/{exemplar.pk}/delete/", {"version": 1})
    assert kept.status_code == 409 and kept.context["form"].non_field_errors()
    exemplar.refresh_from_db()
    assert exemplar.is_published and exemplar.version == 2
