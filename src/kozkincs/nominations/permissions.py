"""Who may do what with nominations: the one place the decisions are made.

The value repository committee decides on nominations. Until the portal's roles (accounts) are
in place, the committee is the active staff; the proposer reaches their own nomination through
the secret follow-up link they received, without an account.
"""


def committee_can_decide(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)
