"""Amounts as data."""

from __future__ import annotations

import pytest

from kg.extract.quantities import measured_unit, parse_amount


@pytest.mark.parametrize(
    "text, expected",
    [
        ("26", (26.0, None)),
        ("more than 3,800", (3800.0, "more than")),
        ("up to 20,000", (20000.0, "up to")),
        ("around 2,500", (2500.0, "around")),
        ("below $42,000", (42000.0, "below")),
        ("(dollar)42,000", (42000.0, None)),
        ("12%", (12.0, None)),
        ("$1.5bn", (1.5e9, None)),
        ("£10m", (1e7, None)),
        ("two", (2.0, None)),
        ("nearly 40 million", (4e7, "nearly")),
        ("Dozens", None),
    ],
)
def test_parse_amount(text: str, expected: tuple[float, str | None] | None) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    "text, unit",
    [
        ("about 5 million tonnes", "tonnes"),
        ("1.4 billion cubic feet", "cubic feet"),
        ("more than 80,000 barrels", "barrels"),
        ("two miles", "miles"),
        ("40-0", None),
    ],
)
def test_a_measure_s_unit_is_its_words_without_number_scale_and_qualifier(text: str, unit: str | None) -> None:
    # "taking 5 million tonnes of LNG a year" was 5000000 with no unit
    assert measured_unit(text) == unit
