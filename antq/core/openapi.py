"""The error answers in the OpenAPI description (issue 18): every operation documents the one
error shape `{code, message, errors}` for the statuses it can answer with — 400 (unreadable
body), 401 (no or a bad token, when the operation needs one), 403 (role), 404 (missing or outside
the caller's area: the same answer), 409 (someone else's change, on writes), 422 (a field is
wrong: `errors` names it) and 500. An operation that documents its own 422 body (an import's
problem list) keeps it."""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA: dict[str, Any] = {
    "title": "ErrorOut",
    "type": "object",
    "description": "Every error answer of the API.",
    "properties": {
        "code": {
            "type": "string",
            "description": "Machine-readable: validation_failed, not_found, forbidden, conflict, unauthenticated, "
            "bad_request, csrf_failed, server_error",
        },
        "message": {"type": "string", "description": "What is wrong, in the user's language (Vietnamese first)"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "Field -> what is wrong with it (dotted paths inside lists: rows.2.name)",
        },
    },
    "required": ["code", "message", "errors"],
}
DESCRIPTIONS = {
    "400": "The request cannot be read (not JSON, a multipart body without its boundary)",
    "401": "No token or session, or the token is unknown, expired or revoked",
    "403": "Your role does not allow this (or the CSRF check failed for a browser session)",
    "404": "Missing, or outside your area (the same answer)",
    "409": "Someone else changed it after you loaded it: reload and try again",
    "422": "A value is wrong: `errors` names each field",
    "500": "The server could not finish; nothing was saved",
}
WRITES = {"post", "put", "patch", "delete"}


def with_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    schema.setdefault("components", {}).setdefault("schemas", {})["ErrorOut"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "head", *WRITES}:
                continue
            statuses = ["400", "403", "404", "422", "500"]
            if operation.get("security"):
                statuses.append("401")
            if method in WRITES:
                statuses.append("409")
            responses = operation.setdefault("responses", {})
            for status in sorted(statuses):
                responses.setdefault(status, {"description": DESCRIPTIONS[status], "content": reference})
    return schema


def problems_or_error(schema_name: str) -> dict[str, Any]:
    """`openapi_extra` for an operation whose 422 is either its own problem list (an import's rows)
    or the one error shape (a field of the request itself is wrong)."""
    either = {"anyOf": [{"$ref": f"#/components/schemas/{schema_name}"}, {"$ref": "#/components/schemas/ErrorOut"}]}
    return {
        "responses": {
            "422": {
                "description": "The file has problems (listed by row), or a field of the request is wrong",
                "content": {"application/json": {"schema": either}},
            }
        }
    }
