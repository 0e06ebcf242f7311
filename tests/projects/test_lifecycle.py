"""The lifecycle of an idea: only the allowed moves, each kept with its date and author."""

import pytest
from django.core.exceptions import ValidationError

from kozkincs.projects.lifecycle import TRANSITIONS, IdeaStatus, can_move, next_statuses
from kozkincs.projects.services import idea_move

pytestmark = pytest.mark.django_db


def test_every_status_is_in_the_transition_table_and_moves_only_to_known_statuses():
    assert set(TRANSITIONS) == set(IdeaStatus.values)
    for targets in TRANSITIONS.values():
        assert targets <= set(IdeaStatus.values)
    assert next_statuses(IdeaStatus.COMPLETED) == []


def test_a_funded_project_follows_the_funders_stages(idea, member):
    for status in ("preparation", "submitted", "funded", "in_progress", "completed"):
        idea_move(idea=idea, status=status, user=member)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.COMPLETED
    moves = [(c.old_status, c.new_status) for c in idea.status_changes.all()]
    assert moves == [("idea", "preparation"), ("preparation", "submitted"),
                     ("submitted", "funded"), ("funded", "in_progress"),
                     ("in_progress", "completed")]  # fmt: skip
    assert all(c.changed_by == member for c in idea.status_changes.all())
    assert idea.history.count() == 6  # created + one version per move


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ((), "funded"),
        ((), "completed"),
        (("preparation",), "funded"),
        (("preparation", "submitted", "funded", "in_progress", "completed"), "idea"),
        (("shelved",), "preparation"),
    ],
)
def test_a_move_the_lifecycle_does_not_allow_is_refused_and_changes_nothing(idea, path, refused):
    for status in path:
        idea_move(idea=idea, status=status)
    before = idea.status
    assert not can_move(before, refused)
    with pytest.raises(ValidationError) as error:
        idea_move(idea=idea, status=refused)
    assert "cannot move" in error.value.message_dict["status"][0]
    idea.refresh_from_db()
    assert idea.status == before
    assert idea.status_changes.count() == len(path)


def test_a_shelved_idea_can_be_taken_up_again(idea):
    idea_move(idea=idea, status="shelved")
    idea_move(idea=idea, status="idea")
    idea.refresh_from_db()
    assert idea.status == "idea"


def test_a_move_from_a_stale_copy_is_refused(idea):
    from kozkincs.projects.models import ProjectIdea

    stale = ProjectIdea.objects.get(pk=idea.pk)
    idea_move(idea=idea, status="preparation")
    with pytest.raises(ValidationError, match="changed meanwhile"):
        idea_move(idea=stale, status="shelved")
    idea.refresh_from_db()
    assert idea.status == "preparation"


def test_an_unknown_status_is_refused(idea):
    with pytest.raises(ValidationError, match="Unknown status"):
        idea_move(idea=idea, status="approved")
