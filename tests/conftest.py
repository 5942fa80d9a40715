"""Shared fixtures. The test database holds the real unit tree (Decision 19/2025 and the
pre-2025 units, loaded by the same loader as `make run`) and the demo accounts, built once per
session; every test runs in a transaction that is rolled back."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.test import Client, override_settings

from antq.accounts.models import User
from antq.accounts.services import token_create
from antq.core.actor import Actor
from antq.core.demo import demo_seed
from antq.units.loader import units_load
from tests.helpers import login
from tests.permissions import (  # noqa: F401 (the matrix's fixtures)
    matrix_api_secrets,
    matrix_case,
    matrix_sessions,
    matrix_targets,
)


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Uploaded and generated files of this test process (each xdist worker has its own)."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        units_load()
        demo_seed()


@pytest.fixture
def user(db: None) -> Callable[[str], User]:
    def get(username: str) -> User:
        return User.objects.get(username=username)

    return get


@pytest.fixture
def actor(user: Callable[[str], User]) -> Callable[[str], Actor]:
    return lambda username: Actor.of(user(username))


@pytest.fixture
def client_as(user: Callable[[str], User]) -> Callable[[str], Client]:
    def make(username: str) -> Client:
        return login(Client(), user(username))

    return make


@pytest.fixture
def api_as(user: Callable[[str], User]) -> Callable[[str], Client]:
    """A client that calls the API with a bearer token, as a script or mobile app would."""

    def make(username: str) -> Client:
        account = user(username)
        _token, secret = token_create(actor=Actor.of(account), name="test")
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make


@pytest.fixture(autouse=True)
def fresh_catalogue_cache() -> None:
    """Tests change the catalogue through the ORM, not the services that bump its generation."""
    from antq.reporting.catalogue.selectors import catalogue_cache_clear

    catalogue_cache_clear()


@pytest.fixture(autouse=True)
def jobs_run_immediately(settings) -> None:  # type: ignore[no-untyped-def]
    """Background jobs run inside `enqueue` in tests (the embedded default uses a thread)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
