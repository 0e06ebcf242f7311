import pytest

from kozkincs.gazetteer.identifiers import is_valid_ksh_code, ksh_check_digit


def test_check_digit_of_zalaegerszeg():
    assert ksh_check_digit("3205") == 4


@pytest.mark.parametrize("code", ["32054", "13578", "02644", "17376"])
def test_real_codes_are_valid(code):
    assert is_valid_ksh_code(code)


@pytest.mark.parametrize(
    "code",
    ["32055", "3205", "320544", "3205a", "", "32 54", "\uff13\uff12\uff10\uff15\uff14", "32054\n"],
)
def test_wrong_check_digit_length_or_characters_are_invalid(code):
    assert not is_valid_ksh_code(code)
