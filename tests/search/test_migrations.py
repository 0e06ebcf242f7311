"""Migration 0004 turns the settlement facet lines of an existing index into KSH codes in place
and starts a new data version, so no rebuild is needed after the upgrade."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kozkincs.search.consistency import index_check
from kozkincs.search.index import index_state
from kozkincs.search.models import SearchDocument

BEFORE = [("search", "0003_in_memory_facets")]
AFTER = [("search", "0004_settlement_facet_by_ksh_code")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_settlement_ids_become_ksh_codes_and_the_version_moves_on(corpus, places):
    castle = corpus["castle"]  # main settlement Bocfölde, further settlement Zalaegerszeg
    current = SearchDocument.objects.get(record_id=castle.pk).facet_lines
    migrate(BEFORE)
    zeg, bocfolde = places["zeg"], places["bocfolde"]
    old_lines = current.replace(zeg.ksh_code, str(zeg.pk)).replace(
        bocfolde.ksh_code, str(bocfolde.pk)
    )
    assert old_lines != current
    SearchDocument.objects.filter(record_id=castle.pk).update(facet_lines=old_lines)
    version = index_state()[0]

    migrate(AFTER)

    assert SearchDocument.objects.get(record_id=castle.pk).facet_lines == current
    assert f"settlement={bocfolde.ksh_code}" in current
    assert f"settlement={zeg.ksh_code}" in current
    assert index_state()[0] == version + 1
    assert index_check().agrees
