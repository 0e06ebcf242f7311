"""The portal's django-allauth adapter: account mail goes out through Django's tasks."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kozkincs.accounts.tasks import account_mail_send


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context_data: dict) -> None:
        """Render the message now (in the request's language), send it from a task."""
        request = context.request
        data = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(template_prefix, email, {**data, **context_data})
        html = next(
            (
                body
                for body, mimetype in getattr(message, "alternatives", ())
                if mimetype == "text/html"
            ),
            "",
        )
        arguments = {
            "recipients": list(message.to),
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "html": html,
        }
        transaction.on_commit(lambda: account_mail_send.enqueue(**arguments))


def user_display(user) -> str:
    """How allauth names an account in its messages and pages: never the user name."""
    return user.get_full_name() or user.email or str(_("your account"))
