import pytest
from django.urls import reverse
from django.utils import translation

from kozkincs.strategy.selectors import priority_list

pytestmark = pytest.mark.django_db


def test_the_five_priorities_in_order_in_three_languages():
    priorities = list(priority_list())
    assert [p.number for p in priorities] == [1, 2, 3, 4, 5]
    assert priorities[1].name == "Kulturális örökség védelme"
    for priority in priorities:
        assert priority.name and priority.name_en and priority.name_de
        assert priority.description and priority.description_en and priority.description_de
    with translation.override("en"):
        assert priorities[4].display_name == "Linking culture and tourism development"
    with translation.override("de"):
        assert priorities[0].display_name == "Kulturelle Gemeinschaftsentwicklung"


def test_priority_admin_pages_render(admin_client):
    priority = priority_list().first()
    assert (
        admin_client.get(reverse("admin:strategy_strategypriority_changelist")).status_code == 200
    )
    url = reverse("admin:strategy_strategypriority_change", args=[priority.pk])
    assert admin_client.get(url).status_code == 200
