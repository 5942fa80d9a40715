from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import ConfigDict


class HealthOut(Schema):
    status: str
    database: str


class JobOut(Schema):
    id: str
    label: str
    state: str
    progress: int
    message: str
    file_name: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    file_url: str | None


class VersionIn(Schema):
    """The body of an action that changes a record and nothing else: the version the caller
    loaded (a stale one is refused with 409)."""

    model_config = ConfigDict(extra="forbid")

    version: int
