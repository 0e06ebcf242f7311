"""Who may do what with nominations: the one place the decisions are made.

The value repository committee decides on nominations: moderators and administrators
(``accounts/permissions.py``). The proposer reaches their own nomination through the secret
follow-up link they received, without an account.
"""

from kozkincs.accounts.permissions import is_moderator


def committee_can_decide(user) -> bool:
    return is_moderator(user)
