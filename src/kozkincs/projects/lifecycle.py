"""The stages of a project idea, following those funders use, and the moves between them.

The services allow only the moves of :data:`TRANSITIONS`; the pages offer only those.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdeaStatus(models.TextChoices):
    IDEA = "idea", _("idea")
    PREPARATION = "preparation", _("in preparation")
    SUBMITTED = "submitted", _("submitted")
    FUNDED = "funded", _("funded")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    SHELVED = "shelved", _("shelved")


TRANSITIONS: dict[str, frozenset[str]] = {
    IdeaStatus.IDEA: frozenset({IdeaStatus.PREPARATION, IdeaStatus.SHELVED}),
    IdeaStatus.PREPARATION: frozenset(
        # carried out without a call (own means) goes straight to work
        {IdeaStatus.IDEA, IdeaStatus.SUBMITTED, IdeaStatus.IN_PROGRESS, IdeaStatus.SHELVED}
    ),
    IdeaStatus.SUBMITTED: frozenset(
        # not funded: prepared again for another call, or shelved
        {IdeaStatus.FUNDED, IdeaStatus.PREPARATION, IdeaStatus.SHELVED}
    ),
    IdeaStatus.FUNDED: frozenset({IdeaStatus.IN_PROGRESS, IdeaStatus.SHELVED}),
    IdeaStatus.IN_PROGRESS: frozenset({IdeaStatus.COMPLETED, IdeaStatus.SHELVED}),
    IdeaStatus.COMPLETED: frozenset(),
    IdeaStatus.SHELVED: frozenset({IdeaStatus.IDEA}),
}
"""Allowed moves: from a status (key) to any of its values."""

ORDER: tuple[str, ...] = tuple(IdeaStatus.values)
"""The stages in the order a successful project passes them (shelved last)."""


def can_move(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())


def next_statuses(current: str) -> list[str]:
    """The statuses an idea in ``current`` may move to, in lifecycle order."""
    allowed = TRANSITIONS.get(current, frozenset())
    return [status for status in ORDER if status in allowed]
