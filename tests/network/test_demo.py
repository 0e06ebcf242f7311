"""The roundtable as demo data: ``load_demo`` makes actors of the demo organisations, the
municipalities of their settlements and the library that hosted the roundtable, with the
"member of the roundtable" ties and the ties derived from the records; a second run creates
nothing."""

import pytest

from kozkincs.catalog.demo import load_demo
from kozkincs.catalog.models import Record
from kozkincs.network.figures import network_figures_recompute
from kozkincs.network.kinds import ActorKind, TieKind, actor_catalogs
from kozkincs.network.models import Actor, ActorOffer, NetworkSnapshot, Tie
from kozkincs.network.partners import Wishes, partner_suggestions
from tests.demo_database import demo_database


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker):
    with demo_database(django_db_blocker) as report:
        yield report


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded")
class TestNetworkDemo:
    def test_every_demo_organisation_is_an_actor(self, loaded):
        organisations = Record.objects.filter(is_demo=True, catalog__in=actor_catalogs())
        assert Actor.objects.filter(record__in=organisations).count() == organisations.count()
        assert loaded.extra and loaded.extra[0] in loaded.lines()  # the network loads first

    def test_municipalities_and_roundtable_ties_are_demo_and_confirmed(self):
        assert Actor.objects.filter(kind=ActorKind.MUNICIPALITY, settlement__ksh_code="32054")
        library = Actor.objects.get(record__name__startswith="József Attila Városi Könyvtár")
        # the typed-in membership ties (the 2010 meeting adds derived ones: tests/meetings)
        roundtable = Tie.objects.filter(kind=TieKind.ROUNDTABLE, origin=Tie.Origin.COORDINATOR)
        assert roundtable.count() == Actor.objects.filter(is_demo=True).count() - 1
        assert all(t.is_demo and t.status == "confirmed" for t in roundtable)
        assert all(library.pk in (t.source_id, t.target_id) for t in roundtable)

    def test_operator_relations_of_the_records_became_derived_ties(self):
        derived = Tie.objects.filter(origin=Tie.Origin.DERIVED)
        assert derived.filter(derived_field="operator_organisation", kind=TieKind.OPERATES)

    def test_second_run_creates_nothing(self):
        counts = (Actor.objects.count(), Tie.objects.count())
        assert not load_demo().changed
        assert (Actor.objects.count(), Tie.objects.count()) == counts

    def test_the_figures_of_the_demo_show_the_library_as_the_hub(self):
        years = network_figures_recompute(current_year=2026)
        assert years[0] == 2009
        snapshot = NetworkSnapshot.objects.get(year=2026)
        library = Actor.objects.get(record__name__startswith="József Attila Városi Könyvtár")
        degrees = {int(k): v["degree"] for k, v in snapshot.actor_figures.items()}
        assert max(degrees, key=degrees.get) == library.pk
        assert snapshot.figures["crossing_share"] > 0.5

    def test_demo_actors_have_offers_and_needs_for_the_partner_finder(self):
        organisations = Actor.objects.filter(is_demo=True, kind=ActorKind.ORGANISATION)
        assert ActorOffer.objects.filter(actor__in=organisations, direction="need").exists()
        rows, _ranking = partner_suggestions(viewer=None, wishes=Wishes(needs=["venue"]))
        assert rows and all(r.actor.is_demo for r in rows)
        assert all(any(f.key == "need" and f.points > 0 for f in r.factors) for r in rows)
