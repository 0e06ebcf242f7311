import random
from types import SimpleNamespace

import pytest
from benchmarks.dataset import (
    SettlementRef,
    catalog_counts,
    creation_order,
    dataset_create,
    record_item,
    settlement_sequence,
)

from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.registry import catalog_get, catalog_list
from tests.gazetteer.factories import SettlementFactory

PLACES = [
    SettlementRef(f"0000{n}", name, 46.8 + n / 100, 16.8 + n / 100, 100 * (n + 1))
    for n, name in enumerate(["Bak", "Zalaegerszeg", "Hévíz", "Becsvölgye", "Győr"])
]


def test_catalog_counts_add_up_and_follow_the_weights():
    keys = [definition.key for definition in catalog_list()]
    counts = catalog_counts(100_000, keys)
    assert sum(counts.values()) == 100_000
    assert counts["built-values"] > counts["natural-values"] > counts["education-associations"]
    assert sum(catalog_counts(7, keys).values()) == 7


def catalog(key, *targets):
    fields = [SimpleNamespace(target_catalog=target) for target in targets]
    return SimpleNamespace(key=key, fields=[*fields, SimpleNamespace(target_catalog=None)])


def test_catalogs_pointed_to_come_first_and_cycles_are_broken():
    definitions = [
        catalog("traditions", "art", "civil"),
        catalog("art", "centres", "civil"),
        catalog("centres", "built", "civil"),
        catalog("civil", "centres"),
        catalog("built", "centres", "civil", "built"),
        catalog("nature"),
    ]
    order = [definition.key for definition in creation_order(definitions)]
    assert order == ["nature", "civil", "centres", "art", "built", "traditions"]


def test_every_built_in_catalog_is_created_once():
    order = [definition.key for definition in creation_order(catalog_list())]
    assert sorted(order) == sorted(definition.key for definition in catalog_list())


def test_every_settlement_gets_a_record_before_any_gets_two():
    sequence = settlement_sequence(random.Random(1), PLACES, 12)
    assert {place.ksh_code for place in sequence[:5]} == {place.ksh_code for place in PLACES}
    assert len(sequence) == 12
    assert len(settlement_sequence(random.Random(1), PLACES, 3)) == 3


def test_items_are_a_function_of_the_seed():
    definition = catalog_get("built-values")

    def items(seed):
        rng = random.Random(seed)
        return [record_item(rng, definition, PLACES[n % 5], {}) for n in range(30)]

    assert items(4) == items(4)
    assert [item["name"] for item in items(4)] != [item["name"] for item in items(5)]


@pytest.mark.django_db
def test_dataset_is_created_through_the_catalog_services():
    settlements = SettlementFactory.create_batch(12)
    report = dataset_create(records=200, seed=11, batch_size=40, log=lambda line: None)
    assert report.records == 200
    assert report.settlements == 12
    records = Record.objects.all()
    assert records.count() == 200
    assert set(records.values_list("status", flat=True)) == {"published"}
    assert set(records.values_list("catalog", flat=True)) == {d.key for d in catalog_list()}
    assert set(records.values_list("settlement_id", flat=True)) == {s.pk for s in settlements}
    assert RecordRelation.objects.exists()  # references to records created earlier
    names = sorted(records.values_list("name", flat=True))
    assert any(any(ch in name for ch in "áéíóöőúüű") for name in names)

    Record.objects.all().delete()
    dataset_create(records=200, seed=11, batch_size=40, log=lambda line: None)
    assert sorted(Record.objects.values_list("name", flat=True)) == names


@pytest.mark.django_db
def test_dataset_needs_settlements():
    with pytest.raises(RuntimeError, match="import_gazetteer"):
        dataset_create(records=10, seed=1, log=lambda line: None)
