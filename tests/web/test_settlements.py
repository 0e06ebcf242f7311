"""The settlement index and profile pages."""

import pytest

from tests.gazetteer.factories import RegionFactory, RegionMembershipFactory, SettlementFactory
from tests.web.html_structure import accessibility_problems, read
from tests.web.urls import named_url, page_url


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hu", "en"])
def test_settlement_index_lists_the_home_region(client, dataset, language):
    outsider = SettlementFactory(name="Hévíz", slug="heviz")

    response = client.get(named_url("web:settlement_list", language))

    assert response.status_code == 200
    page = read(response.content)
    assert accessibility_problems(page) == []
    hrefs = [link["href"] for link in page.links]
    assert page_url(dataset.village, language) in hrefs
    assert page_url(outsider, language) not in hrefs


@pytest.mark.django_db
def test_settlement_index_searches_all_of_hungary_accent_insensitively(client, dataset):
    heviz = SettlementFactory(name="Hévíz", name_folded="heviz", slug="heviz")

    response = client.get(named_url("web:settlement_list", "hu"), {"q": "heviz", "scope": "all"})

    hrefs = [link["href"] for link in read(response.content).links]
    assert page_url(heviz, "hu") in hrefs
    assert page_url(dataset.village, "hu") not in hrefs


@pytest.mark.django_db
def test_settlement_index_survives_a_bad_page_number(client, dataset):
    response = client.get(named_url("web:settlement_list", "hu"), {"page": "abc"})

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hu", "en"])
def test_settlement_profile_shows_facts_regions_records_and_neighbours(client, dataset, language):
    response = client.get(page_url(dataset.village, language))

    assert response.status_code == 200
    page = read(response.content)
    assert page.h1s == ["Bagod"]
    assert accessibility_problems(page) == []
    html = response.content.decode()
    assert dataset.village.ksh_code in html
    assert "1\u00a0234" in html or "1,234" in html or "1 234" in html or "1234" in html
    assert "Zalaegerszegi kistérség" in html
    assert page_url(dataset.mansion, language) in html
    assert dataset.archived.slug not in html
    assert page_url(dataset.town, language) in html  # its neighbour in the region


@pytest.mark.django_db
def test_settlement_profile_shows_dated_memberships(client, dataset):
    from datetime import date

    district = RegionFactory(key="zalaegerszegi-jaras", name="Zalaegerszegi járás")
    RegionMembershipFactory(
        region=district, settlement=dataset.village, valid_from=date(2013, 1, 1)
    )

    html = client.get(page_url(dataset.village, "en")).content.decode()

    assert "Zalaegerszegi járás" in html
    assert "since 2013" in html


@pytest.mark.django_db
def test_settlement_profile_groups_records_by_catalog(client, dataset):
    page = read(client.get(page_url(dataset.town, "en")).content)

    assert "Test sites (2)" in [text for level, text in page.headings if level == 3]


@pytest.mark.django_db
def test_unknown_settlement_is_a_friendly_404(client, db):
    response = client.get("/hu/telepulesek/nincs-ilyen-falu/")

    assert response.status_code == 404
    assert read(response.content).html_lang == "hu"
