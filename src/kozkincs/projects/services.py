"""Every write of the project ideas: ideas and their lifecycle, partners, progress, milestones,
comments, endorsements, follows and funding calls.

Keyword-only, atomic, validate first; a refused change raises ``ValidationError`` keyed by
field and changes nothing. An idea's lead and agreed partners are network ties of kind
"project" (``network.services.derived_ties_replace``, in the same transaction); followers are
told by e-mail after the commit (``core.mail``).
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kozkincs.core.mail import mail_queue
from kozkincs.network.kinds import ActorKind, TieKind
from kozkincs.network.models import Actor
from kozkincs.network.services import derived_ties_replace
from kozkincs.projects.lifecycle import IdeaStatus, can_move
from kozkincs.projects.models import (
    Comment,
    Endorsement,
    Follow,
    FundingCall,
    Milestone,
    ProgressUpdate,
    ProjectIdea,
    ProjectPartner,
    StatusChange,
)

IDEA_FIELDS = ("title", "problem", "goals", "activities", "target_groups", "estimated_budget",
               "start_date", "end_date")  # fmt: skip
IDEA_RELATIONS = ("priorities", "settlements", "funding_calls", "related_records")


class IdeaConflict(ValidationError):
    """Someone else saved the idea since the form was opened."""


def _check_idea(data: dict) -> None:
    if not (data.get("title") or "").strip():
        raise ValidationError({"title": [_("Give the idea a title.")]})
    budget = data.get("estimated_budget")
    if budget is not None and Decimal(budget) < 0:
        raise ValidationError({"estimated_budget": [_("The budget cannot be negative.")]})
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        raise ValidationError({"end_date": [_("The project cannot end before it starts.")]})


def _set_relations(idea: ProjectIdea, relations: dict) -> None:
    for name in IDEA_RELATIONS:
        if name in relations:
            getattr(idea, name).set(relations[name])


@transaction.atomic
def idea_create(*, lead: Actor, user=None, is_demo: bool = False, **data) -> ProjectIdea:
    """A new idea (status "idea") led by ``lead``; ``data``: the fields of
    :data:`IDEA_FIELDS` and the relations of :data:`IDEA_RELATIONS`."""
    _check_idea(data)
    fields = {name: data[name] for name in IDEA_FIELDS if name in data}
    fields["title"] = fields["title"].strip()
    idea = ProjectIdea.objects.create(lead=lead, created_by=user, is_demo=is_demo, **fields)
    _set_relations(idea, {name: data[name] for name in IDEA_RELATIONS if name in data})
    return idea


@transaction.atomic
def idea_update(*, idea: ProjectIdea, version: int, user=None, **data) -> ProjectIdea:
    """Replace the idea's texts and relations, unless someone saved it since ``version``
    (then :class:`IdeaConflict`, nothing saved). The lead cannot change here."""
    _check_idea(data)
    if not ProjectIdea.objects.filter(pk=idea.pk, version=version).update(version=F("version") + 1):
        message = _("Someone else saved this idea meanwhile. Open it again, then make your change.")
        raise IdeaConflict({NON_FIELD_ERRORS: [message]})
    idea.refresh_from_db(fields=["version", "status"])
    for name in IDEA_FIELDS:
        if name in data:
            setattr(idea, name, data[name].strip() if name == "title" else data[name])
    idea.save()
    _set_relations(idea, {name: data[name] for name in IDEA_RELATIONS if name in data})
    idea_ties_sync(idea=idea)
    return idea


def _idea_path(idea: ProjectIdea, language: str) -> str:
    with translation.override(language):
        return reverse("projects:idea_detail", kwargs={"idea_id": idea.pk})


def idea_ties_sync(*, idea: ProjectIdea) -> int:
    """The idea's lead and each agreed partner become a "worked together in a project" tie,
    dated by the idea's timeline (inside the caller's transaction)."""
    partners = idea.partnerships.filter(status=ProjectPartner.Status.AGREED).values_list(
        "actor_id", flat=True
    )
    return derived_ties_replace(
        key=idea.tie_key,
        pairs={(idea.lead_id, partner, str(TieKind.PROJECT)) for partner in partners},
        evidence_text=_("Project idea: %(title)s") % {"title": idea.title},
        evidence_url=_idea_path(idea, settings.LANGUAGE_CODE),
        start=idea.start_date,
        end=idea.end_date,
    )


@transaction.atomic
def idea_move(*, idea: ProjectIdea, status: str, user=None, note: str = "") -> ProjectIdea:
    """Move the idea to ``status`` if the lifecycle allows it from where it is now (read
    again in the transaction: of two parallel moves only the first counts)."""
    old = idea.status
    if status not in IdeaStatus.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    if not can_move(old, status):
        raise ValidationError(
            {"status": [_("An idea cannot move from “%(old)s” to “%(new)s”.")
                        % {"old": IdeaStatus(old).label, "new": IdeaStatus(status).label}]}
        )  # fmt: skip
    moved = ProjectIdea.objects.filter(pk=idea.pk, status=old).update(
        status=status, version=F("version") + 1
    )
    if not moved:
        raise ValidationError(
            {"status": [_("The idea's status changed meanwhile. Open it again.")]}
        )
    idea.refresh_from_db()
    idea.save(update_fields=["updated_at"])  # a version in the idea's history
    change = StatusChange.objects.create(
        idea=idea, old_status=old, new_status=status, changed_by=user, note=note.strip()[:500]
    )
    _notify_followers(idea, "projects/mail/status_changed", {"change": change}, exclude=user)
    return idea


def _notify_followers(idea: ProjectIdea, template: str, context: dict, exclude=None) -> None:
    site = settings.KOZKINCS_SITE_URL.rstrip("/")
    follows = idea.follows.select_related("user").exclude(user__email="")
    for follow in follows:
        if exclude is not None and follow.user_id == getattr(exclude, "pk", None):
            continue
        mail_queue(
            recipient=follow.user.email,
            template=template,
            context={**context, "idea": idea, "url": site + _idea_path(idea, follow.language)},
            language=follow.language,
        )


# Partners -------------------------------------------------------------------------------


@transaction.atomic
def partner_invite(
    *, idea: ProjectIdea, actor: Actor, user=None, role: str = "", is_demo: bool = False
) -> ProjectPartner:
    """The lead invites ``actor``; it is listed as a partner once it agreed."""
    if actor.pk == idea.lead_id:
        raise ValidationError({"actor": [_("The lead is not its own partner.")]})
    if idea.partnerships.filter(actor=actor).exists():
        raise ValidationError({"actor": [_("This actor was already invited.")]})
    try:
        with transaction.atomic():
            return ProjectPartner.objects.create(
                idea=idea, actor=actor, role=role.strip()[:255], invited_by=user, is_demo=is_demo
            )
    except IntegrityError:
        raise ValidationError({"actor": [_("This actor was already invited.")]}) from None


@transaction.atomic
def partner_answer(*, partnership: ProjectPartner, accept: bool, user=None) -> ProjectPartner:
    """The invited actor agrees or declines (once); an agreement makes the network tie."""
    status = ProjectPartner.Status.AGREED if accept else ProjectPartner.Status.DECLINED
    answered = ProjectPartner.objects.filter(
        pk=partnership.pk, status=ProjectPartner.Status.INVITED
    ).update(status=status, answered_by=user, answered_at=timezone.now())
    if not answered:
        raise ValidationError({NON_FIELD_ERRORS: [_("This invitation was already answered.")]})
    partnership.refresh_from_db()
    if accept:
        idea_ties_sync(idea=partnership.idea)
    return partnership


@transaction.atomic
def partner_remove(*, partnership: ProjectPartner) -> None:
    """Withdraw an invitation or end a partnership (the network tie goes with it)."""
    idea = partnership.idea
    partnership.delete()
    idea_ties_sync(idea=idea)


# Progress and milestones ----------------------------------------------------------------


@transaction.atomic
def progress_add(*, idea: ProjectIdea, text: str, on: date, user=None, is_demo: bool = False):
    if not text.strip():
        raise ValidationError({"text": [_("Write what happened.")]})
    if on > timezone.localdate():
        raise ValidationError({"date": [_("A progress update tells what already happened.")]})
    update = ProgressUpdate.objects.create(
        idea=idea, date=on, text=text.strip(), author=user, is_demo=is_demo
    )
    _notify_followers(idea, "projects/mail/progress", {"update": update}, exclude=user)
    return update


@transaction.atomic
def milestone_add(
    *, idea: ProjectIdea, title: str, due_date: date, is_demo: bool = False
) -> Milestone:
    if not title.strip():
        raise ValidationError({"title": [_("Name the milestone.")]})
    return Milestone.objects.create(
        idea=idea, title=title.strip(), due_date=due_date, is_demo=is_demo
    )


@transaction.atomic
def milestone_mark(*, milestone: Milestone, done: bool, on: date | None = None) -> Milestone:
    milestone.done = done
    milestone.done_on = (on or timezone.localdate()) if done else None
    milestone.save(update_fields=["done", "done_on"])
    return milestone


# Comments, endorsements, follows ---------------------------------------------------------


@transaction.atomic
def comment_add(*, idea: ProjectIdea, user, text: str) -> Comment:
    if not text.strip():
        raise ValidationError({"text": [_("Write a comment first.")]})
    return Comment.objects.create(idea=idea, author=user, text=text.strip())


@transaction.atomic
def comment_delete(*, comment: Comment) -> None:
    comment.delete()


@transaction.atomic
def endorsement_add(
    *, idea: ProjectIdea, actor: Actor, user=None, note: str = "", is_demo: bool = False
) -> Endorsement:
    """One endorsement per actor and idea: the database refuses a second one, also when two
    requests arrive at once (the refusal is caught in a savepoint and explained)."""
    if actor.pk == idea.lead_id:
        raise ValidationError({"actor": [_("The lead cannot endorse its own idea.")]})
    message = _("This actor already endorses the idea.")
    if Endorsement.objects.filter(idea=idea, actor=actor).exists():
        raise ValidationError({"actor": [message]})
    try:
        with transaction.atomic():
            return Endorsement.objects.create(
                idea=idea, actor=actor, user=user, note=note.strip()[:500], is_demo=is_demo
            )
    except IntegrityError:
        raise ValidationError({"actor": [message]}) from None


@transaction.atomic
def endorsement_withdraw(*, endorsement: Endorsement) -> None:
    endorsement.delete()


@transaction.atomic
def follow_set(*, idea: ProjectIdea, user, follow: bool, language: str = "") -> bool:
    """Start or stop following ``idea``; returns whether ``user`` follows it now. Following
    twice (two clicks at once) is no error."""
    if not follow:
        Follow.objects.filter(idea=idea, user=user).delete()
        return False
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    try:
        with transaction.atomic():
            Follow.objects.update_or_create(idea=idea, user=user, defaults={"language": language})
    except IntegrityError:
        pass  # a parallel request made the same follow
    return True


# Funding calls ---------------------------------------------------------------------------


CALL_FIELDS = ("programme", "name", "name_en", "description", "description_en", "opens",
               "deadline", "eligible_kinds", "funding_rate", "url")  # fmt: skip
FIRST_CALL_YEAR, LAST_CALL_YEAR = 2000, 2100


class CallConflict(ValidationError):
    """Someone else saved the call since the form was opened."""


def _check_call(data: dict) -> None:
    """Clear messages, keyed by field, before the model's own checks."""
    errors: dict[str, list[str]] = {}
    if not (data.get("programme") or "").strip():
        errors["programme"] = [_("Name the programme (e.g. LEADER).")]
    if not (data.get("name") or "").strip():
        errors["name"] = [_("Give the call a name.")]
    opens, deadline = data.get("opens"), data.get("deadline")
    for field, day in (("opens", opens), ("deadline", deadline)):
        if day is not None and not FIRST_CALL_YEAR <= day.year <= LAST_CALL_YEAR:
            errors[field] = [_("Give a date between 2000 and 2100.")]
    if deadline is None:
        errors["deadline"] = [_("Give the deadline of the call.")]
    elif opens is not None and opens > deadline and "opens" not in errors:
        errors["opens"] = [_("The call cannot open after its deadline.")]
    rate = data.get("funding_rate")
    if rate is not None and not Decimal(0) <= Decimal(rate) <= Decimal(100):
        errors["funding_rate"] = [_("The funding rate is a percentage from 0 to 100.")]
    if set(data.get("eligible_kinds") or ()) - set(ActorKind.values):
        errors["eligible_kinds"] = [_("Unknown kind of actor.")]
    if errors:
        raise ValidationError(errors)


