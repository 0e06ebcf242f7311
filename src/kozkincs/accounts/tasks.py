"""Account mail (confirmations, password resets, security notices), sent through Django's
tasks framework (never inside a request)."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task
def account_mail_send(
    *, recipients: list[str], subject: str, body: str, from_email: str, html: str = ""
) -> None:
    message = EmailMultiAlternatives(subject, body, from_email, recipients)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
