"""Test settings: the production settings with fast hashing and a throw-away var dir.

``DATABASE_URL`` chooses the database exactly as in production, so the same suite runs on
SQLite (default) and PostgreSQL (``DATABASE_URL=postgres://…``).
"""

import os
import tempfile

os.environ.setdefault("KOZKINCS_VAR_DIR", tempfile.mkdtemp(prefix="kozkincs-test-"))
os.environ.setdefault("KOZKINCS_SECRET_KEY", "test-secret-key-not-for-production-use-0123456789")
# Most tests log staff in with force_login (no second factor); tests/accounts and the role
# matrix turn the requirement on with the `settings` fixture where it is the subject.
os.environ.setdefault("KOZKINCS_MFA_REQUIRED", "false")

from kozkincs.config.settings import *  # noqa: F403
from kozkincs.config.settings import DATABASES, STORAGES

# Tasks run inside the request, so a test sees their effect at once (the database backend and its
# worker are tested in tests/core/test_tasks.py and by the browser tests' portal).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Each test process keeps its rate limits to itself (parallel test processes must not count
# each other's logins); the shared directory cache of production is tested in
# tests/config/test_caches.py.
CACHES = {
    **CACHES,  # noqa: F405
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not os.environ.get(
    "DATABASE_URL"
):
    DATABASES["default"]["NAME"] = os.path.join(os.environ["KOZKINCS_VAR_DIR"], "test.sqlite3")
