"""The detail reads: fields without rendering, relations of both directions in one query, a
record page's data in four queries (the record with its settlement, its priorities and its further
settlements through Django's prefetching, one query each, and its relations); the same answers as
the rendered, per-query reads."""

import json

import pytest

from kozkincs.catalog.models import Record
from kozkincs.catalog.selectors import (
    record_get_public,
    record_json_ld,
    record_public_fields,
    record_relations,
)
from kozkincs.catalog.services import record_create, record_publish, record_update
from kozkincs.strategy.models import StrategyPriority

pytestmark = pytest.mark.django_db

CONTACT = {"name": "Kiss Anna", "role": "plébános", "phone": "06 30 123 4567"}
VALUES = {
    "kind": "church",
    "features": ["tower", "organ"],
    "inscription": "Soli Deo gloria",
    "history": "Barokk templom.\n\nA tornya 1820-ban épült.",
    "floors": 2,
    "area_ha": "1,5",
    "built_year": 1747,
    "listed_on": "2001-05-01",
    "built": "1747-1769",
    "open_to_public": False,
    "website": "example.org",
    "email": "plebania@example.org",
    "phones": ["06 92 510 123"],
    "venue": "13514",
    "contact": CONTACT,
    "awards": [{"body": "Örökség Alapítvány", "level": "gold", "year": 2004}],
    "internal_note": "kulcs a sekrestyében",
    "secret_code": "XYZ-123",
}


def make(catalog="test-organisations", publish=True, **data):
    record = record_create(catalog=catalog, data=data)
    return record_publish(record=record) if publish else record


@pytest.fixture
def organisations(test_catalogs):
    return {
        "plebania": make(name="Plébánia"),
        "egyesulet": make(name="Egyesület"),
        "alapitvany": make(name="Alapítvány"),
        "draft": make(name="Vázlat", publish=False),
    }


@pytest.fixture
def church(test_catalogs, organisations, zalaegerszeg, village):
    values = {
        **VALUES,
        "maintainer": organisations["plebania"].pk,
        "partners": [
            organisations["egyesulet"].pk,
            organisations["draft"].pk,
            organisations["alapitvany"].pk,
        ],
    }
    record = make(
        catalog="test-heritage",
        name="Szent Mária Magdolna-templom",
        settlement=zalaegerszeg,
        settlements=[village.ksh_code],
        priorities=[5, 2],
        values=values,
    )
    return Record.objects.get(pk=record.pk)


def as_data(fields) -> list[tuple]:
    return [(f.key, f.label, f.type, f.value) for f in fields]


def test_unrendered_fields_are_the_stored_json_values(church, organisations):
    fields = record_public_fields(record=church, language="en", render=False)
    assert all(f.display is None for f in fields)
    values = {f.key: f.value for f in fields}
    hidden = {"contact", "internal_note"}  # personal without consent; public: false
    expected = {key: value for key, value in church.values.items() if key not in hidden}
    related = [organisations["egyesulet"].pk, organisations["alapitvany"].pk]
    expected |= {"maintainer": [organisations["plebania"].pk], "partners": related}
    assert values == expected
    assert json.loads(json.dumps(values)) == values
    assert [f.key for f in fields][:3] == ["kind", "features", "inscription"]


@pytest.mark.parametrize("viewer_kind", ["anonymous", "member", "staff"])
@pytest.mark.parametrize(
    "privacy",
    [
        {"consent": True, "visibility": "public"},
        {"consent": True, "visibility": "members"},
        {"consent": False, "visibility": "public"},
        {"consent": True, "visibility": "staff"},
    ],
)
def test_rendered_and_unrendered_show_the_same_fields(
    church, viewer_kind, privacy, django_user_model
):
    viewer = {
        "anonymous": None,
        "member": django_user_model.objects.create_user("tag", password="x"),
        "staff": django_user_model.objects.create_user("editor", password="x", is_staff=True),
    }[viewer_kind]
    church.privacy["contact"] = privacy
    rendered = record_public_fields(record=church, language="hu", viewer=viewer)
    unrendered = record_public_fields(record=church, language="hu", viewer=viewer, render=False)
    assert as_data(unrendered) == as_data(rendered)
    assert all(f.display for f in rendered)
    shown = "contact" in [f.key for f in unrendered]
    sees = {"anonymous": {"public"}, "member": {"public", "members"}}.get(viewer_kind)
    assert shown == (sees is None or (privacy["consent"] and privacy["visibility"] in sees))


