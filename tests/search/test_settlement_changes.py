"""A settlement edit shows in the next search answer: new data version, new facet labels."""

import pytest
from django.core.exceptions import ValidationError

from kozkincs.gazetteer.services import settlement_update
from kozkincs.search.index import index_state
from kozkincs.search.selectors import record_search


def _settlement_labels(result) -> set[str]:
    return {value.label for value in result.facets["settlement"]}


def test_renaming_a_settlement_starts_a_new_version_and_relabels_the_facet(
    corpus, places, django_capture_on_commit_callbacks
):
    before = record_search(query="templom")
    assert "Andráshida" in _settlement_labels(before)
    version, token = index_state()
    with django_capture_on_commit_callbacks(execute=True):
        settlement_update(settlement=places["andrashida"], name="Andráshida-Gébárt")
    assert index_state()[0] > version and index_state()[1] != token
    after = record_search(query="templom")
    assert "Andráshida-Gébárt" in _settlement_labels(after)
    assert "Andráshida" not in _settlement_labels(after)
    assert [item.id for item in after.items] == [item.id for item in before.items]


def test_a_refused_settlement_edit_changes_no_version(
    corpus, places, django_capture_on_commit_callbacks
):
    state = index_state()
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        settlement_update(settlement=places["andrashida"], ksh_code="12345")
    assert index_state() == state
