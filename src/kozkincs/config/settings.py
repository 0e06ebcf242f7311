"""Közkincs settings: everything that differs between installations comes from the environment.

Every ``KOZKINCS_*`` variable is documented in docs/reference/settings.md (a test checks it).
The defaults give the embedded set-up: SQLite in WAL mode under ``var/``.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KOZKINCS_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


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
    "django_htmx",
    "kozkincs.core",
    "kozkincs.gazetteer",
    "kozkincs.strategy",
    "kozkincs.catalog",
    "kozkincs.search",
    "kozkincs.api",
    "kozkincs.opendata",
    "kozkincs.backups",
    "kozkincs.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=20000; "
        "PRAGMA foreign_keys=ON;"
    ),
}

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kozkincs.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=None)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kozkincs",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

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
KOZKINCS_CONTACT_EMAIL = os.environ.get("KOZKINCS_CONTACT_EMAIL", "")
# Cache API/search responses keyed by the data version (an edit invalidates at once).
KOZKINCS_RESPONSE_CACHE = env_bool("KOZKINCS_RESPONSE_CACHE", True)
# Directory of pg_dump and pg_restore for backups (empty: look on PATH and in the usual places).
KOZKINCS_PG_BIN_DIR = os.environ.get("KOZKINCS_PG_BIN_DIR", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KOZKINCS_LOG_LEVEL", "WARNING")},
}
