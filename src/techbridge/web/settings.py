"""Django settings. Everything that differs between machines comes from environment variables.

See docs/operations.md for the full list. The embedded default (no variables set) is a SQLite file in the
data directory ($TECHBRIDGE_DATA_DIR, else ./var) and a secret key generated once and kept there.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from techbridge.paths import data_dir
from techbridge.web.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()
MEDIA_ROOT = DATA_DIR / "uploads"  # outside the web root; files are served only through permission checks


def _secret_key() -> str:
    key = env_str("TECHBRIDGE_SECRET_KEY")
    if key:
        if len(key) < 32:
            raise ImproperlyConfigured("TECHBRIDGE_SECRET_KEY must be at least 32 characters long")
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def _database() -> dict:
    url = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'techbridge.sqlite3'}"
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("TECHBRIDGE_DB_CONN_MAX_AGE", 60, minimum=0))
    except Exception as exc:  # dj-database-url raises several types for a malformed URL
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
    if config["ENGINE"] not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        raise ImproperlyConfigured("DATABASE_URL must point to SQLite or PostgreSQL")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE: an atomic block takes the write lock when it begins. Under WAL, a block that read first
        # and then meets another connection's commit (a job's heartbeat thread, say) is refused its write at
        # once ("database is locked", no waiting), which failed a scheduling job in CI.
        config["OPTIONS"] = {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
        }
        config["CONN_MAX_AGE"] = 0
    else:
        config["CONN_HEALTH_CHECKS"] = True
        config["OPTIONS"] = {"connect_timeout": 5, **config.get("OPTIONS", {})}  # a dead host must not hang
    if env_str("TECHBRIDGE_TEST_DATABASE_NAME"):
        config["TEST"] = {"NAME": env_str("TECHBRIDGE_TEST_DATABASE_NAME")}
    return config


SECRET_KEY = _secret_key()
DEBUG = env_bool("TECHBRIDGE_DEBUG", False)
ENVIRONMENT = env_choice("TECHBRIDGE_ENV", "embedded", ("embedded", "production"))
ALLOWED_HOSTS = env_list("TECHBRIDGE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("TECHBRIDGE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "techbridge.web",
    "techbridge.accounts",
    "techbridge.directory",
    "techbridge.marketplace",
    "techbridge.docking",
    "techbridge.dataio",
    "techbridge.evaluation",
    "techbridge.planning",
    "techbridge.events",
    "techbridge.cases",
    "techbridge.jobs",
]

MIDDLEWARE = [
    "techbridge.web.logs.RequestLogMiddleware",  # first: request id, access log, timing of the whole chain
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "techbridge.web.outage.DatabaseOutageMiddleware",  # database away: a clean 503, not a 500
    "techbridge.web.middleware.NullCharacterMiddleware",  # NUL in a parameter: 400 naming it
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "techbridge.web.middleware.UserLanguageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "techbridge.web.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "techbridge.web.urls"
WSGI_APPLICATION = "techbridge.web.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "techbridge.web.context.platform",
            ],
        },
    }
]

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "techbridge_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = env_str("TECHBRIDGE_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("TECHBRIDGE_STATIC_ROOT") or DATA_DIR / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Production: `django-admin collectstatic` writes content-hashed, pre-compressed copies that WhiteNoise serves with
# a one-year immutable cache header; the embedded default serves the app folders directly (no collectstatic).
_STATIC_BACKEND = (
    "CompressedManifestStaticFilesStorage" if ENVIRONMENT == "production" else "CompressedStaticFilesStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": f"whitenoise.storage.{_STATIC_BACKEND}"},
}
WHITENOISE_USE_FINDERS = ENVIRONMENT != "production"

# A session lasts TECHBRIDGE_SESSION_AGE seconds from sign-in (the session row's expiry date, checked on every
# request; nothing in the platform re-saves a session after sign-in) and its cookie dies with the browser.
SESSION_COOKIE_AGE = env_int("TECHBRIDGE_SESSION_AGE", 8 * 3600, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = ENVIRONMENT == "production"
CSRF_COOKIE_SECURE = ENVIRONMENT == "production"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if ENVIRONMENT == "production":
    SECURE_HSTS_SECONDS = env_int("TECHBRIDGE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

_CACHE_URL = env_str("TECHBRIDGE_CACHE_URL")  # e.g. redis://127.0.0.1:6379/1, shared by every serving process
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
    if _CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
if _CACHE_URL and not _CACHE_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured("TECHBRIDGE_CACHE_URL must be a redis:// URL")

EMAIL_BACKEND = env_str("TECHBRIDGE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("TECHBRIDGE_FROM_EMAIL", "techbridge@localhost")

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

FILE_UPLOAD_PERMISSIONS = 0o640  # uploads are data: never executable, not world-readable
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# Logs go to stderr: JSON lines in production, readable lines in the embedded default (techbridge.web.logs).
# The handler's filter scrubs personal data and stamps the request and job context on every record.
LOG_FORMAT = env_choice(
    "TECHBRIDGE_LOG_FORMAT", "json" if ENVIRONMENT == "production" else "text", ("json", "text")
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "techbridge.web.logs.RedactFilter"}},
    "formatters": {
        "json": {"()": "techbridge.web.logs.JsonFormatter"},
        "text": {"()": "techbridge.web.logs.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "techbridge.web.logs.StderrHandler",
            "formatter": LOG_FORMAT,
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("TECHBRIDGE_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers (plain console when DEBUG, mail to ADMINS) are replaced by the root's
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},  # SQL parameters carry personal data
        "jieba": {"level": "WARNING"},
    },
}

TECHBRIDGE_PAGE_SIZE = 20
TECHBRIDGE_PROFILE_VALIDITY_DAYS = env_int("TECHBRIDGE_PROFILE_VALIDITY_DAYS", 365, minimum=1)

# Background jobs (docs/operations.md, "Background jobs"): "thread" runs them in the serving process (no extra
# server), "celery" on Celery workers over Redis, "eager" synchronously (tests).
TECHBRIDGE_JOBS_BACKEND = env_choice("TECHBRIDGE_JOBS_BACKEND", "thread", ("thread", "celery", "eager"))
TECHBRIDGE_REDIS_URL = env_str("TECHBRIDGE_REDIS_URL", "redis://127.0.0.1:6379/0")
TECHBRIDGE_JOBS_QUEUE = env_str("TECHBRIDGE_JOBS_QUEUE", "techbridge")
TECHBRIDGE_JOBS_CONCURRENCY = env_int("TECHBRIDGE_JOBS_CONCURRENCY", 2, minimum=1, maximum=64)
TECHBRIDGE_JOBS_HEARTBEAT = env_int("TECHBRIDGE_JOBS_HEARTBEAT", 5, minimum=1)
TECHBRIDGE_JOBS_STALE_AFTER = env_int(
    "TECHBRIDGE_JOBS_STALE_AFTER", 60, minimum=2 * TECHBRIDGE_JOBS_HEARTBEAT
)
TECHBRIDGE_JOBS_RETRY_BASE = env_int("TECHBRIDGE_JOBS_RETRY_BASE", 10, minimum=0)
TECHBRIDGE_JOBS_MAX_RECOVERIES = env_int("TECHBRIDGE_JOBS_MAX_RECOVERIES", 3, minimum=0)
