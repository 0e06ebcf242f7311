"""A logged-in browser session made in the portal's database (code for ``run_django``)."""

SESSION_FOR_USER = """
from django.conf import settings as _settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import load_backend
from django.contrib.sessions.backends.db import SessionStore


def session_for(user) -> dict:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = next(
        path for path in _settings.AUTHENTICATION_BACKENDS
        if hasattr(load_backend(path), "get_user")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {"session": session.session_key, "cookie": _settings.SESSION_COOKIE_NAME}
"""


def log_in(page, login: dict, portal_url: str) -> None:
    page.context.add_cookies(
        [{"name": login["cookie"], "value": login["session"], "url": portal_url}]
    )
