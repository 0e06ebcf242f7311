"""The one definition of "public": published records, public fields, personal data only with
consent and public visibility; relations from both ends; index documents and JSON-LD."""

import pytest

from kozkincs.catalog.models import Record
from kozkincs.catalog.selectors import (
    record_counts_by_catalog,
    record_get_public,
    record_index_document,
    record_index_documents,
    record_json_ld,
    record_public_fields,
    record_public_queryset,
    record_relations,
)
from kozkincs.catalog.services import record_create, record_publish

pytestmark = pytest.mark.django_db

CONTACT = {"name": "Kiss Anna", "role": "plébános", "phone": "06 30 123 4567"}


def make(catalog="test-heritage", publish=True, **data):
    data.setdefault("name", "Szent Mária Magdolna-templom")
    if catalog == "test-heritage":
        data.setdefault("values", {"kind": "church"})
    record = record_create(catalog=catalog, data=data)
    return record_publish(record=record) if publish else record


@pytest.fixture
def church(test_catalogs, zalaegerszeg, village):
    return make(
        settlement=zalaegerszeg,
        settlements=[village.ksh_code],
        lat=46.84,
        lon=16.84,
        priorities=[2, 5],
        tags=["barokk"],
        values={
            "kind": "church",
            "features": ["tower", "organ"],
            "venue": "13514",
            "built": "18. század",
            "website": "https://example.org",
            "contact": CONTACT,
            "internal_note": "kulcs a sekrestyében",
            "secret_code": "XYZ-123",
        },
    )


def keys(fields):
    return [field.key for field in fields]


def test_public_queryset_has_published_records_only(test_catalogs):
    published, draft = make(), make(publish=False)
    archived = make()
    Record.objects.filter(pk=archived.pk).update(status="archived")
    assert list(record_public_queryset()) == [published]
    with pytest.raises(Record.DoesNotExist):
        record_get_public(catalog="test-heritage", slug=draft.slug)
    with pytest.raises(Record.DoesNotExist):
        record_get_public(catalog="test-organisations", record_id=published.pk)
    assert record_get_public(catalog="test-heritage", record_id=published.pk) == published
    assert record_get_public(catalog="test-heritage", slug=published.slug) == published


def test_public_queryset_lists_in_a_fixed_number_of_queries(
    test_catalogs, zalaegerszeg, django_assert_num_queries
):
    for number in range(6):
        make(name=f"Templom {number}", settlement=zalaegerszeg, priorities=[1, 2])
    with django_assert_num_queries(3):
        records = list(record_public_queryset())
        assert all(r.settlement.name == "Zalaegerszeg" for r in records)
        assert all(len(r.priorities.all()) == 2 and not r.settlements.all() for r in records)


def test_anonymous_visitors_see_no_hidden_or_unconsented_personal_fields(church):
    fields = record_public_fields(record=church, language="hu")
    assert "contact" not in keys(fields)
    assert "internal_note" not in keys(fields)
    assert keys(fields)[:2] == ["kind", "features"]
    church.privacy["contact"] = {"consent": True, "visibility": "members"}
    assert "contact" not in keys(record_public_fields(record=church))
    church.privacy["contact"] = {"consent": False, "visibility": "public"}
    assert "contact" not in keys(record_public_fields(record=church))
    church.privacy["contact"] = {"consent": True, "visibility": "public"}
    assert "contact" in keys(record_public_fields(record=church))


def test_members_and_staff_see_more(church, staff_user, django_user_model):
    member = django_user_model.objects.create_user("tag", password="x")
    church.privacy["contact"] = {"consent": True, "visibility": "members"}
    assert "contact" in keys(record_public_fields(record=church, viewer=member))
    assert "internal_note" not in keys(record_public_fields(record=church, viewer=member))
    staff_keys = keys(record_public_fields(record=church, viewer=staff_user))
    assert {"contact", "internal_note"} <= set(staff_keys)


