"""A prepared query gives what the same ORM query gives, for any id, converters applied."""

import pytest

from kozkincs.catalog.models import Record
from kozkincs.catalog.prepared import PreparedQuery
from kozkincs.catalog.services import record_create

pytestmark = pytest.mark.django_db


def orm_query(pk):
    return (
        Record.objects.filter(pk=pk)
        .order_by()
        .values_list("id", "name", "values", "is_demo", "created_at", "settlement__name")
    )


@pytest.fixture
def records(test_catalogs, zalaegerszeg):
    return [
        record_create(
            catalog="test-heritage",
            data={"name": f"Templom {n}", "settlement": zalaegerszeg, "values": {"kind": "church"}},
            is_demo=n % 2 == 0,
        )
        for n in range(3)
    ]


def test_rows_equal_the_orm_rows_with_converters_applied(records, django_assert_num_queries):
    prepared = PreparedQuery(orm_query)
    for record in records:
        with django_assert_num_queries(1):
            rows = prepared.rows(record.pk)
        assert rows == list(orm_query(record.pk))
        (row,) = rows
        assert row[2] == {"kind": "church"} and isinstance(row[3], bool)
        assert row[5] == "Zalaegerszeg"
    assert prepared.rows(-1) == []


def test_a_query_that_ignores_the_id_is_refused(db):
    prepared = PreparedQuery(lambda pk: Record.objects.values_list("id"))
    with pytest.raises(ValueError, match="does not depend"):
        prepared.rows(1)
