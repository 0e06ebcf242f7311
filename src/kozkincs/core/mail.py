"""Mail to people who asked to be told (proposers, contributors), sent through Django's tasks
framework once the transaction that decided something has committed: a slow mail server never
slows a request, and a rolled-back decision sends nothing."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation


@task
def mail_send(*, recipient: str, subject: str, body: str, reply_to: str = "") -> None:
    EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [recipient],
        reply_to=[reply_to] if reply_to else None,
    ).send()


def mail_queue(
    *, recipient: str, template: str, context: dict, language: str, reply_to: str = ""
) -> None:
    """Render ``<template>_subject.txt`` and ``<template>.txt`` in ``language`` and queue the
    mail when the current transaction commits (at once outside a transaction). ``reply_to``:
    whom an answer reaches (the recipient decides whether to answer and show their address)."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    transaction.on_commit(
        lambda: mail_send.enqueue(
            recipient=recipient, subject=subject, body=body, reply_to=reply_to
        )
    )
