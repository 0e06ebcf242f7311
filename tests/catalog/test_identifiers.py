"""Check digits of ISBN, ISSN and Hungarian tax numbers; Hungarian phone numbers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kozkincs.catalog import identifiers

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("978-963-07-7977-6", None),
        ("978-0-306-40615-7", "9780306406157"),
        ("ISBN 978 0 306 40615 7", "9780306406157"),
        ("0-306-40615-2", "0306406152"),
        ("080442957X", "080442957X"),
        ("0-8044-2957-x", "080442957X"),
        ("978-0-306-40615-8", None),
        ("977-0-306-40615-7", None),
        ("12345", None),
        ("", None),
    ],
)
def test_isbn(raw, expected):
    assert identifiers.normalize_isbn(raw) == expected


def test_hungarian_isbns_with_computed_check_digits():
    body = "978963117391"
    valid = body + identifiers.isbn13_check_digit(body)
    assert identifiers.normalize_isbn(f"{valid[:3]}-{valid[3:6]}-{valid[6:]}") == valid
    wrong = body + str((int(valid[-1]) + 1) % 10)
    assert identifiers.normalize_isbn(wrong) is None


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_every_isbn10_with_its_check_digit_is_valid_and_converts(first_nine):
    isbn = first_nine + identifiers.isbn10_check_digit(first_nine)
    assert identifiers.normalize_isbn(isbn) == isbn
    assert identifiers.normalize_isbn(identifiers.isbn10_to_isbn13(isbn)) is not None


@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(1, 9))
def test_a_changed_isbn13_check_digit_is_invalid(tail, shift):
    body = "978" + tail
    check = int(identifiers.isbn13_check_digit(body))
    assert identifiers.normalize_isbn(body + str((check + shift) % 10)) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0317-8471", "0317-8471"),
        ("03178471", "0317-8471"),
        ("ISSN 2049-3630", "2049-3630"),
        ("0317-8472", None),
        ("0317-847", None),
    ],
)
def test_issn(raw, expected):
    assert identifiers.normalize_issn(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10773381-2-44", "10773381-2-44"),  # Magyar Telekom Nyrt.
        ("10773381244", "10773381-2-44"),
        ("10773381-2-20", "10773381-2-20"),
        ("10773382-2-44", None),  # wrong check digit
        ("10773381-6-44", None),  # VAT code 6
        ("10773381-2-21", None),  # unused territorial code
        ("10773381-2-01", None),
        ("1077338-2-44", None),
        ("abc", None),
    ],
)
def test_tax_number(raw, expected):
    assert identifiers.normalize_tax_number(raw) == expected


@given(st.text(alphabet="0123456789", min_size=7, max_size=7), st.integers(1, 5))
def test_every_tax_number_with_its_check_digit_is_valid(first_seven, vat):
    base = first_seven + str(identifiers.tax_number_check_digit(first_seven))
    assert identifiers.normalize_tax_number(f"{base}-{vat}-20") == f"{base}-{vat}-20"
    wrong = first_seven + str((int(base[-1]) + 3) % 10)
    assert identifiers.normalize_tax_number(f"{wrong}-{vat}-20") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+36 92 510 123", "+36 92 510 123"),
        ("06-92/510-123", "+36 92 510 123"),
        ("(92) 510-123", "+36 92 510 123"),
        ("0036 30 123 4567", "+36 30 123 4567"),
        ("06 30 123 4567", "+36 30 123 4567"),
        ("+36-1-234-5678", "+36 1 234 5678"),
        ("06 1 234 5678", "+36 1 234 5678"),
        ("+36 30 123 456", None),  # a digit short
        ("06 92 510 1234", None),  # a digit too many
        ("+44 20 7946 0958", None),  # not Hungarian
        ("06 38 123 456", None),  # no such area code
        ("hívjon bármikor", None),
        ("", None),
    ],
)
def test_phone(raw, expected):
    assert identifiers.normalize_phone(raw) == expected


@given(st.sampled_from(sorted(identifiers.MOBILE_CODES)), st.integers(0, 9_999_999))
def test_normalised_mobile_numbers_are_stable(code, subscriber):
    normal = identifiers.normalize_phone(f"06{code}{subscriber:07d}")
    assert normal is not None and normal.startswith(f"+36 {code} ")
    assert identifiers.normalize_phone(normal) == normal
