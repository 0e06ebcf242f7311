import pytest

from kozkincs.gazetteer.services import gazetteer_import


@pytest.fixture
def imported(db):
    """The shipped gazetteer, imported into the test database."""
    return gazetteer_import()
