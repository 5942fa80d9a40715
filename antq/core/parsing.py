"""The API's request parser: JSON bodies and query strings go through the one text rule
(`antq.core.text.clean_text`) before any schema sees them, so no endpoint can store a control
character, and a lone surrogate anywhere in a body is refused naming where it is."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser

from antq.core.text import clean_text, has_lone_surrogate


class UnreadableText(ValueError):
    """A text value the API cannot store (a lone UTF-16 surrogate), at `field` ("rows.2.name")."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def cleaned(value: Any, path: tuple[str, ...] = ()) -> Any:
    """`value` (decoded JSON) with the text rule applied to every string, keys included."""
    if isinstance(value, str):
        if has_lone_surrogate(value):
            raise UnreadableText(".".join(path) or "body")
        return clean_text(value)
    if isinstance(value, list):
        return [cleaned(item, (*path, str(i))) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {cleaned(key, path): cleaned(item, (*path, str(key))) for key, item in value.items()}
    return value


class CleanParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        return cleaned(json.loads(request.body))

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key in data.keys():
            values = data.getlist(key) if key in list_fields else data[key]
            result[key] = cleaned(values, (key,))  # files pass through unchanged
        return result
