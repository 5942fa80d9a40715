"""What the exemplars' tests build on: an exemplar as the API takes it, and one recorded through
the service."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

from antq.core.actor import Actor
from antq.registry.exemplars import services
from antq.registry.exemplars.models import Exemplar
from antq.registry.exemplars.services import ExemplarInput

THIS_YEAR = timezone.localdate().year


def payload(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit": "22453-0001",
        "kind": "individual",
        "category": "good_deed",
        "name": "Ông Đỗ Văn Khoa",
        "position": "Tổ trưởng Tổ bảo vệ ANTT thôn Tân Hải",
        "year": THIS_YEAR,
        "summary": "Phát hiện, cùng Công an xã bắt giữ đối tượng trộm cắp xe máy.",
        "story": "Đêm 12/3, ông Hùng phát hiện hai đối tượng lạ đẩy xe máy ra khỏi xóm...",
    }
    data.update(overrides)
    return data


def make(actor: Actor, **overrides: Any) -> Exemplar:
    data = payload(**overrides)
    return services.exemplar_create(
        actor=actor,
        data=ExemplarInput(
            unit_code=data["unit"],
            kind=data["kind"],
            category=data["category"],
            name=data["name"],
            position=data["position"],
            year=data["year"],
            summary=data["summary"],
            story=data["story"],
            initiative_id=data.get("initiative"),
        ),
    )


def post(client: Client, path: str, data: dict[str, Any]) -> Any:
    return client.post(path, data, content_type="application/json")
