"""Közkincs settings: everything that differs between installations comes from the environment.

Every ``KOZKINCS_*`` variable is documented in docs/reference/settings.md (a test checks it).
The defaults give the embedded set-up: SQLite in WAL mode under ``var/``.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from kozkincs.core.private_files import private_var_dir

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KOZKINCS_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# --- Files under var/ are private: umask 077, var/ 0700, database and key 0600 ---------------
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kozkincs.sqlite3'}")
_database = dj_database_url.parse(DATABASE_URL, conn_max_age=None)
_is_sqlite = _database["ENGINE"] == "django.db.backends.sqlite3"
_sqlite_file = _is_sqlite and str(_database["NAME"] or ":memory:")[:5] not in (":memo", "file:")
private_var_dir(
    VAR_DIR,
    sqlite_database=Path(_database["NAME"]) if _sqlite_file else None,
    secret_key=VAR_DIR / "secret_key",
)

DEBUG = env_bool("KOZKINCS_DEBUG", False)
SECRET_KEY = os.environ.get("KOZKINCS_SECRET_KEY") or os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    # Embedded use: a key generated once and kept under var/, never committed.
    from kozkincs.core.secret_key import secret_key_from_file

    SECRET_KEY = secret_key_from_file(VAR_DIR / "secret_key")

ALLOWED_HOSTS = env_list("KOZKINCS_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("KOZKINCS_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "corsheaders",
    "axes",
    "simple_history",
    "django_prose_editor",
    "django_tasks_db",
    # Before allauth: its layout template is overridden by the portal's (accounts/templates).
    "kozkincs.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "kozkincs.core",
    "kozkincs.gazetteer",
    "kozkincs.strategy",
    "kozkincs.catalog",
    "kozkincs.media",
    "kozkincs.nominations",
    "kozkincs.contact",
    "kozkincs.editing",
    "kozkincs.network",
    "kozkincs.projects",
    "kozkincs.meetings",
    "kozkincs.privacy",
    "kozkincs.search",
    "kozkincs.history",
    "kozkincs.api",
    "kozkincs.opendata",
    "kozkincs.backups",
    "kozkincs.imports",
    "kozkincs.dashboard",
    "kozkincs.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above every middleware that reads or rewrites a body (the API's error answers).
    "kozkincs.core.compression.TextGZipMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "kozkincs.api.middleware.ApiErrorMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Moderators and administrators set up two-factor authentication before anything else.
    "kozkincs.accounts.middleware.MfaRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kozkincs.core.database_busy.DatabaseBusyMiddleware",
    # Last, as django-axes requires: it answers a locked-out login with the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kozkincs.config.urls"
WSGI_APPLICATION = "kozkincs.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# How long a request waits for a lock before it gets "busy, try again" (503) instead.
DATABASE_TIMEOUT = env_int("KOZKINCS_DATABASE_TIMEOUT", 20)
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": DATABASE_TIMEOUT,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
        f"PRAGMA busy_timeout={DATABASE_TIMEOUT * 1000}; PRAGMA foreign_keys=ON;"
    ),
}

DATABASES = {"default": _database}
if _is_sqlite:
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} -c lock_timeout={DATABASE_TIMEOUT * 1000}".strip()
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background work ------------------------------------------------------------------------
# Django's tasks framework. Requests enqueue on commit (mail, network figures, imports) into the
# database (django-tasks-db); the worker `kozkincs db_worker`, which `make run` starts beside the
# web server, runs them, so a slow mail server or a long import never holds a request.
# `django.tasks.backends.immediate.ImmediateBackend` runs them inside the request instead.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("KOZKINCS_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Two caches (docs/reference/settings.md):
# - "default" is shared by every worker process, because allauth keeps its rate limits (and
#   their locks) there and they must count across processes: a directory under var/, or Redis
#   when KOZKINCS_SHARED_CACHE_URL names one.
# - "local" is each process's own memory: the answers keyed by the data version
#   (search/cache.py) and the partner finder's pool (network/pool.py), which a process may keep
#   for itself because an entry is only ever found under the version it was computed for.
KOZKINCS_SHARED_CACHE_URL = os.environ.get("KOZKINCS_SHARED_CACHE_URL", "").strip()
if KOZKINCS_SHARED_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": KOZKINCS_SHARED_CACHE_URL,
    }
elif KOZKINCS_SHARED_CACHE_URL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "KOZKINCS_SHARED_CACHE_URL must be a redis://, rediss:// or unix:// address, or empty "
        "for a cache directory under var/."
    )
else:
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }
CACHES = {
    "default": _shared_cache,
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kozkincs",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "hu"
LANGUAGES = [("hu", _("Hungarian")), ("en", _("English")), ("de", _("German"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Budapest"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Uploaded photos and documents. Another backend (e.g. django-storages' S3 for an
# S3-compatible store) with its options as JSON: docs/reference/media.md.
STORAGES = {
    "default": {
        "BACKEND": os.environ.get(
            "KOZKINCS_MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": json.loads(os.environ.get("KOZKINCS_MEDIA_STORAGE_OPTIONS") or "{}"),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
HTTPS = env_bool("KOZKINCS_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading is hard to undo (browsers ship the list): only on request, and only with HTTPS.
SECURE_HSTS_PRELOAD = HTTPS and env_bool("KOZKINCS_HSTS_PRELOAD", False)
# Without preloading `check --deploy` warns (W021): off is the deliberate default here.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sessions end after a working day or so, not Django's two weeks (staff sessions can publish).
SESSION_COOKIE_AGE = int(timedelta(hours=env_int("KOZKINCS_SESSION_HOURS", 12)).total_seconds())

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): every authenticate() with a request goes through the axes
# backend first; after 10 failures from one client address its logins are refused (the
# lock-out page, 429) until the cool-off has passed or `kozkincs axes_reset` is run. Every
# failure is kept in the database (admin: "Axes") and logged.
# The portal's login (django-allauth, by e-mail) authenticates through the same chain, so the
# lock-out covers it and the admin's login alike (docs/reference/accounts.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("KOZKINCS_LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_CALLABLE = "kozkincs.web.views.errors.login_locked_out"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Behind N reverse proxies each appends the address it received from to X-Forwarded-For: the
# client is the N-th entry from the right (ipware counts the proxies before the last one).
# Without a proxy REMOTE_ADDR is the client, and a forged X-Forwarded-For is never believed.
KOZKINCS_PROXY_COUNT = env_int("KOZKINCS_PROXY_COUNT", 0)
if KOZKINCS_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = KOZKINCS_PROXY_COUNT - 1
    AXES_IPWARE_PROXY_ORDER = "left-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    IPWARE_STRICT = False  # entries a client put further left are skipped, not fatal
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# --- Accounts (django-allauth with MFA; docs/reference/accounts.md) ---------------------------
# E-mail is the login; user names exist (the admin and the first administrator use them) but
# allauth generates them for new accounts and the portal never shows them.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "kozkincs.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "kozkincs.accounts.adapter.user_display"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Közkincs] "
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_REDIRECT_URL = "web:home"
# Throttling of the site's forms (allauth keeps the counts in the shared default cache); the
# lock-out after repeated failures from one address is django-axes' (in the database).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "20/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_account:overview"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Közkincs"
# Moderators, administrators and staff must use two-factor authentication (off only for tests
# and trials: docs/reference/settings.md).
KOZKINCS_MFA_REQUIRED = env_bool("KOZKINCS_MFA_REQUIRED", True)
# How long a "download my data" link works, in minutes.
KOZKINCS_DATA_LINK_MINUTES = env_int("KOZKINCS_DATA_LINK_MINUTES", 15)

# CORS: the read API is for everyone's pages; nothing else is (no cookies, no writes).
CORS_URLS_REGEX = r"^/api/v1/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")

# Permissions-Policy: no page of the portal needs a device or sensor (the map locates
# nothing); WebAuthn (security keys for two-factor login) stays available to the site itself.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "bluetooth": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

KOZKINCS_TILE_URL = os.environ.get(
    "KOZKINCS_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
KOZKINCS_TILE_ATTRIBUTION = os.environ.get(
    "KOZKINCS_TILE_ATTRIBUTION", "© OpenStreetMap contributors (ODbL)"
)


def tile_origin(url: str) -> str:
    """The scheme and host of a tile URL template, for the Content Security Policy."""
    parts = url.split("/")
    return "/".join(parts[:3]).replace("{s}.", "*.") if len(parts) > 2 else url


SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", tile_origin(KOZKINCS_TILE_URL)],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- Közkincs -------------------------------------------------------------------------------
# Key of the gazetteer region the portal presents as "the region".
KOZKINCS_HOME_REGION = os.environ.get("KOZKINCS_HOME_REGION", "zalaegerszegi-kisterseg")
# Extra directories with catalog definition YAML files (comma separated).
KOZKINCS_CATALOG_DIRS = env_list("KOZKINCS_CATALOG_DIRS")
# Whether coordinates outside Hungary's bounding box are accepted.
KOZKINCS_ALLOW_COORDINATES_OUTSIDE_HUNGARY = env_bool(
    "KOZKINCS_ALLOW_COORDINATES_OUTSIDE_HUNGARY", False
)
# Who runs the portal and where visitors send accessibility feedback and privacy requests.
KOZKINCS_OPERATOR_NAME = os.environ.get(
    "KOZKINCS_OPERATOR_NAME", "Zalaegerszeg és Térsége Többcélú Kistérségi Társulás"
)
# Mail: printed on the console unless an SMTP server is configured (docs/reference/settings.md).
_EMAIL_BACKEND = os.environ.get(
    "KOZKINCS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND}}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("KOZKINCS_EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("KOZKINCS_EMAIL_PORT", "25")),
        "username": os.environ.get("KOZKINCS_EMAIL_USER", ""),
        "password": os.environ.get("KOZKINCS_EMAIL_PASSWORD", ""),
        "use_tls": os.environ.get("KOZKINCS_EMAIL_TLS", "false").lower() == "true",
        "timeout": 30,
    }
DEFAULT_FROM_EMAIL = os.environ.get("KOZKINCS_FROM_EMAIL", "kozkincs@localhost")
# The portal's public address, for links in e-mails sent outside a request (no trailing slash).
KOZKINCS_SITE_URL = os.environ.get("KOZKINCS_SITE_URL", "http://127.0.0.1:8000")
KOZKINCS_CONTACT_EMAIL = os.environ.get("KOZKINCS_CONTACT_EMAIL", "")
# The user name `prepare_portal` gives the first administrator (default: a generated one).
KOZKINCS_ADMIN_USERNAME = os.environ.get("KOZKINCS_ADMIN_USERNAME", "")
# OAI-PMH: the domain in the item identifiers (oai:<domain>:<id>; empty: the request's host)
# and the organisation named to Europeana as edm:provider (empty: the operator).
KOZKINCS_OAI_REPOSITORY_IDENTIFIER = os.environ.get("KOZKINCS_OAI_REPOSITORY_IDENTIFIER", "")
KOZKINCS_EDM_PROVIDER = os.environ.get("KOZKINCS_EDM_PROVIDER", "")
# Cache API/search responses keyed by the data version (an edit invalidates at once).
KOZKINCS_RESPONSE_CACHE = env_bool("KOZKINCS_RESPONSE_CACHE", True)
# Requests per API token to the write API (ninja's rate format: "60/min", "1000/hour").
KOZKINCS_API_WRITE_RATE = os.environ.get("KOZKINCS_API_WRITE_RATE", "60/min")
# Directory of pg_dump and pg_restore for backups (empty: look on PATH and in the usual places).
KOZKINCS_PG_BIN_DIR = os.environ.get("KOZKINCS_PG_BIN_DIR", "")

# Photos and documents (docs/reference/media.md).
KOZKINCS_MEDIA_MAX_IMAGE_BYTES = int(
    float(os.environ.get("KOZKINCS_MEDIA_MAX_IMAGE_MB", "15")) * 1024 * 1024
)
KOZKINCS_MEDIA_MAX_IMAGE_PIXELS = int(
    float(os.environ.get("KOZKINCS_MEDIA_MAX_IMAGE_MEGAPIXELS", "40")) * 1_000_000
)
KOZKINCS_MEDIA_MAX_DOCUMENT_BYTES = int(
    float(os.environ.get("KOZKINCS_MEDIA_MAX_DOCUMENT_MB", "20")) * 1024 * 1024
)
# How long browsers and proxies may keep a public photo (a record set back to draft stops
# being served at once, but copies already cached live this long).
KOZKINCS_MEDIA_CACHE_SECONDS = int(os.environ.get("KOZKINCS_MEDIA_CACHE_SECONDS", "600"))
# nginx internal location that serves MEDIA_ROOT after the permission check (X-Accel-Redirect);
# empty: Django streams the files itself.
KOZKINCS_MEDIA_ACCEL_REDIRECT = os.environ.get("KOZKINCS_MEDIA_ACCEL_REDIRECT", "")
# Catalogs whose records are organisations that can be actors of the cultural network.
KOZKINCS_NETWORK_ACTOR_CATALOGS = env_list(
    "KOZKINCS_NETWORK_ACTOR_CATALOGS",
    "civil-organisations,amateur-art,traditions,cultural-centres,cultural-services,"
    "education-associations",
)
# Above this many actors the network graph shows settlements (aggregated) instead of actors.
KOZKINCS_NETWORK_GRAPH_MAX_NODES = env_int("KOZKINCS_NETWORK_GRAPH_MAX_NODES", 2000)

# Spreadsheet imports (docs/reference/import.md): where uploaded files are kept (private, like
# everything in var/) and the largest file accepted.
KOZKINCS_IMPORT_DIR = Path(os.environ.get("KOZKINCS_IMPORT_DIR", VAR_DIR / "imports"))
KOZKINCS_IMPORT_MAX_BYTES = int(float(os.environ.get("KOZKINCS_IMPORT_MAX_MB", "50")) * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KOZKINCS_LOG_LEVEL", "WARNING")},
}
