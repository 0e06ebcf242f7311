"""Fixtures of the accounts tests: accounts made like allauth makes them, a TOTP code
generator (RFC 6238, as an authenticator app computes it)."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
from allauth.account.models import EmailAddress

PASSWORD = "Göcseji-dombok-2026-tele"


@pytest.fixture
def make_account(django_user_model):
    def make(email: str, *, verified: bool = True, **fields):
        user = django_user_model.objects.create_user(
            username=email.split("@")[0], email=email, password=PASSWORD, **fields
        )
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

    return make


def totp_code(secret: str, at: float | None = None) -> str:
    counter = int((time.time() if at is None else at) // 30)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
