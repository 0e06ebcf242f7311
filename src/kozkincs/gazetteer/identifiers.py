"""The KSH settlement identifier (településazonosító törzsszám)."""

import re
from typing import Annotated, Any

from django.utils.translation import gettext_noop
from pydantic import BeforeValidator, StringConstraints

from kozkincs.core.parameters import parameter_error

# [0-9], not \d: \d also matches other scripts' digits (e.g. full-width digits).
KSH_CODE_PATTERN = re.compile(r"\A[0-9]{5}\Z")


def _five_digits(value: Any) -> Any:
    if not isinstance(value, str) or not KSH_CODE_PATTERN.fullmatch(value):
        raise parameter_error(gettext_noop("Give the five-digit KSH code of a settlement."))
    return value


KshCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{5}$"), BeforeValidator(_five_digits)]
"""A request parameter naming a settlement: five digits (whether one exists is looked up)."""


def ksh_check_digit(first_four: str) -> int:
    d1, d2, d3, d4 = (int(c) for c in first_four)
    return (d1 + 3 * d2 + 7 * d3 + 9 * d4) % 10


def is_valid_ksh_code(code: str) -> bool:
    """Five digits, the fifth being the check digit of the first four."""
    return bool(KSH_CODE_PATTERN.fullmatch(code or "")) and ksh_check_digit(code[:4]) == int(
        code[4]
    )
