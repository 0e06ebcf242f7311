"""Dates and periods as Hungarian editors write them, with a sortable year range.

``parse_period("1747-1769")`` gives ``Period("1747\u20131769", 1747, 1769)`` (an en dash).
Understood forms: a year, a year range, ``18. század`` (also Roman numerals and ``eleje``,
``első fele``, ``közepe``, ``második fele``, ``vége``), ``1890-es évek`` (``1800-as évek`` is a
century, ``2000-es évek`` a decade), ``1920 körül`` (also ``kb. 1920``, ``1920 k.``,
``ca. 1920``). A century is taken in the everyday sense: ``18. század`` = 1700 to 1799.
"""

import re
from dataclasses import dataclass

CIRCA_SPREAD = 5
MIN_YEAR, MAX_YEAR = 1, 2100

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_CENTURY_PARTS = {
    "eleje": (0, 29),
    "első fele": (0, 49),
    "közepe": (35, 65),
    "második fele": (50, 99),
    "vége": (70, 99),
}
_YEAR = r"(\d{1,4})"
_RANGE = re.compile(rf"^{_YEAR}\s*(?:[-\u2010\u2011\u2012\u2013\u2014]|\s-\s)\s*{_YEAR}$")
_CENTURY = re.compile(r"^([0-9]{1,2}|[IVXLC]+)\.?\s*(?:sz\.|század)\s*(.*)$", re.IGNORECASE)
_DECADE = re.compile(r"^(\d{3,4})\s*-?\s*(?:as|es|ás|és)\s+évek$", re.IGNORECASE)
_CIRCA = re.compile(rf"^(?:(?:kb\.?|ca\.?|c\.|circa)\s*{_YEAR}|{_YEAR}\s*(?:körül|k\.))$", re.I)


@dataclass(frozen=True)
class Period:
    text: str
    start: int
    end: int

    def as_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


def _roman_to_int(numeral: str) -> int | None:
    values = [_ROMAN.get(char) for char in numeral.upper()]
    if None in values:
        return None
    total = 0
    for index, value in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else 0
        total += -value if value < following else value
    return total


def _century(match: re.Match) -> Period | None:
    number_text, rest = match.group(1), match.group(2).strip().lower()
    number = int(number_text) if number_text.isdigit() else _roman_to_int(number_text)
    if not number or not 1 <= number <= 21:
        return None
    first = (number - 1) * 100
    if not rest:
        return Period(f"{number}. század", max(first, MIN_YEAR), first + 99)
    if rest not in _CENTURY_PARTS:
        return None
    low, high = _CENTURY_PARTS[rest]
    return Period(f"{number}. század {rest}", max(first + low, MIN_YEAR), first + high)


def _decade(match: re.Match) -> Period | None:
    year = int(match.group(1))
    if year % 10:
        return None
    if year % 100 == 0 and year % 1000:  # "1800-as évek" is the century; "2000-es" a decade
        return Period(f"{year}-as évek", year, year + 99)
    if year % 1000 == 0:
        return Period(f"{year}-es évek", year, year + 9)
    suffix = "es" if (year // 10) % 10 in {1, 4, 5, 7, 9} else "as"  # tíz, negyven…
    return Period(f"{year}-{suffix} évek", year, year + 9)


def parse_period(value: str) -> Period | None:
    """The period written in ``value``, or ``None`` when it is not one we understand."""
    text = re.sub(r"\s+", " ", (value or "").strip())
    if re.fullmatch(_YEAR, text):
        year = int(text)
        period = Period(str(year), year, year)
    elif match := _RANGE.match(text):
        start, end = int(match.group(1)), int(match.group(2))
        period = Period(f"{start}\u2013{end}", start, end) if start <= end else None
    elif match := _CENTURY.match(text):
        period = _century(match)
    elif match := _DECADE.match(text):
        period = _decade(match)
    elif match := _CIRCA.match(text):
        year = int(match.group(1) or match.group(2))
        period = Period(f"{year} körül", year - CIRCA_SPREAD, year + CIRCA_SPREAD)
    else:
        period = None
    if period is None or not (period.start >= MIN_YEAR and period.end <= MAX_YEAR):
        return None
    return period
