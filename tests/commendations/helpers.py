"""What the commendations tests share: payloads, calls through the API, and the usual way up."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from docx import Document

from antq.commendations.proposals import services
from antq.commendations.proposals.models import CommendationProposal
from antq.core.actor import Actor
from antq.core.documents import libreoffice_available
from antq.festivals.models import FestivalSite

API = "/api/commendations/proposals"
YEAR = 2026
SIGNER = "Phạm Quang Minh"
Clients = Callable[[str], Client]


def person(name: str, form: str = "certificate_of_merit", **extra: str) -> dict[str, str]:
    return {
        "kind": "individual",
        "name": name,
        "position": extra.get("position", "Trưởng thôn"),
        "organisation": extra.get("organisation", "Thôn Văn Thủy, xã Cam Lâm"),
        "achievement": extra.get("achievement", "Vận động Nhân dân giao nộp vũ khí."),
        "award_form": form,
    }


def collective(name: str, form: str = "certificate_of_merit") -> dict[str, str]:
    return {"kind": "collective", "name": name, "achievement": "Tổ chức tốt Ngày hội.", "award_form": form}


def call(client: Client, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
    return getattr(client, method)(path, payload or {}, content_type="application/json")


def create(
    client: Client,
    unit: str = "22453",
    level: str = "ministry",
    nominees: list[dict[str, str]] | None = None,
    **extra: Any,
) -> Any:
    """A draft proposal through the API; its memo names the signer (a numbered memo needs one)."""
    payload = {
        "unit": unit,
        "year": YEAR,
        "authority_level": level,
        "signer_name": SIGNER,
        "nominees": nominees
        if nominees is not None
        else [collective("Tổ bảo vệ ANTT thôn Văn Thủy"), person("Trần Thị Mai")],
        **extra,
    }
    return call(client, "post", API, payload)


def sent_up(leader: Actor, proposal: CommendationProposal, memo_number: str | None = None) -> CommendationProposal:
    """Through the service: the memo dated 3 August and sent up by a leader of the proposing unit."""
    day = dt.date(YEAR, 8, 3)
    return services.proposal_submit(
        actor=leader, proposal_id=proposal.pk, version=proposal.version, submitted_on=day, memo_number=memo_number
    )


def act(client: Client, proposal: dict[str, Any], action: str, **payload: Any) -> Any:
    return call(client, "post", f"{API}/{proposal['id']}/{action}", {"version": proposal["version"], **payload})


def site_of(commune: str) -> FestivalSite:
    site = FestivalSite.objects.filter(commune__code=commune, year=YEAR).exclude(state="cancelled").first()
    assert site is not None
    return site


def counts(client: Client, unit: str) -> dict[str, Any]:
    response = client.get(f"/api/commendations/counts?unit={unit}&year={YEAR}")
    assert response.status_code == 200, response.content
    return response.json()


def awarded(body: dict[str, Any], form: str, kind: str, level: str) -> int:
    return sum(
        r["awarded"]
        for r in body["rows"]
        if r["award_form"] == form and r["kind"] == kind and r["authority_level"] == level
    )


def submitted_to_ministry(api_as: Clients, **extra: Any) -> dict[str, Any]:
    """A Cam Lâm proposal for the Minister's Bằng khen, submitted and forwarded by the province."""
    proposal = create(api_as("camlam.officer"), **extra).json()
    proposal = act(api_as("camlam.leader"), proposal, "submit", submitted_on="2026-08-03", memo_number="15").json()
    return act(api_as("khanhhoa.leader"), proposal, "forward").json()


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def require_libreoffice() -> None:
    if not libreoffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")


def formset(rows: list[dict[str, str]], total: int | None = None) -> dict[str, str]:
    data = {"nominees-TOTAL_FORMS": str(total or len(rows)), "nominees-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"nominees-{index}-{key}"] = value
    return data
