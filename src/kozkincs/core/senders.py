"""Recognising a repeated sender without keeping their network address."""

import hashlib
import hmac

from django.conf import settings


def sender_key(address: str) -> str:
    """A keyed hash (HMAC-SHA-256 with the secret key) of a client address: equal for equal
    addresses, so rate limits can count, and useless for finding the address again."""
    return hmac.new(
        settings.SECRET_KEY.encode(), (address or "").encode(), hashlib.sha256
    ).hexdigest()
