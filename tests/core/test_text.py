"""Numbers as Vietnamese officials write them: money summarised in words, on pages and in documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from antq.core.templatetags.antq import money
from antq.core.text import format_money_short


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (34_850_000_000, "34,85 tỷ đồng"),
        (34_900_000_000, "34,9 tỷ đồng"),
        (35_000_000_000, "35 tỷ đồng"),
        (34_855_000_000, "34,86 tỷ đồng"),  # half up, not to the even digit
        (34_845_000_000, "34,85 tỷ đồng"),
        (Decimal("1234567890123"), "1.234,57 tỷ đồng"),
        (999_995_000, "1 tỷ đồng"),
        (999_000_000, "999 triệu đồng"),
        (3_500_000, "3,5 triệu đồng"),
        (12_345_678, "12,35 triệu đồng"),
        (850_000, "850.000 đồng"),
        (None, ""),
    ],
)
def test_money_summary_rounds_half_up_to_two_decimals(amount: int | Decimal | None, expected: str) -> None:
    assert format_money_short(amount) == expected


def test_money_filter_on_pages_uses_the_same_rule() -> None:
    assert money(34_850_000_000) == "34,85 tỷ đồng"
    assert money(Decimal("34850000000.00")) == "34,85 tỷ đồng"
    assert money("") == ""
