"""Fixtures of the network tests: organisations (records of the built-in catalogs) in two
settlements, their actors, a municipality and accounts."""

import pytest

from kozkincs.network.kinds import ActorKind
from kozkincs.network.services import actor_create
from tests.gazetteer.factories import SettlementFactory
from tests.record_makers import record_maker


@pytest.fixture
def zalaegerszeg(db):
    return SettlementFactory(ksh_code="32054", name="Zalaegerszeg", slug="zalaegerszeg")


@pytest.fixture
def bagod(db):
    return SettlementFactory(ksh_code="30368", name="Bagod", slug="bagod")


@pytest.fixture
def make_record(django_capture_on_commit_callbacks):
    return record_maker(django_capture_on_commit_callbacks, "civil-organisations")


@pytest.fixture
def make_actor(make_record, bagod):
    def make(name, *, settlement=None, catalog="civil-organisations", values=None, publish=True):
        values = values or ({"legal_form": "association"} if catalog == "civil-organisations"
                            else {"kind": "village_hall"})  # fmt: skip
        record = make_record(
            name, catalog=catalog, values=values, settlement=settlement or bagod, publish=publish
        )
        return actor_create(kind=ActorKind.ORGANISATION, record=record)

    return make


@pytest.fixture
def choir(make_actor):
    return make_actor("Bagodi Dalkör")


@pytest.fixture
def library(make_actor, zalaegerszeg):
    return make_actor("Városi Könyvtár", settlement=zalaegerszeg, catalog="cultural-centres")


@pytest.fixture
def member(django_user_model, choir):
    user = django_user_model.objects.create_user("dalkor", password="x")
    choir.accounts.add(user)
    return user


@pytest.fixture
def library_member(django_user_model, library):
    user = django_user_model.objects.create_user("konyvtar", password="x")
    library.accounts.add(user)
    return user


@pytest.fixture
def outsider(django_user_model):
    return django_user_model.objects.create_user("kivulallo", password="x")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("koordinator", password="x", is_staff=True)
