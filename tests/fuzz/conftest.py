"""Requests that schemathesis sends through the WSGI app run inside the test's transaction, as the
test client's do: Django's handler would close the database connection at the end of each request
(`close_old_connections` on request_started/finished), which on PostgreSQL ends the test's
transaction ("the connection is closed"). Django's test client unhooks it the same way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@pytest.fixture(autouse=True)
def connections_stay_open() -> Iterator[None]:
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
