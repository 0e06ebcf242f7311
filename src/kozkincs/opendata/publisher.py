"""Who publishes the open data: the portal's operator, its contact address, and the
organisation named to Europeana as the provider. Read from the settings in one place."""

import re

from django.conf import settings

_DOTTED_ADDRESS = re.compile(r"\S+@(\S+\.)+\S+")


def operator_name() -> str:
    return settings.KOZKINCS_OPERATOR_NAME


def contact_email() -> str:
    """The public contact address, empty when none is configured."""
    return settings.KOZKINCS_CONTACT_EMAIL


def administrator_email(domain: str) -> str:
    """An address that is never empty and has a dotted domain (OAI-PMH requires one): the
    contact address, else the first of Django's ``ADMINS``, else ``DEFAULT_FROM_EMAIL``, else
    ``webmaster@`` the repository's domain (``localhost.localdomain`` for a dotless one)."""
    admins = [admin if isinstance(admin, str) else admin[1] for admin in settings.ADMINS]
    candidates = [settings.KOZKINCS_CONTACT_EMAIL, *admins, settings.DEFAULT_FROM_EMAIL]
    for address in candidates:
        if address and _DOTTED_ADDRESS.fullmatch(address):
            return address
    return f"webmaster@{domain if '.' in domain else 'localhost.localdomain'}"


def europeana_provider() -> str:
    """``edm:provider``: the organisation that delivers the data to Europeana."""
    return settings.KOZKINCS_EDM_PROVIDER or settings.KOZKINCS_OPERATOR_NAME
