"""JSON text decoded in bulk: the values Django's JSONField would give (the exports read
the JSON columns as text: tests/opendata/test_exports.py)."""

import json

import pytest

from kozkincs.core.json_text import json_decoded


@pytest.mark.parametrize(
    "value",
    [
        {"kind": "templom", "floors": 3, "area": 12.5, "open": False, "none": None},
        ["ő", "ű", {"nested": [1, 2, {"deep": "é"}]}],
        {"big": 184467440737095516170000, "negative": -(2**70)},
        "szöveg",
        0,
        [],
        {},
    ],
)
def test_decoding_gives_what_the_json_module_gives(value):
    text = json.dumps(value, ensure_ascii=False)
    assert json_decoded(text) == json.loads(text)
    assert type(json_decoded(text)) is type(value)


def test_integers_of_any_size_stay_exact():
    assert json_decoded("[184467440737095516170000]") == [184467440737095516170000]


def test_text_the_fast_decoder_refuses_is_decoded_as_django_would():
    assert json_decoded('{"x": NaN}')["x"] != json_decoded('{"x": NaN}')["x"]  # NaN


def test_null_stays_none():
    assert json_decoded(None) is None


def test_broken_json_is_an_error_not_a_value():
    with pytest.raises(ValueError):
        json_decoded('{"x": ')
