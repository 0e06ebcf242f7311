"""Who may edit an actor, answer a tie and coordinate the network: asked here only.

One function per question, so that the roles of the accounts app can take over in one place.
Until then: staff accounts coordinate; an account linked to an actor may edit that actor and
answer the ties proposed to it.
"""

from kozkincs.network.models import Actor, Tie


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and getattr(user, "is_active", False))


def is_coordinator(user) -> bool:
    """May ``user`` see the network health page, record ties in interview mode and confirm
    any tie?"""
    return _active(user) and bool(getattr(user, "is_staff", False))


def is_linked(user, actor: Actor) -> bool:
    return _active(user) and actor.accounts.filter(pk=user.pk).exists()


def can_edit_actor(user, actor: Actor) -> bool:
    return is_coordinator(user) or is_linked(user, actor)


def can_confirm_tie(user, tie: Tie) -> bool:
    """The side that did not propose ``tie`` answers it (or the coordinator)."""
    if tie.status != Tie.Status.PROPOSED:
        return False
    if is_coordinator(user):
        return True
    other = tie.target if tie.proposed_by_actor_id == tie.source_id else tie.source
    return is_linked(user, other)


def can_propose_tie(user, actor: Actor) -> bool:
    """May ``user`` propose a tie on behalf of ``actor``?"""
    return can_edit_actor(user, actor)
