"""Facet values fed back as filters give exactly the counts the facets promised, and the
settlement counts of ``/settlements/{ksh}`` agree with ``/records?settlement=``."""

import pytest

from kozkincs.catalog.models import Record
from tests.api.conftest import CATALOG
from tests.round_trip import make_round_trip_records, scenarios

pytestmark = pytest.mark.django_db

SHARED = {"catalog", "settlement", "priority"}


@pytest.fixture
def data(make_record):
    return make_round_trip_records(make_record, test_catalog=CATALOG)


def api_params(scenario: dict[str, str]) -> dict[str, str]:
    """A scenario's filters as API parameters: catalog facets become ``facet.<field>``."""
    shared = {"q", *SHARED}
    return {(k if k in shared else f"facet.{k}"): v for k, v in scenario.items()}


def get(client, params) -> dict:
    response = client.get("/api/v1/records", {**params, "page_size": 1})
    assert response.status_code == 200, (params, response.content)
    return response.json()


def fed_back(params: dict, name: str, value: str) -> dict:
    """``params`` with the facet ``name`` filtered by ``value`` alone (the facet's other
    values are what its counts ignore)."""
    parameter = name if name in SHARED else f"facet.{name}"
    return {**params, parameter: value}


def test_every_facet_value_fed_back_gives_the_promised_count(client, data):
    checked = set()
    for scenario in scenarios(data):
        params = api_params(scenario)
        body = get(client, params)
        assert body["total"] > 0, scenario
        for name, values in body["facets"].items():
            for value in values:
                total = get(client, fed_back(params, name, value["value"]))["total"]
                assert total == value["count"], (scenario, name, value)
                checked.add(name)
    # Every kind of facet was fed back: shared ones, vocabularies, multi-valued, yes/no, years.
    assert {"catalog", "settlement", "priority", "kind", "built", "tradition_kinds"} <= checked
    assert {"freely_accessible", "protection", "festive_cycle", "value_repository"} <= checked


def test_settlement_facet_values_are_ksh_codes(client, data):
    body = get(client, {})
    codes = {settlement.ksh_code for settlement in data.settlements}

    assert {value["value"] for value in body["facets"]["settlement"]} == codes


def test_catalog_totals_add_up_to_the_published_records(client, data):
    body = get(client, {})

    assert body["total"] == data.published
    assert sum(value["count"] for value in body["facets"]["catalog"]) == data.published


def test_settlement_record_count_agrees_with_the_settlement_filter(client, data):
    for settlement in data.settlements:
        detail = client.get(f"/api/v1/settlements/{settlement.ksh_code}").json()
        listed = get(client, {"settlement": settlement.ksh_code})

        assert detail["record_count"] == listed["total"] > 0
    # Further settlements count: more than the records whose main settlement it is.
    main_only = data.settlements[0].records.filter(status=Record.Status.PUBLISHED).count()
    first = client.get(f"/api/v1/settlements/{data.settlements[0].ksh_code}").json()
    assert first["record_count"] > main_only