def test_public_fields_carry_value_label_and_display(church):
    fields = {f.key: f for f in record_public_fields(record=church, language="en")}
    assert fields["kind"].label == "Kind" and fields["kind"].display == "church"
    assert fields["features"].value == ["tower", "organ"]
    assert fields["venue"].display.endswith(">Bak</a>")
    assert fields["built"].display == "18. század"


def test_relations_from_both_ends_only_with_published_counterparts(church):
    maintainer = make(catalog="test-organisations", name="Plébánia")
    hidden = make(catalog="test-organisations", name="Vázlat Egyesület", publish=False)
    from kozkincs.catalog.services import record_update

    record_update(record=church, data={"values": {"maintainer": maintainer, "partners": [hidden]}})
    groups = record_relations(record=church)
    assert [(g.direction, g.field_key, [r.name for r in g.records]) for g in groups] == [
        ("outgoing", "maintainer", ["Plébánia"])
    ]
    assert groups[0].label == "Maintainer"
    staff_groups = record_relations(record=church, public_only=False)
    assert [g.field_key for g in staff_groups] == ["maintainer", "partners"]
    incoming = record_relations(record=maintainer)
    assert [(g.direction, g.label, g.records) for g in incoming] == [
        ("incoming", "Maintains", [church])
    ]
    fields = {f.key: f for f in record_public_fields(record=church)}
    assert fields["maintainer"].value == [maintainer.pk]
    assert "partners" not in fields


def test_counts_by_catalog(test_catalogs):
    make(), make(), make(publish=False), make(catalog="test-organisations", publish=False)
    counts = record_counts_by_catalog()
    assert counts["test-heritage"] == 2 and counts["test-organisations"] == 0
    all_counts = record_counts_by_catalog(public_only=False)
    assert all_counts["test-heritage"] == 3 and all_counts["test-organisations"] == 1


def test_index_document_has_public_searchable_data_only(church, zalaegerszeg, village):
    document = record_index_document(record=church)
    assert document.names["hu"] == "Szent Mária Magdolna-templom"
    assert set(document.names) == {"hu", "en", "de"}
    assert "templom" in document.attributes_text and "Bak" in document.attributes_text
    assert "barokk" in document.attributes_text
    assert "Kiss Anna" not in document.attributes_text  # personal, no consent
    assert "sekrestyében" not in document.attributes_text  # public: false
    assert "XYZ-123" not in document.attributes_text  # searchable: false
    assert document.facets == {"kind": ["church"], "features": ["tower", "organ"]}
    assert document.settlement_codes == [zalaegerszeg.ksh_code, village.ksh_code]
    assert document.priority_numbers == [2, 5]
    assert (document.lat, document.lon) == (46.84, 16.84)


def test_consented_personal_data_is_searchable(church):
    church.privacy["contact"] = {"consent": True, "visibility": "public"}
    church.save()
    assert "Kiss Anna plébános" in record_index_document(record=church).attributes_text


def test_index_documents_take_a_fixed_number_of_queries(
    test_catalogs, zalaegerszeg, django_assert_num_queries
):
    maintainer = make(catalog="test-organisations", name="Plébánia")
    ids = [
        make(
            name=f"Templom {n}",
            settlement=zalaegerszeg,
            values={"kind": "church", "venue": "32054", "maintainer": maintainer.pk},
        ).pk
        for n in range(8)
    ]
    with django_assert_num_queries(6):
        documents = record_index_documents(record_ids=ids)
    assert [d.record_id for d in documents] == ids
    assert all("Plébánia" in d.attributes_text for d in documents)


def test_json_ld_uses_the_catalog_type_and_public_data(church):
    data = record_json_ld(record=church, language="en")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "LandmarksOrHistoricalBuildings"
    assert data["name"] == "Szent Mária Magdolna-templom"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 46.84, "longitude": 16.84}
    assert data["temporalCoverage"] == "18. század"
    assert data["url"] == "https://example.org" or data["url"].startswith("/")
    assert "Kiss Anna" not in str(data)


def test_json_ld_of_a_draft_is_empty(test_catalogs):
    assert record_json_ld(record=make(publish=False), language="hu") == {}
