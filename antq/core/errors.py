"""Domain errors. Services raise these; they become HTTP in exactly two places: the API's
exception handlers (config/api.py) and `antq.core.middleware.DomainErrorMiddleware` for HTML views.

Messages are user-facing (Vietnamese through gettext) and name the field that is wrong and what
would be right.
"""

from __future__ import annotations

from collections.abc import Mapping


class DomainError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: str = "", *, errors: Mapping[str, str] | None = None) -> None:
        self.errors: dict[str, str] = dict(errors or {})
        self.message = message or "; ".join(self.errors.values())
        super().__init__(self.message)


class ValidationFailed(DomainError):
    """Input breaks a rule. `errors` maps field name -> message naming what would be right."""

    status = 422
    code = "validation_failed"


class NotFound(DomainError):
    """Missing *or* outside the actor's scope: the two must look identical."""

    status = 404
    code = "not_found"


class Forbidden(DomainError):
    """The actor can see the object but their role does not allow this action on it."""

    status = 403
    code = "forbidden"


class Conflict(DomainError):
    """Someone else changed the object since the actor loaded it (optimistic locking)."""

    status = 409
    code = "conflict"


class BadRequest(DomainError):
    """The request itself cannot be read (a multipart body without its boundary, say)."""

    status = 400
    code = "bad_request"
