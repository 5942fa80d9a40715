from __future__ import annotations

from typing import Any

import pytest

from tests.commendations.helpers import Clients, act, site_of, submitted_to_ministry


@pytest.fixture
def decided(api_as: Clients) -> dict[str, Any]:
    """A Cam Lâm proposal decided by the Ministry (decision 3125/QĐ-BCA), handed over at a site."""
    proposal = submitted_to_ministry(api_as, festival_site=site_of("22453").pk)
    return act(
        api_as("bo.leader"), proposal, "decide", number="3125", decided_on="2026-08-12", signer_name="Trần Đức Hải"
    ).json()
