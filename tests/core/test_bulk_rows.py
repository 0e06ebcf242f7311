"""``core.bulk_rows.rows_insert`` stores every kind of value exactly as the ORM would."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kozkincs.catalog.models import Record
from kozkincs.core.bulk_rows import bulk_page_cache, rows_insert
from tests.gazetteer.factories import SettlementFactory

pytestmark = pytest.mark.django_db


def _version_values(record, user, **extra):
    """The attribute values of one version of ``record``: every kind of column there is
    (text, integers, floats, booleans, JSON of every shape, aware datetimes, foreign keys,
    None)."""
    model = Record.history.model
    values = {field.attname: getattr(record, field.attname) for field in model.tracked_fields}
    values.update(
        history_date=timezone.now(), history_user_id=user.pk, history_type="~",
        settlement_ids=[3, 1], priority_ids=[], relations={"a": [1, 2], "b": {"c": None}},
        **extra,
    )  # fmt: skip
    return values


def test_a_row_written_by_rows_insert_reads_back_as_the_orm_would_have_written_it():
    user = get_user_model().objects.create_user("editor", "editor@example.org", "x" * 12)
    settlement = SettlementFactory(ksh_code="32054", name="Zalaegerszeg", slug="zalaegerszeg")
    record = Record.objects.create(
        catalog="built-values", name="Kápolna „Szent Anna”", slug="kapolna", lat=46.84,
        lon=16.84, tags=["műemlék", "barokk"], values={"year": 1750, "nested": {"x": [1.5]}},
        privacy={}, is_demo=True, settlement=settlement, created_by=user,
        published_at=timezone.now() - dt.timedelta(days=3),
    )  # fmt: skip
    model = Record.history.model
    through_orm = _version_values(record, user, history_change_reason="orm: ő “q”\n2")
    by_rows = _version_values(record, user, history_change_reason="rows: ő “q”\n2")
    by_rows["history_date"] = through_orm["history_date"]
    model.objects.create(**through_orm)
    names = list(by_rows)
    assert rows_insert(model, names, [tuple(by_rows[name] for name in names)]) == 1

    stored = {
        row.pop("history_change_reason").split(":")[0]: row
        for row in model.objects.filter(id=record.pk).values(*names)
    }
    assert stored["rows"] == stored["orm"]
    assert model.objects.filter(history_change_reason="rows: ő “q”\n2").exists()
    assert stored["rows"]["values"] == {"year": 1750, "nested": {"x": [1.5]}}
    assert stored["rows"]["history_date"] == through_orm["history_date"]
    assert stored["rows"]["settlement_id"] == settlement.pk
    assert stored["rows"]["updated_by_id"] is None


def test_the_same_timestamp_and_empty_values_in_many_rows_are_each_stored():
    model = Record.history.model
    record = Record.objects.create(catalog="built-values", name="Malom", slug="malom")
    when = timezone.now()
    user = get_user_model().objects.create_user("u", "u@e.org", "p" * 12)
    base = _version_values(record, user, history_change_reason="")
    assert "history_change_reason" in base  # the rows are told apart by it below
    names = list(base)
    rows = []
    for number in range(5):
        row = {**base, "history_date": when, "history_change_reason": str(number),
               "settlement_ids": [] if number % 2 else [number], "relations": {}}  # fmt: skip
        rows.append(tuple(row[name] for name in names))
    assert rows_insert(model, names, rows) == 5
    stored = model.objects.filter(id=record.pk).order_by("history_change_reason")
    assert [(v.history_date, v.settlement_ids, v.relations) for v in stored] == [
        (when, [0], {}), (when, [], {}), (when, [2], {}), (when, [], {}), (when, [4], {}),
    ]  # fmt: skip


def _a_version_of_a_new_record():
    """A new record and the attribute values of one version of it."""
    record = Record.objects.create(catalog="built-values", name="Malom", slug="malom")
    user = get_user_model().objects.create_user("u", "u@e.org", "p" * 12)
    return record, _version_values(record, user, history_change_reason="")


def test_a_column_is_prepared_by_its_field_when_any_of_its_values_needs_it():
    model = Record.history.model
    record, base = _a_version_of_a_new_record()
    names = list(base)
    # The first values of each column are of the types stored as given; a later one is not
    # (a lazy translation in a text column, an integer-valued float column given a string).
    reasons = ["plain", "also plain", gettext_lazy("lazy")]
    latitudes = [46, 46.5, "46.84"]
    rows = [
        tuple({**base, "history_change_reason": reason, "lat": lat}[name] for name in names)
        for reason, lat in zip(reasons, latitudes, strict=True)
    ]
    assert rows_insert(model, names, rows) == 3
    stored = model.objects.filter(id=record.pk).order_by("history_change_reason")
    assert [(v.history_change_reason, v.lat) for v in stored] == [
        ("also plain", 46.5), ("lazy", 46.84), ("plain", 46.0),
    ]  # fmt: skip


def test_rows_of_the_wrong_length_are_refused():
    model = Record.history.model
    record, values = _a_version_of_a_new_record()
    row = tuple(values.values())
    with pytest.raises(ValueError):
        rows_insert(model, list(values), [row, row[:-1]])
    with pytest.raises(ValueError):
        rows_insert(model, list(values), [row[:-1]])
    assert not model.objects.filter(id=record.pk).exists()


def test_text_and_json_with_the_characters_a_bulk_format_escapes_are_stored_as_given(
    monkeypatch,
):
    """On PostgreSQL the rows go through COPY, whose text format escapes tabs, line breaks,
    backslashes and ``\\N`` (NULL): every such value comes back as it was, over several
    batches of one call."""
    monkeypatch.setattr("kozkincs.core.bulk_rows.ROWS_PER_CALL", 2)
    model = Record.history.model
    record, base = _a_version_of_a_new_record()
    names = list(base)
    texts = ["tab\there", "line\nbreak\r\nend", "back\\slash \\N", "\\N", "", "''\"", None]
    rows = [
        tuple(
            {**base, "history_change_reason": f"{number}", "name": text or "-",
             "description": text or "", "values": {"text": text, "k\t\\": [text]}}[name]
            for name in names
        )
        for number, text in enumerate(texts)
    ]  # fmt: skip
    assert rows_insert(model, names, rows) == len(texts)
    stored = model.objects.filter(id=record.pk).order_by("history_change_reason")
    assert [(v.name, v.description, v.values) for v in stored] == [
        (text or "-", text or "", {"text": text, "k\t\\": [text]}) for text in texts
    ]


def test_json_values_are_stored_as_the_orm_stores_them():
    """On PostgreSQL the JSON columns go to COPY as text written by msgspec, not through
    Django's ``json.dumps``: the stored values are the same, integer keys become text keys,
    large integers stay exact and a JSON null inside a value stays null."""
    model = Record.history.model
    record, base = _a_version_of_a_new_record()
    names = list(base)
    awkward = {"null": None, "big": 2**70, 7: "integer key", "ő": ["ű", 1.25, True, {}]}
    model.objects.create(**{**base, "history_change_reason": "orm", "values": awkward})
    by_rows = {**base, "history_change_reason": "rows", "values": awkward}
    assert rows_insert(model, names, [tuple(by_rows[name] for name in names)]) == 1
    stored = dict(model.objects.filter(id=record.pk).values_list("history_change_reason", "values"))
    assert stored["rows"] == stored["orm"]
    assert stored["rows"] == {"null": None, "big": 2**70, "7": "integer key",
                              "ő": ["ű", 1.25, True, {}]}  # fmt: skip


def page_cache_size() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's page cache")
def test_a_bulk_write_has_a_larger_page_cache_only_while_it_runs():
    before = page_cache_size()
    with bulk_page_cache(kib=8192):
        assert page_cache_size() == -8192
    assert page_cache_size() == before
    with pytest.raises(ZeroDivisionError), bulk_page_cache(kib=8192):
        1 / 0  # noqa: B018
    assert page_cache_size() == before
