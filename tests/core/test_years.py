"""A year is never written with a thousands separator ("2.026"): not in headings, tables and
boxes, and not in links, where "year=2.026" broke the filter of the page it opened (issue 18)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from antq.core.forms import YearField
from antq.plans.models import Plan
from antq.registry.models import Exemplar

pytestmark = pytest.mark.django_db

GROUPED_YEAR = re.compile(
    r"(year=|value=\"|[Nn]ăm |, |\()2[.\u00a0 ,]0\d\d(?![\d])|<td[^>]*>2\.0\d\d–|<dd>2\.0\d\d</dd>|<li>2\.0\d\d:"
)


def _pages() -> list[str]:
    plan = Plan.objects.get(issuer__code="56", year=2026)
    exemplar = Exemplar.objects.filter(province__code="56").first()
    assert exemplar is not None
    return [
        "/dashboard/",
        "/dashboard/?unit=56",
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/board/",
        "/plans/?year=2026",
        "/sites/?year=2026",
        "/sites/map/?year=2026",
        "/sites/calendar/?year=2026",
        "/registry/exemplars/?year=2026",
        f"/registry/exemplars/{exemplar.pk}/",
        f"/registry/exemplars/{exemplar.pk}/delete/",
        "/registry/pledges/?year=2026",
        "/commendations/?year=2026",
        "/audit/",
        "/reports/indicators/",
    ]


@pytest.mark.parametrize("username", ["khanhhoa.leader", "bo.administrator"])
def test_no_page_writes_a_year_with_a_separator(client_as: Callable[[str], Client], username: str) -> None:
    client = client_as(username)
    for url in _pages():
        response = client.get(url)
        if response.status_code != 200:
            assert response.status_code in (403, 404), (url, response.status_code)
            continue
        found = GROUPED_YEAR.search(response.content.decode())
        assert found is None, f"{url}: …{response.content.decode()[max(0, found.start() - 80) : found.end() + 20]}…"


def test_the_dashboard_links_carry_the_year_as_digits(client_as: Callable[[str], Client]) -> None:
    body = client_as("khanhhoa.leader").get("/dashboard/?unit=56").content.decode()
    assert "/registry/exemplars/?unit=56&year=2026" in body or "/registry/exemplars/?unit=56&amp;year=2026" in body


@pytest.mark.parametrize("typed", ["2026", "2.026", "2 026", " 2026 "])
def test_a_year_box_reads_a_grouped_year_from_an_older_link(typed: str) -> None:
    assert YearField().clean(typed) == 2026


def test_a_year_box_still_refuses_what_is_not_a_year() -> None:
    for typed in ("2.0266", "20.26", "1.999.999", "abc"):
        with pytest.raises(ValidationError):
            YearField().clean(typed)