def test_a_field_whose_related_records_are_all_hidden_is_left_out_either_way(
    test_catalogs, organisations
):
    church = make(
        catalog="test-heritage",
        name="Kápolna",
        values={"kind": "church", "partners": [organisations["draft"].pk]},
    )
    for render in (True, False):
        fields = record_public_fields(record=church, render=render)
        assert [f.key for f in fields] == ["kind"]


def test_a_record_page_reads_four_queries(
    test_catalogs, organisations, village, django_assert_num_queries
):
    church = make(
        catalog="test-heritage",
        name="Kápolna",
        settlement=village,
        priorities=[1, 3],
        values={"kind": "church", "maintainer": organisations["plebania"].pk},
    )
    # Django's prefetching reads each many-to-many relation with a query of its own (joining
    # both in one query needed the ORM's private API).
    with django_assert_num_queries(4):
        record = record_get_public(catalog="test-heritage", record_id=church.pk)
        fields = record_public_fields(record=record, language="en", render=False)
        groups = record_relations(record=record, language="en")
        record_public_fields(record=record, language="en")
        record_json_ld(record=record, language="en")
        assert record.settlement.name == "Bak"
        assert [p.number for p in record.priorities.all()] == [1, 3]
        assert list(record.settlements.all()) == []
    assert [f.key for f in fields] == ["kind", "maintainer"]
    assert [(g.direction, g.field_key) for g in groups] == [("outgoing", "maintainer")]


def test_settlements_named_in_values_cost_one_more_query_shared_by_every_selector(
    church, django_assert_num_queries
):
    with django_assert_num_queries(5):
        record = record_get_public(catalog="test-heritage", slug=church.slug)
        fields = {f.key: f for f in record_public_fields(record=record, language="en")}
        record_public_fields(record=record, render=False)
        record_relations(record=record)
        record_json_ld(record=record, language="en")
    assert fields["venue"].value == "13514" and fields["venue"].display.endswith(">Bak</a>")


def test_detail_loads_the_same_settlements_and_priorities_as_the_database(church, village):
    record = record_get_public(catalog="test-heritage", record_id=church.pk)
    assert list(record.priorities.all()) == list(StrategyPriority.objects.filter(number__in=[2, 5]))
    assert [p.display_name for p in record.priorities.all()] == [
        p.display_name for p in StrategyPriority.objects.filter(number__in=[2, 5])
    ]
    assert list(record.settlements.all()) == [village]
    assert record.settlements.all()[0].get_absolute_url() == village.get_absolute_url()
    assert record.settlement.boundary == church.settlement.boundary  # deferred, still readable


def test_relations_from_both_ends_in_one_query(church, organisations, django_assert_num_queries):
    other = make(
        catalog="test-heritage",
        name="Alsóhegyi templom",
        values={"kind": "church", "partners": [organisations["egyesulet"].pk]},
    )
    hidden = make(
        catalog="test-heritage",
        name="Vázlat templom",
        publish=False,
        values={"kind": "church", "maintainer": organisations["egyesulet"].pk},
    )
    egyesulet = Record.objects.get(pk=organisations["egyesulet"].pk)
    with django_assert_num_queries(1):
        groups = record_relations(record=egyesulet, language="en")
        assert record_relations(record=egyesulet, language="en") == groups
    assert [(g.direction, g.source_catalog, g.field_key, g.label, g.records) for g in groups] == [
        ("incoming", "test-heritage", "partners", "Test heritage", [other, church])
    ]
    staff_groups = record_relations(record=egyesulet, public_only=False, language="en")
    assert [(g.field_key, g.label, g.records) for g in staff_groups] == [
        ("maintainer", "Maintains", [hidden]),
        ("partners", "Test heritage", [other, church]),
    ]
    outgoing = record_relations(record=Record.objects.get(pk=church.pk), language="en")
    assert [(g.direction, g.field_key, [r.name for r in g.records]) for g in outgoing] == [
        ("outgoing", "maintainer", ["Plébánia"]),
        ("outgoing", "partners", ["Egyesület", "Alapítvány"]),
    ]
    related = outgoing[1].records[0]
    assert related.get_absolute_url() == organisations["egyesulet"].get_absolute_url()
    assert related.display_name == "Egyesület" and related.is_public


def test_relations_are_read_again_after_the_services_change_them(church, organisations):
    record = record_get_public(catalog="test-heritage", record_id=church.pk)
    assert [g.field_key for g in record_relations(record=record)] == ["maintainer", "partners"]
    record_update(record=record, data={"values": {"partners": []}})
    assert [g.field_key for g in record_relations(record=record)] == ["maintainer"]
    assert "partners" not in [f.key for f in record_public_fields(record=record, render=False)]
