"""API tokens: created and revoked by their owners, checked on every write request.

A request names its token in ``Authorization: Bearer <key>``. The key is ``kk_`` followed by
43 random URL-safe characters; the database keeps its SHA-256 digest and its first characters
(to tell tokens apart on the owner's page). A token that is unknown, revoked, expired or whose
owner's account is inactive is refused with 401 and a message saying which.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from kozkincs.api.models import ApiToken

KEY_PREFIX = "kk_"
SHOWN_CHARACTERS = 10
NAME_LENGTH = 100
VALID_DAYS = (30, 90, 365)
"""The lifetimes an owner may choose; a token never lives for ever."""
LAST_USED_STEP = timedelta(minutes=5)
"""``last_used_at`` is written at most this often per token (not one write per request)."""


class TokenRefused(Exception):
    """The request's token cannot be used; ``message`` says why, in the request's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token of ``user`` and its key (shown once: only its digest is kept)."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Give the token a name, e.g. the program that will use it.")
    elif len(name) > NAME_LENGTH:
        errors["name"] = _("The name may be at most %(limit)s characters long.") % {
            "limit": NAME_LENGTH
        }
    if days not in VALID_DAYS:
        errors["days"] = _("Choose one of the offered lifetimes.")
    if not (user and user.is_authenticated and user.is_active):
        errors["__all__"] = _("Only a signed-in account can have API tokens.")
    if errors:
        raise ValidationError(errors)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:SHOWN_CHARACTERS],
        digest=_digest(key),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, user, token_id: int) -> ApiToken:
    """Revoke the token ``token_id`` of ``user`` (another user's token is not found)."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if token is None:
        raise ValidationError(_("There is no such token among yours."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_tokens_of(user) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def api_token_rows(*, user) -> list[dict]:
    """The account's tokens for its owner's data download (never the key or its digest)."""
    fields = ["name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
    return list(ApiToken.objects.filter(user=user).order_by("id").values(*fields))


def api_tokens_erase(*, user) -> int:
    """The account is being deleted: its tokens go with it."""
    return ApiToken.objects.filter(user=user).delete()[0]


def api_token_check(key: str) -> ApiToken:
    """The usable token whose key is ``key``; ``TokenRefused`` saying why not."""
    token = ApiToken.objects.select_related("user").filter(digest=_digest(key or "")).first()
    if token is None:
        raise TokenRefused(_("The API token is not valid."))
    now = timezone.now()
    if token.revoked_at is not None:
        raise TokenRefused(_("The API token was revoked by its owner."))
    if token.expires_at <= now:
        raise TokenRefused(_("The API token has expired. Its owner can create a new one."))
    if not token.user.is_active:
        raise TokenRefused(_("The account of the API token is deactivated."))
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_STEP:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>``: the request acts as the token's owner."""

    openapi_description = (
        "An API token created on the account's API tokens page (`/hu/fiok/api-kulcsok/`)."
    )

    def __call__(self, request: HttpRequest):
        if not request.headers.get(self.header):
            raise TokenRefused(
                _("Writing needs an API token: send it as “Authorization: Bearer <token>”.")
            )
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = api_token_check(token)
        request.user = found.user
        return found


def write_rate() -> str:
    return settings.KOZKINCS_API_WRITE_RATE
