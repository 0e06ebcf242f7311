"""Ties derived from the data of the apps above the network (derived_ties_replace)."""

from datetime import date

import pytest

from kozkincs.network.kinds import TieKind
from kozkincs.network.models import Tie, TieDerivation
from kozkincs.network.services import derived_ties_replace, derived_ties_sync, tie_propose

pytestmark = pytest.mark.django_db

PROJECT = str(TieKind.PROJECT)


def _replace(key, pairs, **kwargs):
    return derived_ties_replace(
        key=key, pairs=pairs, evidence_text=f"Evidence of {key}", evidence_url=f"/{key}/", **kwargs
    )


def test_pairs_become_confirmed_derived_ties_stored_in_symmetric_order(
    choir, library, make_actor, django_capture_on_commit_callbacks
):
    third = make_actor("Bagodi Népdalkör")
    high, low = max(choir.pk, library.pk), min(choir.pk, library.pk)
    with django_capture_on_commit_callbacks() as callbacks:
        changes = _replace("project:1", {(high, low, PROJECT), (third.pk, third.pk, PROJECT)},
                           start=date(2011, 1, 1), end=date(2011, 12, 31))  # fmt: skip
    assert changes == 1
    assert len(callbacks) == 1  # the figures are recomputed after the commit
    tie = Tie.objects.get(kind=PROJECT)
    assert (tie.source_id, tie.target_id) == (low, high)
    assert (tie.status, tie.origin) == (Tie.Status.CONFIRMED, Tie.Origin.DERIVED)
    assert (tie.evidence_text, tie.evidence_url) == ("Evidence of project:1", "/project:1/")
    assert (tie.start_date, tie.end_date) == (date(2011, 1, 1), date(2011, 12, 31))


def test_replacing_removes_the_ties_of_that_key_only(choir, library, make_actor):
    third = make_actor("Bagodi Népdalkör")
    _replace("project:1", {(choir.pk, library.pk, PROJECT), (choir.pk, third.pk, PROJECT)})
    _replace("meeting:1", {(choir.pk, third.pk, TieKind.ROUNDTABLE)})
    assert _replace("project:1", {(choir.pk, library.pk, PROJECT)}) == 1
    kinds = sorted(Tie.objects.values_list("kind", flat=True))
    assert kinds == [PROJECT, TieKind.ROUNDTABLE]
    assert _replace("project:1", set()) == 1
    assert list(Tie.objects.values_list("kind", flat=True)) == [TieKind.ROUNDTABLE]
    assert not TieDerivation.objects.filter(key="project:1").exists()


def test_a_pair_shared_by_two_keys_lives_until_both_are_gone(choir, library):
    pair = {(choir.pk, library.pk, PROJECT)}
    assert _replace("project:1", pair) == 1
    assert _replace("project:2", pair) == 0  # not recorded twice
    assert Tie.objects.count() == 1
    _replace("project:1", set())
    assert Tie.objects.count() == 1
    _replace("project:2", set())
    assert Tie.objects.count() == 0


def test_a_typed_in_tie_is_kept_when_its_key_goes(choir, library):
    typed = tie_propose(proposer=choir, other=library, kind=TieKind.PROJECT, coordinator=True)
    assert _replace("project:1", {(library.pk, choir.pk, PROJECT)}) == 0
    _replace("project:1", set())
    typed.refresh_from_db()
    assert typed.origin == Tie.Origin.COORDINATOR


def test_a_record_relation_sync_leaves_the_keyed_ties_alone(choir, library):
    _replace("project:1", {(choir.pk, library.pk, PROJECT)})
    derived_ties_sync(record_ids=[choir.record_id, library.record_id])
    assert Tie.objects.filter(kind=PROJECT).exists()


def test_repeating_the_same_pairs_changes_nothing_but_new_dates_move_the_tie(choir, library):
    pair = {(choir.pk, library.pk, PROJECT)}
    _replace("project:1", pair, start=date(2011, 1, 1))
    assert _replace("project:1", pair, start=date(2011, 1, 1)) == 0
    assert _replace("project:1", pair, start=date(2012, 3, 1)) == 1
    assert Tie.objects.get().start_date == date(2012, 3, 1)
    assert Tie.objects.get().history.count() == 2


def test_an_unknown_kind_is_a_programming_error(choir, library):
    with pytest.raises(ValueError, match="Unknown kind"):
        _replace("project:1", {(choir.pk, library.pk, "friendship")})
    assert Tie.objects.count() == 0
