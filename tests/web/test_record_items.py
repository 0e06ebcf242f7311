"""The records of a list page, prepared once: addresses, labels, localized names."""

import pytest
from django.urls import NoReverseMatch
from django.utils import translation

from kozkincs.catalog.models import Record
from kozkincs.gazetteer.models import Settlement
from kozkincs.web.record_items import RecordAddresses, listed_records


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hu", "en"])
def test_addresses_equal_what_reverse_gives(dataset, language):
    with translation.override(language):
        addresses = RecordAddresses()
        for record in (dataset.mansion, dataset.church, dataset.chapel):
            assert addresses.record(record) == record.get_absolute_url()
        for settlement in (dataset.village, dataset.town):
            assert addresses.settlement(settlement) == settlement.get_absolute_url()


def test_a_slug_the_pattern_refuses_fails_as_reverse_does():
    addresses = RecordAddresses()

    with pytest.raises(NoReverseMatch):
        addresses.record(Record(catalog="web-test-sites", slug="kastély"))
    with pytest.raises(NoReverseMatch):
        addresses.settlement(Settlement(slug=""))


@pytest.mark.django_db
def test_listed_records_carry_name_catalog_and_settlement_in_the_active_language(dataset):
    dataset.mansion.snippet = "<mark>kastély</mark>"

    with translation.override("en"):
        mansion, church = listed_records([dataset.mansion, dataset.church])

    assert (str(mansion.name), mansion.name.is_fallback) == ("Deák Mansion", False)
    assert (str(church.name), church.name.is_fallback) == ("Szent Mihály templom", True)
    assert mansion.catalog_label == "Test sites"
    assert (mansion.settlement_name, mansion.settlement_url) == ("Bagod", "/en/telepulesek/bagod/")
    assert mansion.snippet == "<mark>kastély</mark>"
    assert church.snippet == ""


@pytest.mark.django_db
def test_a_record_of_an_unknown_catalog_is_labelled_with_its_key(dataset):
    record = Record(catalog="gone", slug="x", name="Régi")

    (item,) = listed_records([record])

    assert item.catalog_label == "gone"
    assert item.settlement_name == ""
