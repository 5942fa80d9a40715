"""Plans for the tests, written through the API as a client would."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

YEAR = timezone.localdate().year + 1  # next season: plans for it may be issued today
TODAY = timezone.localdate()
SIGNER = "Trần Văn Ký"


def create_plan(client: Client, issuer: str, parent: int | None, **extra: object) -> dict[str, Any]:
    payload = {
        "issuer": issuer,
        "parent_plan": parent,
        "year": YEAR,
        "title": f"Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {YEAR}",
        "window_start": f"{YEAR}-07-01",
        "window_end": f"{YEAR}-08-19",
        **extra,
    }
    response = client.post("/api/plans", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    body: dict[str, Any] = response.json()
    return body


def issue(client: Client, plan: dict[str, Any], number: str, **extra: object) -> Any:
    """The response to issuing `plan` today with `number`, signed by SIGNER unless `extra` says."""
    payload = {"version": plan["version"], "number": number, "issued_on": TODAY.isoformat(), "signer_name": SIGNER}
    return client.post(f"/api/plans/{plan['id']}/issue", {**payload, **extra}, content_type="application/json")
