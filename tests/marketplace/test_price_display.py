"""How a listing's price reads on its page: no empty yen sign or empty brackets when an end or the unit is missing."""

import pytest
from django.utils import translation

from marketplace.models import SolutionListing
from marketplace.templatetags.marketplace_tags import listing_price


def _price(**fields) -> str:
    return listing_price(SolutionListing(**fields))


@pytest.mark.parametrize(
    ("fields", "english", "japanese_part"),
    [
        ({"price_min_jpy": 1_200_000}, "from ¥1,200,000", "¥1,200,000"),
        ({"price_max_jpy": 50_000}, "up to ¥50,000", "¥50,000"),
        ({"price_min_jpy": 10_000, "price_max_jpy": 30_000}, "¥10,000 – ¥30,000", "¥10,000"),
        ({"price_min_jpy": 30_000, "price_max_jpy": 30_000}, "¥30,000", "¥30,000"),
        ({}, "On request", "要問い合わせ"),
    ],
)
def test_a_price_with_an_open_end_or_no_unit_reads_without_empty_parts(fields, english, japanese_part):
    with translation.override("en"):
        assert _price(**fields) == english
    with translation.override("ja"):
        text = _price(**fields)
    assert japanese_part in text and "()" not in text and not text.endswith("¥")


def test_the_unit_is_named_when_the_vendor_gave_one():
    with translation.override("en"):
        text = _price(price_min_jpy=20_000, price_unit="monthly")
    assert text.startswith("from ¥20,000 (") and text.endswith(")") and "month" in text.lower()
