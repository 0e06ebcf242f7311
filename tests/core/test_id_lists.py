"""``core.id_lists.ids_among``: a list of ids as one query parameter selects what the list
itself would, on both databases."""

import pytest

from kozkincs.catalog.models import Record
from kozkincs.core.id_lists import bigint_array_literal, ids_among

pytestmark = pytest.mark.django_db


def test_the_ids_select_the_same_records_as_a_list_of_them():
    records = [
        Record.objects.create(catalog="built-values", name=f"Malom {n}", slug=f"malom-{n}")
        for n in range(6)
    ]
    wanted = [records[4].pk, records[1].pk, records[1].pk, 10**12]  # repeats, one unknown
    by_list = set(Record.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    by_parameter = set(Record.objects.filter(pk__in=ids_among(wanted)).values_list("pk", flat=True))
    assert by_parameter == by_list == {records[4].pk, records[1].pk}
    # A generator is read once, whatever its length.
    many = (pk for pk in [*range(10**6, 10**6 + 5000), records[0].pk])
    assert list(Record.objects.filter(pk__in=ids_among(many))) == [records[0]]


def test_the_ids_are_one_parameter():
    query = Record.objects.filter(pk__in=ids_among(range(1, 3001))).query
    _sql, params = query.sql_with_params()
    assert len(params) == 1
    _sql, params = Record.objects.filter(pk__in=list(range(1, 3001))).query.sql_with_params()
    assert len(params) == 3000  # what it replaces


def test_no_ids_ask_the_database_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert list(Record.objects.filter(pk__in=ids_among([]))) == []
        assert list(Record.objects.filter(pk__in=ids_among(iter(())))) == []


def test_the_array_literal():
    assert bigint_array_literal([3, 1, 2]) == "{3,1,2}"
    assert bigint_array_literal([]) == "{}"
