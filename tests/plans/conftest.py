from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.plans.factories import YEAR, create_plan, issue


@pytest.fixture
def cascade(api_as: Callable[[str], Client]) -> dict[str, dict]:
    """An issued central plan and an issued Khánh Hòa plan for next season."""
    ministry = api_as("bo.officer")
    central = create_plan(ministry, "VN", None, lower_plan_due_on=f"{YEAR}-06-01", target_sites_per_commune=1)
    central = issue(ministry, central, "172").json()
    province_client = api_as("khanhhoa.officer")
    province = create_plan(
        province_client,
        "56",
        central["id"],
        window_start=f"{YEAR}-07-05",
        window_end=f"{YEAR}-08-15",
        site_registration_due_on=f"{YEAR}-06-30",
    )
    province = issue(province_client, province, "4955").json()
    return {"central": central, "province": province}
