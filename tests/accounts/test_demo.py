"""`make run`'s demo data: `manage.py demo_seed` runs every app's registered step, in layer order,
and a second run keeps what exists (the session's database was seeded by the same steps)."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from antq.accounts.models import User
from antq.core import demo
from antq.festivals.models import FestivalSite

pytestmark = pytest.mark.django_db


def test_every_app_with_demo_data_registered_its_step_and_they_run_in_layer_order() -> None:
    demo.demo_seed()  # discovers the steps (idempotent here)
    order = [config.label for config in apps.get_app_configs() if config.label in demo._STEPS]
    assert order[:3] == ["accounts", "festivals", "reporting"], order
    assert {"registry"} <= set(order) and len(order) == len(demo._STEPS)


def test_a_second_run_keeps_what_exists() -> None:
    users, sites = User.objects.count(), FestivalSite.objects.count()
    out = io.StringIO()
    call_command("demo_seed", stdout=out)
    assert "đã có" in out.getvalue()
    assert (User.objects.count(), FestivalSite.objects.count()) == (users, sites)
