"""JSON text read in bulk, decoded by msgspec.

Django's ``JSONField`` decodes each value it reads with the standard library's ``json``
module, through a converter per value. A read of many rows (the exports read 100,000 records'
values, tags, sources and privacy settings) can ask the database for those columns as text
instead and decode them here: msgspec's decoder is about twice as fast on the records' values
and keeps integers exact at any size. Text msgspec refuses (``NaN``, which ``json`` accepts
and SQLite may store) is decoded by ``json`` as Django would have.
"""

import json
from typing import Any

import msgspec
from django.db.models import Expression, TextField
from django.db.models.functions import Cast

_decode = msgspec.json.decode


def as_text(expression: Expression | str) -> Cast:
    """``expression`` (a JSON column or expression) read as its JSON text."""
    return Cast(expression, output_field=TextField())


def json_decoded(text: str | None) -> Any:
    """The value of the JSON ``text`` (``None`` for SQL NULL)."""
    if text is None:
        return None
    try:
        return _decode(text)
    except msgspec.DecodeError:
        return json.loads(text)
