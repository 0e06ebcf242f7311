"""Actors and ties through the services: database rules, confirmation, derived ties."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kozkincs.network.kinds import ActorKind, TieKind
from kozkincs.network.models import Actor, Tie
from kozkincs.network.services import actor_create, tie_answer, tie_propose

pytestmark = pytest.mark.django_db


def test_a_tie_to_oneself_is_refused_by_the_service_and_by_the_database(choir):
    with pytest.raises(ValidationError) as refused:
        tie_propose(proposer=choir, other=choir, kind=TieKind.PARTNERSHIP)
    assert "itself" in str(refused.value.message_dict["target"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Tie.objects.create(source=choir, target=choir, kind=TieKind.MEMBERSHIP)
    assert Tie.objects.count() == 0


def test_a_duplicate_tie_is_refused_also_in_the_other_direction(choir, library):
    tie_propose(proposer=choir, other=library, kind=TieKind.PARTNERSHIP)
    with pytest.raises(ValidationError, match="already recorded"):
        tie_propose(proposer=library, other=choir, kind=TieKind.PARTNERSHIP)
    first, second = sorted([choir.pk, library.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        Tie.objects.create(source_id=second, target_id=first, kind=TieKind.PARTNERSHIP)
    assert Tie.objects.count() == 1


def test_a_proposed_tie_waits_for_the_other_side_and_is_versioned(choir, library, member):
    tie = tie_propose(proposer=choir, other=library, kind=TieKind.PERFORMS_AT, user=member)
    assert tie.status == Tie.Status.PROPOSED and tie.origin == Tie.Origin.MEMBER
    tie_answer(tie=tie, accept=True)
    tie.refresh_from_db()
    assert tie.status == Tie.Status.CONFIRMED
    assert [v.status for v in tie.history.order_by("history_id")] == ["proposed", "confirmed"]
    with pytest.raises(ValidationError, match="already answered"):
        tie_answer(tie=tie, accept=False)


def test_the_coordinator_reports_a_tie_confirmed_and_marked(choir, library, staff):
    tie = tie_propose(proposer=choir, other=library, kind=TieKind.ROUNDTABLE, user=staff,
                      coordinator=True)  # fmt: skip
    assert (tie.status, tie.origin) == (Tie.Status.CONFIRMED, Tie.Origin.COORDINATOR)


def test_a_tie_cannot_end_before_it_starts(choir, library):
    from datetime import date

    with pytest.raises(ValidationError) as refused:
        tie_propose(proposer=choir, other=library, kind=TieKind.PROJECT,
                    start_date=date(2012, 1, 1), end_date=date(2010, 1, 1))  # fmt: skip
    assert "end_date" in refused.value.message_dict


def test_an_operator_relation_between_records_becomes_one_derived_tie(
    make_record, library, choir, django_capture_on_commit_callbacks
):
    from kozkincs.catalog.services import record_update

    with django_capture_on_commit_callbacks(execute=True):
        record_update(record=library.record,
                      data={"values": {"kind": "village_hall",
                                       "operator_organisation": [choir.record.pk]}})  # fmt: skip
    tie = Tie.objects.get()
    assert (tie.source, tie.target, tie.kind) == (choir, library, TieKind.OPERATES)
    assert (tie.origin, tie.status, tie.derived_field) == ("derived", "confirmed",
                                                           "operator_organisation")  # fmt: skip
    with pytest.raises(ValidationError, match="already recorded"):
        tie_propose(proposer=choir, other=library, kind=TieKind.OPERATES)
    with django_capture_on_commit_callbacks(execute=True):
        record_update(
            record=library.record,
            data={"values": {"kind": "village_hall", "operator_organisation": []}},
        )
    assert not Tie.objects.exists()


def test_an_organisation_actor_needs_a_record_of_an_organisation_catalog(make_record, choir):
    with pytest.raises(ValidationError, match="already an actor"):
        actor_create(kind=ActorKind.ORGANISATION, record=choir.record)
    built = make_record("Harangláb", catalog="built-values", values={"kind": "chapel"})
    with pytest.raises(ValidationError) as refused:
        actor_create(kind=ActorKind.ORGANISATION, record=built)
    assert "record" in refused.value.message_dict
    assert Actor.objects.count() == 1


def test_one_actor_per_municipality(bagod):
    actor_create(kind=ActorKind.MUNICIPALITY, settlement=bagod)
    with pytest.raises(ValidationError, match="already an actor"):
        actor_create(kind=ActorKind.MUNICIPALITY, settlement=bagod)


def test_the_actor_catalogs_come_from_the_settings(settings, make_record):
    settings.KOZKINCS_NETWORK_ACTOR_CATALOGS = ["built-values"]
    built = make_record("Harangláb", catalog="built-values", values={"kind": "chapel"})
    assert actor_create(kind=ActorKind.ORGANISATION, record=built).record == built


def test_the_system_check_names_an_unknown_actor_catalog(settings):
    from kozkincs.network.checks import check_network_catalogs

    settings.KOZKINCS_NETWORK_ACTOR_CATALOGS = ["no-such-catalog"]
    assert [e.id for e in check_network_catalogs()] == ["kozkincs.E040"]


def test_the_system_check_names_a_derived_relation_that_relates_no_records(monkeypatch):
    from kozkincs.network import checks
    from kozkincs.network.kinds import DerivedRelation

    wrong = DerivedRelation("cultural-centres", "address", TieKind.PARTNERSHIP)
    monkeypatch.setattr(checks, "DERIVED_RELATIONS", (wrong,))
    assert [e.id for e in checks.check_network_catalogs()] == ["kozkincs.E041"]
