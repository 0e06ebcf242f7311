"""The facet links of the list pages lead to exactly the number of records they show, and the
settlement profile agrees with the settlement filter."""

import html
import re

import pytest

from kozkincs.web.views import settlements
from tests.round_trip import make_round_trip_records, scenarios
from tests.web.conftest import CATALOG
from tests.web.urls import named_url

pytestmark = pytest.mark.django_db

FACET_LINK = re.compile(
    r'<a id="facet-(?P<name>[a-z_]+)-\d+" href="(?P<href>[^"]*)"(?P<attributes>[^>]*)>'
    r'[^<]*<span class="count">\((?P<count>\d+)\)'
)
RESULT_COUNT = re.compile(r'id="result-count"[^>]*>\s*(\d+) records? found')
SINGLE_VALUED = {"catalog", "settlement", "priority"}


@pytest.fixture
def data(make_record):
    return make_round_trip_records(make_record, test_catalog=CATALOG)


def page(client, path: str, query: str = "", params=None) -> str:
    response = client.get(path + query, params or {})
    assert response.status_code == 200, (path, query, params)
    return response.content.decode()


def total(html_text: str) -> int:
    return int(RESULT_COUNT.search(html_text).group(1))


def list_pages(scenario: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """The pages showing a scenario: the search page, and the catalog's own page."""
    pages = [(named_url("web:search", "en"), scenario)]
    if "catalog" in scenario:
        rest = {k: v for k, v in scenario.items() if k != "catalog"}
        pages.append((named_url("web:catalog_detail", "en", catalog=scenario["catalog"]), rest))
    return pages


def test_every_facet_link_leads_to_the_count_it_shows(client, data):
    followed = set()
    for scenario in scenarios(data):
        for path, params in list_pages(scenario):
            listing = page(client, path, params=params)
            assert total(listing) > 0, (path, params)
            for link in FACET_LINK.finditer(listing):
                name, selected = link["name"], "aria-current" in link["attributes"]
                if selected or (name not in SINGLE_VALUED and name in params):
                    # A selected value's link removes it; a value of a catalog facet that
                    # already has one is added to it (the values are OR-ed).
                    continue
                target = page(client, path, html.unescape(link["href"]))
                assert total(target) == int(link["count"]), (path, params, name, link["href"])
                followed.add(name)
    assert {"catalog", "settlement", "priority", "kind", "built", "tradition_kinds"} <= followed
    assert {"freely_accessible", "protection", "festive_cycle", "value_repository"} <= followed


def test_settlement_links_carry_ksh_codes(client, data):
    listing = page(client, named_url("web:search", "en"))
    hrefs = [html.unescape(m["href"]) for m in FACET_LINK.finditer(listing)]

    codes = {settlement.ksh_code for settlement in data.settlements}
    assert {href.removeprefix("?settlement=") for href in hrefs if "settlement=" in href} == codes


def test_the_settlement_profile_counts_what_the_settlement_filter_finds(client, data, monkeypatch):
    monkeypatch.setattr(settlements, "RECORDS_ON_PROFILE", 2)  # so "All N records" links show
    settlement = data.settlements[0]
    search = page(client, named_url("web:search", "en"), params={"settlement": settlement.ksh_code})
    profile = page(client, named_url("web:settlement_detail", "en", slug=settlement.slug))

    shown = [int(n) for n in re.findall(r'<span class="count">\((\d+)\)</span></h3>', profile)]
    assert sum(shown) == total(search) > 2
    links = re.findall(r'<a href="([^"?]+)(\?settlement=[0-9]+)">All (\d+) records</a>', profile)
    assert links
    for path, query, count in links:
        assert query == f"?settlement={settlement.ksh_code}"
        assert total(page(client, path, query)) == int(count)
