"""Unit paths: the materialised chain of codes (`VN/42/18073/`) every scope filter ranges over."""

from __future__ import annotations

from django.db.models import Q

PATH_SEPARATOR = "/"


def subtree_q(path: str, field: str = "path") -> Q:
    """Everything whose path starts with `path` (which ends with '/'), as an index range.

    A range works with a plain B-tree index on both SQLite and PostgreSQL, unlike LIKE 'x%',
    which SQLite (case-insensitive LIKE) cannot serve from an index.
    """
    upper = path[:-1] + chr(ord(PATH_SEPARATOR) + 1)
    return Q(**{f"{field}__gte": path, f"{field}__lt": upper})
