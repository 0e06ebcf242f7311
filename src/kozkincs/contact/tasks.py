"""Mail of the contact relay, sent through Django's tasks framework (never inside a request)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task


@task
def relay_mail_send(*, recipient: str, reply_to: str, subject: str, body: str) -> None:
    EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], reply_to=[reply_to]
    ).send()
