"""Check digits and normal forms of the identifiers Hungarian records carry.

Pure functions: each ``normalize_*`` returns the canonical form of a valid identifier or
``None`` when the input is not one. Field types turn ``None`` into a message naming the field.
"""

import re

_SEPARATORS = re.compile("[\\s\\-\u2010\u2011\u2012\u2013\u2014.]")


def _compact(value: str) -> str:
    return _SEPARATORS.sub("", value or "").upper()


# --- ISBN ------------------------------------------------------------------------------------


def isbn10_check_digit(first_nine: str) -> str:
    total = sum((10 - index) * int(digit) for index, digit in enumerate(first_nine))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def isbn13_check_digit(first_twelve: str) -> str:
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(first_twelve))
    return str((10 - total % 10) % 10)


def normalize_isbn(value: str) -> str | None:
    """ISBN-10 (mod 11, ``X`` allowed) or ISBN-13 (978/979) without separators."""
    code = _compact(value)
    if code.startswith("ISBN"):
        code = code[4:].lstrip(":")
    if re.fullmatch(r"\d{9}[\dX]", code):
        return code if isbn10_check_digit(code[:9]) == code[9] else None
    if re.fullmatch(r"97[89]\d{10}", code):
        return code if isbn13_check_digit(code[:12]) == code[12] else None
    return None


def isbn10_to_isbn13(isbn10: str) -> str:
    body = "978" + isbn10[:9]
    return body + isbn13_check_digit(body)


# --- ISSN ------------------------------------------------------------------------------------


def issn_check_digit(first_seven: str) -> str:
    total = sum((8 - index) * int(digit) for index, digit in enumerate(first_seven))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def normalize_issn(value: str) -> str | None:
    """``NNNN-NNNC`` with the mod 11 check digit (``X`` for 10)."""
    code = _compact(value)
    if code.startswith("ISSN"):
        code = code[4:].lstrip(":")
    if not re.fullmatch(r"\d{7}[\dX]", code) or issn_check_digit(code[:7]) != code[7]:
        return None
    return f"{code[:4]}-{code[4:]}"


# --- Hungarian tax number (adószám) -----------------------------------------------------------

TAX_WEIGHTS = (9, 7, 3, 1, 9, 7, 3)
# 02-20 and 22-40: counties; 41-43: Budapest; 44 and 51: large taxpayers.
TAX_TERRITORIAL_CODES = frozenset(
    [*range(2, 21), *range(22, 45), 51]
)  # fmt: skip


def tax_number_check_digit(first_seven: str) -> int:
    total = sum(weight * int(digit) for weight, digit in zip(TAX_WEIGHTS, first_seven, strict=True))
    return (10 - total % 10) % 10


def normalize_tax_number(value: str) -> str | None:
    """``xxxxxxxx-y-zz``: check digit 8, VAT code 1-5 and a territorial code in use."""
    match = re.fullmatch(r"(\d{8})-?(\d)-?(\d{2})", re.sub(r"\s", "", value or ""))
    if not match:
        return None
    base, vat, territory = match.groups()
    if tax_number_check_digit(base[:7]) != int(base[7]):
        return None
    if not 1 <= int(vat) <= 5 or int(territory) not in TAX_TERRITORIAL_CODES:
        return None
    return f"{base}-{vat}-{territory}"


# --- Hungarian phone numbers ------------------------------------------------------------------

MOBILE_CODES = frozenset({"20", "30", "31", "50", "70"})
SEVEN_DIGIT_CODES = MOBILE_CODES | {"21"}
GEOGRAPHIC_CODES = frozenset(
    str(code) for code in (
        22, 23, 24, 25, 26, 27, 28, 29, 32, 33, 34, 35, 36, 37, 42, 44, 45, 46, 47, 48, 49, 52,
        53, 54, 56, 57, 59, 62, 63, 66, 68, 69, 72, 73, 74, 75, 76, 77, 78, 79, 82, 83, 84, 85,
        87, 88, 89, 92, 93, 94, 95, 96, 99,
    )
)  # fmt: skip
SIX_DIGIT_CODES = GEOGRAPHIC_CODES | {"40", "80", "90"}


def _national_number(value: str) -> str | None:
    text = (value or "").strip()
    if not text or re.search(r"[^\d\s()+/.\-]", text):
        return None
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        return digits[2:] if digits.startswith("36") else None
    if digits.startswith("0036"):
        return digits[4:]
    if digits.startswith("06"):
        return digits[2:]
    return digits


def normalize_phone(value: str) -> str | None:
    """A Hungarian number in the display form ``+36 1 234 5678``, ``+36 30 123 4567``,
    ``+36 92 510 123``; foreign and malformed numbers give ``None``."""
    number = _national_number(value)
    if not number:
        return None
    if number.startswith("1") and len(number) == 8:
        return f"+36 1 {number[1:4]} {number[4:]}"
    code, subscriber = number[:2], number[2:]
    if code in SEVEN_DIGIT_CODES and len(subscriber) == 7:
        return f"+36 {code} {subscriber[:3]} {subscriber[3:]}"
    if code in SIX_DIGIT_CODES and len(subscriber) == 6:
        return f"+36 {code} {subscriber[:3]} {subscriber[3:]}"
    return None
