"""Dates and periods as Hungarian editors write them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kozkincs.catalog.periods import parse_period

EN_DASH = "\u2013"


@pytest.mark.parametrize(
    ("raw", "text", "start", "end"),
    [
        ("1747", "1747", 1747, 1747),
        ("1747-1769", f"1747{EN_DASH}1769", 1747, 1769),
        (f"1747 {EN_DASH} 1769", f"1747{EN_DASH}1769", 1747, 1769),
        ("18. század", "18. század", 1700, 1799),
        ("XVIII. század", "18. század", 1700, 1799),
        ("18. sz.", "18. század", 1700, 1799),
        ("18. század második fele", "18. század második fele", 1750, 1799),
        ("19. század eleje", "19. század eleje", 1800, 1829),
        ("1890-es évek", "1890-es évek", 1890, 1899),
        ("1880-as évek", "1880-as évek", 1880, 1889),
        ("1800-as évek", "1800-as évek", 1800, 1899),
        ("2000-es évek", "2000-es évek", 2000, 2009),
        ("1920 körül", "1920 körül", 1915, 1925),
        ("kb. 1920", "1920 körül", 1915, 1925),
        ("1920 k.", "1920 körül", 1915, 1925),
    ],
)
def test_understood_periods(raw, text, start, end):
    period = parse_period(raw)
    assert (period.text, period.start, period.end) == (text, start, end)


@pytest.mark.parametrize(
    "raw", ["", "régen", "1769-1747", "25. század", "1895-ös évek", "18. század reggele", "99999"]
)
def test_garbage_is_not_a_period(raw):
    assert parse_period(raw) is None


@given(st.integers(1, 2100), st.integers(0, 300))
def test_a_normalised_range_parses_to_itself(start, length):
    end = min(start + length, 2100)
    period = parse_period(f"{start}-{end}")
    assert (period.start, period.end) == (start, end)
    assert parse_period(period.text) == period
