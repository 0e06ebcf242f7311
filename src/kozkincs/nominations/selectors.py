"""Reads of nominations: the proposer's view, the committee's queue, the public register."""

from django.db.models import Q, QuerySet

from kozkincs.catalog.models import Record
from kozkincs.gazetteer.models import Settlement
from kozkincs.nominations.models import Nomination, ValueCategory

REGISTERED = (Nomination.Status.ACCEPTED, Nomination.Status.FORWARDED)


def nomination_for_proposer(*, token: str) -> Nomination:
    """The nomination behind a follow-up link; ``Nomination.DoesNotExist`` otherwise."""
    return Nomination.objects.select_related("category", "settlement", "record").get(
        follow_token=token
    )


def nomination_queue(
    *, status: str = "", category: ValueCategory | None = None,
    settlement: Settlement | None = None,
) -> QuerySet[Nomination]:  # fmt: skip
    """The committee's list: open nominations first (oldest first), then decided ones."""
    nominations = Nomination.objects.select_related("category", "settlement")
    if status:
        nominations = nominations.filter(status=status)
    if category is not None:
        nominations = nominations.filter(category=category)
    if settlement is not None:
        nominations = nominations.filter(settlement=settlement)
    return nominations.order_by("submitted_at", "id")


def nomination_for_committee(*, nomination_id: int) -> Nomination:
    return Nomination.objects.select_related("category", "settlement", "record").get(
        pk=nomination_id
    )


def register_entries(
    *, category: ValueCategory | None = None, settlement: Settlement | None = None
) -> QuerySet[Nomination]:
    """Accepted values whose record is public, by category and name."""
    entries = Nomination.objects.filter(
        status__in=REGISTERED, record__status=Record.Status.PUBLISHED
    ).select_related("category", "settlement", "record")
    if category is not None:
        entries = entries.filter(category=category)
    if settlement is not None:
        entries = entries.filter(Q(settlement=settlement) | Q(record__settlement=settlement))
    return entries.order_by("category__position", "record__name", "id")


def register_settlements() -> QuerySet[Settlement]:
    """Settlements with at least one registered value (for the register's filter)."""
    return Settlement.objects.filter(
        pk__in=Nomination.objects.filter(
            status__in=REGISTERED, record__status=Record.Status.PUBLISHED
        ).values("settlement")
    ).order_by("name")
