"""The initiative types over the API: kept by the Ministry's administrators, each type an option of
the reporting indicator "initiatives by type"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from antq.reporting.models import IndicatorOption

pytestmark = pytest.mark.django_db


def test_types_are_kept_by_the_ministry_and_feed_the_by_type_indicator(
    api_as: Callable[[str], Client],
) -> None:
    payload = {
        "code": "fire_watch",
        "name": "Tổ liên gia an toàn phòng cháy",
        "measures": [{"code": "extinguishers", "name": "Số bình chữa cháy"}],
    }
    assert (
        api_as("camlam.administrator").post("/api/registry/types", payload, content_type="application/json").status_code
        == 403
    )
    response = api_as("bo.administrator").post("/api/registry/types", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert IndicatorOption.objects.filter(indicator__code="initiatives_by_type", code="fire_watch").exists()
    bad = api_as("bo.administrator").post(
        "/api/registry/types",
        {"code": "Bad Code", "name": "", "measures": [{"code": "x", "name": ""}]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert {"code", "name", "measures.0.code", "measures.0.name"} <= set(bad.json()["errors"])
