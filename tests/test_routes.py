"""Every route has a row in the permission matrix, and every row a route."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from config.api import api
from tests.permissions import Row

TESTS = Path(__file__).resolve().parent


def matrix_rows() -> list[Row]:
    """The rows of every app's tests/<app>/.../test_permissions.py."""
    rows: list[Row] = []
    for path in sorted(TESTS.rglob("test_permissions.py")):
        module = ".".join(("tests", *path.relative_to(TESTS).with_suffix("").parts))
        rows.extend(importlib.import_module(module).ROWS)
    return rows


def _html_route_names() -> Iterator[str]:
    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith("api/"):
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            else:
                yield f"{namespace}{pattern.name}"

    yield from walk(get_resolver().url_patterns, "")


def _api_operations() -> Iterator[str]:
    schema = api.get_openapi_schema()
    for template, operations in schema["paths"].items():
        for method in operations:
            yield f"{method.upper()} {template.rstrip('/')}"
    yield "GET /api/openapi.json"
    yield "GET /api/docs"


def test_every_route_has_a_row() -> None:
    rows = matrix_rows()
    covered = [row.route for row in rows]
    duplicated = sorted({route for route in covered if covered.count(route) > 1})
    assert not duplicated, f"routes with two rows in the permission matrix: {duplicated}"
    routes = set(_html_route_names()) | set(_api_operations())
    missing = sorted(routes - set(covered))
    assert not missing, f"routes without a row in the permission matrix: {missing}"
    stale = sorted(set(covered) - routes)
    assert not stale, f"matrix rows for routes that no longer exist: {stale}"
