import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from kozkincs.accounts.models import Role
from kozkincs.accounts.services import role_grant_create
from kozkincs.strategy.models import IndicatorValue


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", password="x")
    role_grant_create(user=user, role=Role.MODERATOR, granted_by=None)
    return user


def test_the_dashboard_shows_priorities_indicators_with_a_chart_and_a_table(
    client, places, make_group, make_indicator
):
    make_group("Bagodi Dalkör", places["bagod"], priorities=[1])
    make_indicator("", name="Résztvevők", unit="persons", baseline_value=Decimal(120),
                   baseline_year=2010, is_demo=True)  # fmt: skip
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cultural community development" in html and "Résztvevők" in html
    assert '<svg class="trend-chart"' in html and "<caption>" in html
    assert 'class="heat-table"' in html and "Teskánd" in html


def test_a_priority_page_and_a_missing_priority(client, region):
    assert client.get(reverse("dashboard:priority", args=[3])).status_code == 200
    assert client.get(reverse("dashboard:priority", args=[9])).status_code == 404


def test_the_printable_page_loads_the_print_styles(client, region):
    response = client.get(reverse("dashboard:print"))
    assert response.status_code == 200
    assert "dashboard/css/dashboard.css" in response.content.decode()


def test_the_csv_starts_with_a_bom_and_neutralises_formulas(client, places, make_indicator):
    indicator = make_indicator("", name="=HYPERLINK(1)", unit="count",
                               baseline_value=Decimal(3), baseline_year=2010)  # fmt: skip
    response = client.get(reverse("dashboard:export"))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    baseline = next(row for row in rows if row[3].endswith(indicator.name))
    assert baseline[3] == "'=HYPERLINK(1)"
    assert (baseline[5], baseline[6]) == ("2010", "3")
    assert sum(row[0].startswith("Roundtable meetings") for row in rows) == 15  # 5 x 3 statuses
    bagod = [row for row in rows if row[4] == "Bagod"]
    assert len(bagod) == 15  # records, actors and ideas for each of the five priorities


def test_an_anonymous_visitor_gets_a_304_until_a_value_changes(client, region, make_indicator):
    indicator = make_indicator("")
    url = reverse("dashboard:index")
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    IndicatorValue.objects.create(indicator=indicator, year=2012, value=3, unit="count")
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_a_moderator_records_a_value(client, moderator, make_indicator):
    indicator = make_indicator("", unit="percent")
    client.force_login(moderator)
    with translation.override("hu"):  # a Hungarian decimal comma
        url = reverse("dashboard:value_new", args=[indicator.pk])
    response = client.post(url, {"year": "2014", "value": "42,5", "source_note": "Felmérés"})
    assert response.status_code == 302
    row = IndicatorValue.objects.get()
    assert (row.value, row.recorded_by, row.unit) == (Decimal("42.5"), moderator, "percent")


def test_a_value_of_the_wrong_unit_gets_a_clear_message_and_nothing_is_saved(
    client, moderator, make_indicator
):
    indicator = make_indicator("", unit="percent")
    client.force_login(moderator)
    url = reverse("dashboard:value_new", args=[indicator.pk])
    response = client.post(url, {"year": "2014", "value": "140"})
    assert response.status_code == 400
    assert "A percentage is between 0 and 100." in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_second_value_of_a_year_is_refused_in_the_form(client, moderator, make_indicator):
    indicator = make_indicator("", unit="count")
    client.force_login(moderator)
    url = reverse("dashboard:value_new", args=[indicator.pk])
    client.post(url, {"year": "2014", "value": "3"})
    response = client.post(url, {"year": "2014", "value": "4"})
    assert response.status_code == 400
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [3]


def test_a_contributor_may_not_record_values_and_nothing_changes(
    client, django_user_model, make_indicator
):
    indicator = make_indicator("", unit="count")
    client.force_login(django_user_model.objects.create_user("valaki", password="x"))
    url = reverse("dashboard:value_new", args=[indicator.pk])
    assert client.post(url, {"year": "2014", "value": "3"}).status_code == 403
    assert client.post(reverse("dashboard:compute")).status_code == 403
    assert not IndicatorValue.objects.exists()


def test_the_moderator_starts_the_computation(client, moderator, region, make_indicator):
    make_indicator("records_in_priority")
    client.force_login(moderator)
    assert client.post(reverse("dashboard:compute")).status_code == 302
    assert IndicatorValue.objects.filter(is_computed=True).count() == 1


def test_the_page_reads_a_fixed_number_of_queries(client, places, make_indicator, goal):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kozkincs.strategy.models import Measure

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("dashboard:index")).status_code == 200
        return len(captured)

    measure = Measure.objects.create(goal=goal, number=1, name="Intézkedés")
    make_indicator("", name="Első", measure=measure)
    before = page_queries()
    for n in range(5):
        other = Measure.objects.create(goal=goal, number=n + 2, name=f"Intézkedés {n}")
        make_indicator("", name=f"Mutató {n}", measure=other)
    assert page_queries() == before
