from __future__ import annotations

import pytest

from antq.plans.models import Plan


@pytest.fixture
def commune_plan() -> Plan:
    """Xã Cam Lâm's plan of the demo season."""
    return Plan.objects.get(issuer__code="22453", year=2026)
