"""Expiring download links for "download my data": signed, bound to one account.

The link carries the account's id, signed with the ``SECRET_KEY`` (``django.core.signing``);
it works for ``KOZKINCS_DATA_LINK_MINUTES`` and only for the logged-in owner: a copied link
is useless to anyone else, and an old one to everyone.
"""

from django.conf import settings
from django.core import signing

SALT = "kozkincs.privacy.data-download"


class LinkInvalid(Exception):
    pass


def data_link_token(*, user) -> str:
    return signing.dumps({"account": user.pk}, salt=SALT)


def data_link_check(*, token: str, user) -> None:
    """Raise :class:`LinkInvalid` unless ``token`` is fresh and was made for ``user``."""
    max_age = settings.KOZKINCS_DATA_LINK_MINUTES * 60
    try:
        content = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature
        raise LinkInvalid(str(error)) from None
    if not isinstance(content, dict) or content.get("account") != user.pk:
        raise LinkInvalid("made for another account")
