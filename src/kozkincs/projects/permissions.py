"""Who may do what with project ideas: each question is answered by asking
:mod:`kozkincs.accounts.permissions` (the one place the portal decides on roles), through the
network's own questions where an actor is concerned.

The accounts that act for the lead actor run their idea; those acting for a partner actor
answer its invitation; the network's coordinator may do both for any actor.
"""

from django.db.models import Q

from kozkincs.accounts import permissions as roles
from kozkincs.network import permissions as network
from kozkincs.network.models import Actor
from kozkincs.projects.models import ProjectIdea, ProjectPartner


def is_coordinator(user) -> bool:
    return network.is_coordinator(user)


def can_manage_calls(user) -> bool:
    """Create and edit funding calls: the network's coordinator."""
    return is_coordinator(user)


def actors_of(user):
    """The actors ``user`` may act for on ideas (every actor for the coordinator), the same
    as ``network.permissions.is_linked`` answers one by one."""
    if is_coordinator(user):
        return Actor.objects.all()
    if not roles.is_signed_in(user):
        return Actor.objects.none()
    linked = Q(accounts=user) | Q(record_id__in=roles.member_record_ids(user))
    return Actor.objects.filter(pk__in=Actor.objects.filter(linked).values("pk"))


def can_create_idea(user) -> bool:
    return is_coordinator(user) or actors_of(user).exists()


def can_edit_idea(user, idea: ProjectIdea) -> bool:
    """Edit, move through the lifecycle, invite partners, set milestones."""
    return is_coordinator(user) or network.is_linked(user, idea.lead)


def can_report_progress(user, idea: ProjectIdea) -> bool:
    """The lead, an agreed partner or the coordinator."""
    if can_edit_idea(user, idea):
        return True
    if not roles.is_signed_in(user):
        return False
    agreed = idea.partnerships.filter(status=ProjectPartner.Status.AGREED)
    return agreed.filter(actor__in=actors_of(user)).exists()


def can_answer_partnership(user, partnership: ProjectPartner) -> bool:
    if partnership.status != ProjectPartner.Status.INVITED:
        return False
    return is_coordinator(user) or network.is_linked(user, partnership.actor)


def can_endorse(user) -> bool:
    return can_create_idea(user)


def can_comment(user) -> bool:
    return roles.is_contributor(user) or actors_of(user).exists()


def can_follow(user) -> bool:
    return roles.is_signed_in(user)
