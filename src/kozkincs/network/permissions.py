"""Who may edit an actor, answer a tie, coordinate the network and ask for contact: the
network's questions, each answered by asking ``kozkincs.accounts.permissions`` (the one place
the portal decides on roles).

An account may act for an actor when it is linked to the actor, or when it holds the member
grant of the actor's record (the organisation's own members).
"""

from kozkincs.accounts import permissions as roles
from kozkincs.network.models import Actor, ContactRequest, Tie


def is_coordinator(user) -> bool:
    """May ``user`` see the network health page, record ties in interview mode and confirm
    any tie?"""
    return roles.coordinates_network(user)


def is_linked(user, actor: Actor) -> bool:
    if not roles.is_signed_in(user):
        return False
    if actor.record_id is not None and actor.record_id in roles.member_record_ids(user):
        return True
    return actor.accounts.filter(pk=user.pk).exists()


def can_edit_actor(user, actor: Actor) -> bool:
    return is_coordinator(user) or is_linked(user, actor)


def can_create_actor_for(user, record) -> bool:
    """May ``user`` make ``record`` (an organisation) an actor of the network? Its members,
    whoever may edit the record, and the coordinator."""
    return (
        is_coordinator(user)
        or record.pk in roles.member_record_ids(user)
        or roles.can_edit_record(user, record)
    )


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


def can_request_contact(user) -> bool:
    """Contact requests through the finder: contributors (a confirmed e-mail address) and
    whoever acts for an actor."""
    if roles.can_propose(user):
        return True
    return roles.is_signed_in(user) and (
        bool(roles.member_record_ids(user)) or Actor.objects.filter(accounts=user).exists()
    )


def can_record_outcome(user, request: ContactRequest) -> bool:
    """The sender, the contacted actor's accounts and the coordinator record the outcome."""
    if not roles.is_signed_in(user):
        return False
    if request.sender_id == user.pk or is_coordinator(user):
        return True
    return is_linked(user, request.to_actor) or (
        request.from_actor is not None and is_linked(user, request.from_actor)
    )
