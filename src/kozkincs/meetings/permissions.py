"""Who may coordinate the roundtable, read what stays among members and follow a decision:
asked here only, answered with the roles of the accounts app (``accounts/permissions.py``).

- coordinating (plan, edit, invite, minutes, documents, decisions): moderators and
  administrators (:func:`kozkincs.accounts.permissions.can_coordinate_roundtable`);
- the members' sections of the minutes and members' documents: accounts linked to an actor
  of the network, and the coordinators;
- the status of a decision: the coordinators and the accounts linked to its responsible actor.
"""

from kozkincs.accounts.permissions import can_coordinate_roundtable, is_signed_in
from kozkincs.meetings.models import Decision, Visibility
from kozkincs.network.models import Actor


def can_manage_meetings(user) -> bool:
    return can_coordinate_roundtable(user)


def is_network_member(user) -> bool:
    """An active account linked to at least one actor of the network."""
    return is_signed_in(user) and Actor.objects.filter(accounts=user).exists()


def can_see(user, visibility: str) -> bool:
    """May ``user`` see a section or document shown to ``visibility``?"""
    if visibility == Visibility.PUBLIC:
        return True
    return can_manage_meetings(user) or is_network_member(user)


def can_update_decision(user, decision: Decision) -> bool:
    if can_manage_meetings(user):
        return True
    return is_signed_in(user) and decision.responsible.accounts.filter(pk=user.pk).exists()
