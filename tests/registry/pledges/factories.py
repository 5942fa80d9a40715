"""What the pledges' tests build on: a pledge as the API takes it, and a held festival site."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

from antq.festivals.models import FestivalSite, SiteState

TODAY = timezone.localdate()


def payload(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit": "22453",
        "signed_on": TODAY.isoformat(),
        "title": "Giao ước thi đua bảo vệ ANTQ giữa Công an xã và các thôn",
        "content": "Không để xảy ra trọng án; 100% hộ gia đình ký cam kết không vi phạm pháp luật.",
        "parties": "Ủy ban MTTQ xã Cam Lâm; Hội Cựu chiến binh xã",
        "party_units": ["22453-0001", "22453-0002"],
        "households": 1850,
    }
    data.update(overrides)
    return data


def post(client: Client, path: str, data: dict[str, Any]) -> Any:
    return client.post(path, data, content_type="application/json")


def site_in(commune: str) -> FestivalSite:
    """A site of the demo season in `commune` that is not cancelled and whose day has come."""
    for site in (
        FestivalSite.objects.filter(commune__code=commune).exclude(state=SiteState.CANCELLED).order_by("starts_at")
    ):
        if timezone.localtime(site.starts_at).date() <= TODAY:
            return site
    raise AssertionError(f"the demo season has a held site in {commune}")


def day_of(site: FestivalSite) -> str:
    return timezone.localtime(site.starts_at).date().isoformat()