def _call_save(call: FundingCall, data: dict, priorities) -> FundingCall:
    for name in CALL_FIELDS:
        if name in data:
            value = data[name]
            setattr(call, name, value.strip() if isinstance(value, str) else value)
    call.full_clean(exclude=["priorities"])
    call.save()
    call.priorities.set(priorities)
    return call


@transaction.atomic
def funding_call_create(*, programme: str, name: str, deadline: date, priorities=(),
                        **fields) -> FundingCall:  # fmt: skip
    """A funding call; ``fields``: the others of :data:`CALL_FIELDS` and ``is_demo``."""
    data = {**fields, "programme": programme, "name": name, "deadline": deadline}
    _check_call(data)
    return _call_save(FundingCall(is_demo=fields.get("is_demo", False)), data, priorities)


@transaction.atomic
def funding_call_update(*, call: FundingCall, seen: str, priorities=(), **data) -> FundingCall:
    """Replace the call's fields (:data:`CALL_FIELDS`) and priorities, unless someone saved
    it since the form showed it: ``seen`` is the ``updated_at`` the form was opened with
    (then :class:`CallConflict`, nothing saved)."""
    _check_call(data)
    current = FundingCall.objects.select_for_update().filter(pk=call.pk).first()
    if current is None or current.updated_at.isoformat() != seen:
        message = (
            _("This call was deleted meanwhile: nothing was saved.")
            if current is None
            else _("Someone else saved this call meanwhile. Open it again, then make your change.")
        )
        raise CallConflict({NON_FIELD_ERRORS: [message]})
    return _call_save(current, data, priorities)
