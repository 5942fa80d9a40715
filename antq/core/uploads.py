"""A file that passed an import's dry run, kept private to its uploader until they confirm it, so
nobody has to upload it twice (festival sites, report figures). The token names the file; only a
hexadecimal token of the same account is ever read, so a token cannot reach another file."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from django.conf import settings

from antq.core.actor import Actor

KEPT_DIR = "imports"
TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _path(actor: Actor, kind: str, token: str) -> Path | None:
    if not TOKEN.match(token or ""):
        return None
    return Path(settings.MEDIA_ROOT) / KEPT_DIR / f"{kind}-{actor.user_id}-{token}"


def kept_file_save(*, actor: Actor, kind: str, data: bytes) -> str:
    """Keep `data` for the actor's confirmation of a `kind` import; returns its token."""
    token = uuid.uuid4().hex
    path = _path(actor, kind, token)
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return token


def kept_file_read(*, actor: Actor, kind: str, token: str) -> bytes | None:
    """The file the actor kept under `token`; None when it is gone or the token is not theirs."""
    path = _path(actor, kind, token)
    return path.read_bytes() if path is not None and path.exists() else None


def kept_file_drop(*, actor: Actor, kind: str, token: str) -> None:
    path = _path(actor, kind, token)
    if path is not None:
        path.unlink(missing_ok=True)
