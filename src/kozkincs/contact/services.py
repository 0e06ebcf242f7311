"""Relaying a visitor's message to a person listed in a record.

The person's address never leaves the server: the message is e-mailed to it (queued as a
task once the transaction commits) with the visitor's address as Reply-To, so the person
decides whether to answer and thereby reveal their address.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kozkincs.catalog.models import Record
from kozkincs.contact.models import RelayedMessage
from kozkincs.contact.selectors import record_contact
from kozkincs.contact.tasks import relay_mail_send
from kozkincs.core.senders import sender_key

RATE_LIMIT = 3
RATE_WINDOW = timedelta(hours=1)
MESSAGE_MIN = 20
MESSAGE_MAX = 5000


def _clean(name: str, email: str, message: str) -> tuple[str, str, str]:
    errors: dict[str, list[str]] = {}
    name, email, message = (name or "").strip(), (email or "").strip(), (message or "").strip()
    if not name:
        errors["name"] = [_("Give your name (required).")]
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Give an e-mail address the person can answer to.")]
    if len(message) < MESSAGE_MIN:
        errors["message"] = [
            _("Write a message of at least %(count)d characters.") % {"count": MESSAGE_MIN}
        ]
    elif len(message) > MESSAGE_MAX:
        errors["message"] = [
            _("The message may be at most %(count)d characters long.") % {"count": MESSAGE_MAX}
        ]
    if errors:
        raise ValidationError(errors)
    return name[:200], email, message


@transaction.atomic
def contact_message_send(
    *, record: Record, contact_key: str, name: str, email: str, message: str, sender: str = ""
) -> RelayedMessage:
    """Relay a message; ``ValidationError`` (keyed by ``name``, ``email``, ``message`` or
    ``__all__``) and nothing sent or kept on bad input, an unknown contact or too many
    messages from one connection."""
    contact = record_contact(record=record, key=contact_key)
    if contact is None:
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("This person cannot be contacted through the portal.")]}
        )
    name, email, message = _clean(name, email, message)
    key = sender_key(sender)
    since = timezone.now() - RATE_WINDOW
    if RelayedMessage.objects.filter(sender_key=key, sent_at__gte=since).count() >= RATE_LIMIT:
        raise ValidationError(
            {NON_FIELD_ERRORS: [
                _("Too many messages were sent from your connection in the last hour. Please "
                  "try again later.")
            ]}
        )  # fmt: skip
    relayed = RelayedMessage.objects.create(record=record, contact_key=contact_key, sender_key=key)
    context = {"record": record, "contact": contact, "name": name, "email": email,
               "message": message, "site_url": settings.KOZKINCS_SITE_URL}  # fmt: skip
    subject = " ".join(render_to_string("contact/mail/relayed_subject.txt", context).split())
    body = render_to_string("contact/mail/relayed.txt", context)
    recipient = contact.address
    transaction.on_commit(
        lambda: relay_mail_send.enqueue(
            recipient=recipient, reply_to=email, subject=subject, body=body
        )
    )
    return relayed
