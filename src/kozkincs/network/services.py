"""Every write of the network: actors, their profiles, ties and their answers, derived ties.

Keyword-only, atomic, validate first; a refused change raises ``ValidationError`` keyed by
field and changes nothing. A change of ties enqueues the recomputation of the figures when it
commits.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.core.id_lists import ids_among
from kozkincs.core.mail import mail_queue
from kozkincs.gazetteer.models import Settlement
from kozkincs.network.kinds import (
    SYMMETRIC_TIE_KINDS,
    ActorKind,
    TieKind,
    actor_catalogs,
    derived_relation_get,
)
from kozkincs.network.models import Actor, ActorOffer, ContactRequest, Tie, TieDerivation
from kozkincs.network.tasks import network_figures_compute


def figures_recompute_on_commit() -> None:
    transaction.on_commit(lambda: network_figures_compute.enqueue())


def _check_actor(kind: str, record: Record | None, settlement: Settlement | None, name: str):
    if kind not in ActorKind.values:
        raise ValidationError({"kind": [_("Unknown kind of actor.")]})
    if kind == ActorKind.ORGANISATION:
        if record is None or record.catalog not in actor_catalogs():
            raise ValidationError(
                {"record": [_("Choose a record of an organisation, group or institution.")]}
            )
        if Actor.objects.filter(record=record).exists():
            raise ValidationError({"record": [_("This record is already an actor.")]})
    elif kind == ActorKind.MUNICIPALITY:
        if settlement is None:
            raise ValidationError({"settlement": [_("Choose the municipality's settlement.")]})
        if Actor.objects.filter(kind=kind, settlement=settlement).exists():
            raise ValidationError({"settlement": [_("This municipality is already an actor.")]})
    elif not name.strip():
        raise ValidationError({"name": [_("Give the actor's name.")]})


@transaction.atomic
def actor_create(
    *,
    kind: str,
    record: Record | None = None,
    settlement: Settlement | None = None,
    name: str = "",
    description: str = "",
    description_en: str = "",
    is_demo: bool = False,
) -> Actor:
    _check_actor(kind, record, settlement, name)
    if record is not None and settlement is None:
        settlement = record.settlement
    actor = Actor.objects.create(
        kind=kind,
        record=record if kind == ActorKind.ORGANISATION else None,
        settlement=settlement,
        name=name.strip(),
        description=description,
        description_en=description_en,
        is_demo=is_demo,
    )
    if record is not None:
        derived_ties_sync(record_ids=[record.pk])
    return actor


@transaction.atomic
def actor_create_for_member(*, record: Record, user) -> Actor:
    """An organisation's member makes its record an actor of the network and may then edit
    its profile (offers and needs)."""
    actor = actor_create(kind=ActorKind.ORGANISATION, record=record)
    actor.accounts.add(user)
    return actor


@transaction.atomic
def actor_update(
    *,
    actor: Actor,
    description: str,
    description_en: str,
    themes: list[str],
    priorities,
    settlements_served,
    offers: list[tuple[str, str, str]],
    consent: bool | None = None,
    visibility: str | None = None,
) -> Actor:
    """Replace the profile of ``actor``; ``offers`` as (direction, kind, text) triples.
    Consent and visibility apply to private persons only."""
    actor.description = description.strip()
    actor.description_en = description_en.strip()
    actor.themes = [theme.strip() for theme in themes if theme.strip()]
    if actor.kind == ActorKind.PERSON and consent is not None:
        actor.consent = consent
        actor.visibility = visibility or actor.visibility
    actor.full_clean(exclude=["record", "settlement"])
    actor.save()
    actor.priorities.set(priorities)
    actor.settlements_served.set(settlements_served)
    actor.offers.all().delete()
    ActorOffer.objects.bulk_create(
        ActorOffer(actor=actor, direction=d, kind=k, text=t.strip()) for d, k, t in offers
    )
    return actor


def _ordered(source: Actor, target: Actor, kind: str) -> tuple[Actor, Actor]:
    if kind in SYMMETRIC_TIE_KINDS and source.pk > target.pk:
        return target, source
    return source, target


def _check_tie(source: Actor, target: Actor, kind: str, start: date | None, end: date | None):
    if source.pk == target.pk:
        raise ValidationError({"target": [_("An actor cannot have a tie to itself.")]})
    if kind not in TieKind.values:
        raise ValidationError({"kind": [_("Unknown kind of tie.")]})
    if start and end and end < start:
        raise ValidationError({"end_date": [_("The tie cannot end before it starts.")]})
    first, second = _ordered(source, target, kind)
    if Tie.objects.filter(source=first, target=second, kind=kind).exists():
        raise ValidationError({NON_FIELD_ERRORS: [_("This tie is already recorded.")]})


def tie_propose(
    *,
    proposer: Actor,
    other: Actor,
    kind: str,
    user=None,
    reversed_direction: bool = False,
    coordinator: bool = False,
    start_date: date | None = None,
    end_date: date | None = None,
    evidence_record: Record | None = None,
    evidence_text: str = "",
    evidence_url: str = "",
) -> Tie:
    """A tie from ``proposer`` to ``other`` (``reversed_direction``: from ``other``), waiting
    for the other side. Reported by the coordinator (interview mode) it is confirmed at once."""
    source, target = (other, proposer) if reversed_direction else (proposer, other)
    _check_tie(source, target, kind, start_date, end_date)
    source, target = _ordered(source, target, kind)
    try:
        with transaction.atomic():
            tie = Tie.objects.create(
                source=source,
                target=target,
                kind=kind,
                status=Tie.Status.CONFIRMED if coordinator else Tie.Status.PROPOSED,
                origin=Tie.Origin.COORDINATOR if coordinator else Tie.Origin.MEMBER,
                proposed_by_actor=proposer,
                proposed_by=user,
                answered_by=user if coordinator else None,
                answered_at=timezone.now() if coordinator else None,
                start_date=start_date,
                end_date=end_date,
                evidence_record=evidence_record,
                evidence_text=evidence_text.strip(),
                evidence_url=evidence_url.strip(),
            )
            figures_recompute_on_commit()
    except IntegrityError:
        # A parallel request recorded the same tie first.
        raise ValidationError({NON_FIELD_ERRORS: [_("This tie is already recorded.")]}) from None
    return tie


@transaction.atomic
def tie_answer(*, tie: Tie, accept: bool, user=None) -> Tie:
    """Confirm or decline a proposed tie (only once)."""
    updated = Tie.objects.filter(pk=tie.pk, status=Tie.Status.PROPOSED)
    if not updated.exists():
        raise ValidationError({NON_FIELD_ERRORS: [_("This tie was already answered.")]})
    tie.status = Tie.Status.CONFIRMED if accept else Tie.Status.DECLINED
    tie.answered_by = user
    tie.answered_at = timezone.now()
    tie.save(update_fields=["status", "answered_by", "answered_at", "updated_at"])
    figures_recompute_on_commit()
    return tie


def _desired_derived_ties(record_ids: list[int]) -> set[tuple[int, int, str, str]]:
    relations = RecordRelation.objects.filter(
        # Plain lists: under OR, PostgreSQL turns each into an index scan (a subquery would be
        # tested row by row).
        Q(source_id__in=record_ids) | Q(target_id__in=record_ids),
        source__network_actor__isnull=False,
        target__network_actor__isnull=False,
    ).values_list("source__catalog", "field_key", "source__network_actor", "target__network_actor")
    desired = set()
    for catalog, field, source, target in relations:
        derived = derived_relation_get(catalog, field)
        if derived is None or source == target:
            continue
        first, second = (target, source) if derived.reverse else (source, target)
        if derived.kind in SYMMETRIC_TIE_KINDS and first > second:
            first, second = second, first
        desired.add((first, second, str(derived.kind), field))
    return desired


@transaction.atomic
def derived_ties_sync(*, record_ids: list[int]) -> int:
    """Make the derived ties of the actors of ``record_ids`` follow their record relations
    (:data:`kozkincs.network.kinds.DERIVED_RELATIONS`): add the missing, remove the gone. A tie
    typed in already is left as it is (never recorded twice). Returns the number of changes."""
    actor_ids = list(
        Actor.objects.filter(record_id__in=ids_among(record_ids)).values_list("id", flat=True)
    )
    if not actor_ids:
        return 0
    desired = _desired_derived_ties(record_ids)
    existing = {
        (t.source_id, t.target_id, t.kind, t.derived_field): t
        for t in Tie.objects.filter(
            Q(source_id__in=actor_ids) | Q(target_id__in=actor_ids), origin=Tie.Origin.DERIVED
        ).exclude(derived_field="")  # ties derived from other data: derived_ties_replace
    }
    changes = 0
    for key, tie in existing.items():
        if key not in desired:
            tie.delete()
            changes += 1
    for source, target, kind, field in desired - existing.keys():
        if Tie.objects.filter(source_id=source, target_id=target, kind=kind).exists():
            continue
        Tie.objects.create(
            source_id=source,
            target_id=target,
            kind=kind,
            status=Tie.Status.CONFIRMED,
            origin=Tie.Origin.DERIVED,
            derived_field=field,
        )
        changes += 1
    if changes:
        figures_recompute_on_commit()
    return changes


def record_changes_follow(record_ids: list[int], action: str) -> None:
    """Record listener (registered in ``apps.py``): derived ties follow the relations."""
    if action != "deleted":
        derived_ties_sync(record_ids=record_ids)


@transaction.atomic
def derived_ties_replace(
    *,
    key: str,
    pairs: set[tuple[int, int, str]],
    evidence_text: str,
    evidence_url: str,
    start: date | None = None,
    end: date | None = None,
) -> int:
    """Make the ties derived from the data named ``key`` (``"project:12"``, ``"meeting:3"``)
    exactly ``pairs`` of (actor id, actor id, tie kind); an empty set removes them all.

    For the apps above the network (a project's partners, a meeting's attendance), which the
    network does not import. A pair is confirmed at once (the data is the evidence); a
    symmetric kind is stored with the smaller id first; a pair of an actor with itself is left
    out. A tie that exists already (typed in, or derived from another key) is not recorded
    twice: it gains this key as a source. A derived tie is deleted when its last key goes.
    The figures are recomputed when the transaction commits, if anything changed. Returns the
    number of ties created or deleted."""
    wanted = set()
    for first, second, kind in pairs:
        if kind not in TieKind.values:
            raise ValueError(f"Unknown kind of tie: {kind!r}")
        if first == second:
            continue
        if kind in SYMMETRIC_TIE_KINDS and first > second:
            first, second = second, first
        wanted.add((first, second, str(kind)))
    if start and end and end < start:
        raise ValueError("A derived tie cannot end before it starts.")
    evidence = {"evidence_text": evidence_text[:500], "evidence_url": evidence_url[:200]}
    held = {
        (d.tie.source_id, d.tie.target_id, d.tie.kind): d
        for d in TieDerivation.objects.filter(key=key).select_related("tie")
    }
    changes = 0
    for triple, derivation in held.items():
        if triple in wanted:
            TieDerivation.objects.filter(pk=derivation.pk).update(**evidence)
            changes += _derived_tie_follow(derivation.tie, key, evidence, start, end)
            continue
        derivation.delete()
        tie = derivation.tie
        if (
            tie.origin == Tie.Origin.DERIVED
            and not tie.derived_field
            and not tie.derivations.exists()
        ):
            tie.delete()
            changes += 1
    for source, target, kind in sorted(wanted - held.keys()):
        tie, created = Tie.objects.get_or_create(
            source_id=source,
            target_id=target,
            kind=kind,
            defaults={
                "status": Tie.Status.CONFIRMED,
                "origin": Tie.Origin.DERIVED,
                "start_date": start,
                "end_date": end,
                **evidence,
            },
        )
        TieDerivation.objects.create(tie=tie, key=key, **evidence)
        changes += created
    if changes:
        figures_recompute_on_commit()
    return changes


def _derived_tie_follow(tie: Tie, key: str, evidence: dict, start, end) -> int:
    """A tie derived from ``key`` alone follows its dates and evidence; returns 1 if changed."""
    if tie.origin != Tie.Origin.DERIVED or tie.derived_field:
        return 0
    if tie.derivations.exclude(key=key).exists():
        return 0
    new = {"start_date": start, "end_date": end, **evidence}
    if all(getattr(tie, name) == value for name, value in new.items()):
        return 0
    for name, value in new.items():
        setattr(tie, name, value)
    tie.save(update_fields=[*new, "updated_at"])
    return 1


CONTACT_LIMIT = 5
"""Contact requests one account may send in :data:`CONTACT_WINDOW` (against spam)."""
CONTACT_WINDOW = timedelta(days=1)
CONTACT_MESSAGE_MIN = 20
CONTACT_MESSAGE_MAX = 3000
OUTCOME_STEPS = {
    ContactRequest.Outcome.CONTACTED: {
        ContactRequest.Outcome.MET, ContactRequest.Outcome.PARTNERS, ContactRequest.Outcome.DECLINED
    },
    ContactRequest.Outcome.MET: {ContactRequest.Outcome.PARTNERS, ContactRequest.Outcome.DECLINED},
}  # fmt: skip
"""Which outcome may follow which; "partners" and "declined" are final."""


def _contact_message(message: str) -> str:
    message = (message or "").strip()
    if len(message) < CONTACT_MESSAGE_MIN:
        raise ValidationError({"message": [
            _("Write a message of at least %(count)d characters.") % {"count": CONTACT_MESSAGE_MIN}
        ]})  # fmt: skip
    if len(message) > CONTACT_MESSAGE_MAX:
        raise ValidationError({"message": [
            _("The message may be at most %(count)d characters long.")
            % {"count": CONTACT_MESSAGE_MAX}
        ]})  # fmt: skip
    return message


def _contact_recipients(actor: Actor) -> list[str]:
    addresses = actor.accounts.filter(is_active=True).values_list("email", flat=True)
    return sorted({address for address in addresses if address})


@transaction.atomic
def contact_request_send(
    *, sender, to_actor: Actor, message: str, from_actor: Actor | None = None,
    idea: int | None = None,
) -> ContactRequest:  # fmt: skip
    """Ask ``to_actor`` to get in touch: the message is e-mailed to the accounts linked to it
    (their addresses stay hidden; an answer reaches the sender's address), or waits for the
    coordinator when no account is linked. Refused (``ValidationError``, nothing kept) for a
    short or long message, a request to oneself, a second open request to the same actor and
    more than :data:`CONTACT_LIMIT` requests a day."""
    message = _contact_message(message)
    if from_actor is not None and from_actor.pk == to_actor.pk:
        raise ValidationError({NON_FIELD_ERRORS: [_("An actor cannot contact itself.")]})
    open_requests = ContactRequest.objects.filter(
        sender=sender, to_actor=to_actor, outcome=ContactRequest.Outcome.CONTACTED
    )
    if open_requests.exists():
        raise ValidationError({NON_FIELD_ERRORS: [_(
            "You have already asked this actor to get in touch; record the outcome of that "
            "request first (on your network page)."
        )]})  # fmt: skip
    since = timezone.now() - CONTACT_WINDOW
    if ContactRequest.objects.filter(sender=sender, created_at__gte=since).count() >= CONTACT_LIMIT:
        raise ValidationError({NON_FIELD_ERRORS: [_(
            "You have sent %(count)d contact requests in the last 24 hours, the most allowed. "
            "Please try again tomorrow."
        ) % {"count": CONTACT_LIMIT}]})  # fmt: skip
    try:
        with transaction.atomic():
            request = ContactRequest.objects.create(
                sender=sender, from_actor=from_actor, to_actor=to_actor, message=message,
                idea=idea,
            )  # fmt: skip
    except IntegrityError:
        # A parallel request from the same account was recorded first.
        raise ValidationError({NON_FIELD_ERRORS: [_(
            "You have already asked this actor to get in touch; record the outcome of that "
            "request first (on your network page)."
        )]}) from None  # fmt: skip
    context = {"request": request, "site_url": settings.KOZKINCS_SITE_URL,
               "sender_name": sender.get_full_name() or sender.get_username()}  # fmt: skip
    for recipient in _contact_recipients(to_actor):
        mail_queue(
            recipient=recipient, template="network/mail/contact_request", context=context,
            language=settings.LANGUAGE_CODE, reply_to=sender.email or "",
        )  # fmt: skip
    return request


def _partnership(request: ContactRequest, user, coordinator: bool) -> Tie | None:
    """The partnership tie the outcome "partners" proposes (confirmed when the coordinator
    records it); an existing partnership of the two is kept as it is."""
    first, second = request.from_actor, request.to_actor
    if first is None:
        return None
    low, high = sorted((first.pk, second.pk))
    existing = Tie.objects.filter(source_id=low, target_id=high, kind=TieKind.PARTNERSHIP).first()
    if existing is not None:
        return existing
    # The side recording it proposes; the other side confirms (as every tie).
    proposer, other = (
        (second, first) if user is not None and request.sender_id != user.pk else (first, second)
    )
    return tie_propose(
        proposer=proposer, other=other, kind=TieKind.PARTNERSHIP, user=user,
        coordinator=coordinator, start_date=timezone.localdate(),
        evidence_text=_("Met through the partner finder."),
    )  # fmt: skip


@transaction.atomic
def contact_request_outcome(
    *, request: ContactRequest, outcome: str, user=None, coordinator: bool = False
) -> ContactRequest:
    """Record what came of ``request``: contacted → met → partners, or declined. "Partners"
    proposes a partnership tie between the two actors."""
    if outcome not in ContactRequest.Outcome.values:
        raise ValidationError({"outcome": [_("Choose one of the outcomes offered.")]})
    if outcome not in OUTCOME_STEPS.get(request.outcome, set()):
        raise ValidationError({"outcome": [
            _("The outcome “%(new)s” cannot follow “%(old)s”.")
            % {"new": ContactRequest.Outcome(outcome).label,
               "old": ContactRequest.Outcome(request.outcome).label}
        ]})  # fmt: skip
    now = timezone.now()
    changed = ContactRequest.objects.filter(pk=request.pk, outcome=request.outcome).update(
        outcome=outcome, outcome_at=now, updated_at=now
    )
    if not changed:
        raise ValidationError({NON_FIELD_ERRORS: [_("The outcome was already recorded.")]})
    request.outcome, request.outcome_at = outcome, now
    if outcome == ContactRequest.Outcome.PARTNERS:
        request.tie = _partnership(request, user, coordinator)
        if request.tie is not None:
            ContactRequest.objects.filter(pk=request.pk).update(tie=request.tie)
    return request
