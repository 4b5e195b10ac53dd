"""Settings: pure reads of the environment, in one place.

With nothing set the platform runs embedded for a newcomer: an SQLite file, the in-memory channel layer, console
e-mail and the project-managed Elasticsearch node on 127.0.0.1:9200. ``DATABASE_URL``, ``REDIS_URL``,
``ELASTICSEARCH_URL`` and ``EMAIL_URL`` switch to external services.

``PLATFORM_ENV`` is ``production`` (the default), ``development`` or ``test``. A production run refuses to start
without ``SECRET_KEY`` and ``ALLOWED_HOSTS``; ``DEBUG`` is off unless ``DEBUG=1`` asks for it.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
CORE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    return int(value) if value else default


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env_str(name)
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


PLATFORM_ENV = env_str("PLATFORM_ENV", "production")
if PLATFORM_ENV not in {"production", "development", "test"}:
    raise ImproperlyConfigured(f"PLATFORM_ENV must be production, development or test, not {PLATFORM_ENV!r}")
IS_PRODUCTION = PLATFORM_ENV == "production"

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if IS_PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production (PLATFORM_ENV=production).")
    SECRET_KEY = f"insecure-{PLATFORM_ENV}-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if IS_PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if IS_PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Where the Elasticsearch distribution, the managed node's data and pid file live: outside git, shared by every
# checkout of the project on this machine. Root's home is private, and services started by root run as the
# unprivileged SERVICE_USER, so root's default is the system cache directory instead.
_USER_CACHE = Path(env_str("XDG_CACHE_HOME") or Path.home() / ".cache") / "cpsplatform"
CACHE_DIR = Path(
    env_str("PLATFORM_CACHE_DIR") or (Path("/var/cache/cpsplatform") if os.geteuid() == 0 else _USER_CACHE)
)
SERVICE_USER = env_str("PLATFORM_SERVICE_USER", "cpsplatform")
VAR_DIR = Path(env_str("PLATFORM_VAR_DIR") or BASE_DIR / "var")

INSTALLED_APPS = [
    "daphne",
    # The platform core
    "cpsplatform",
    "cpsplatform.accounts",
    "cpsplatform.organisations",
    "cpsplatform.audit",
    "cpsplatform.home",
    "cpsplatform.discussions",
    "cpsplatform.health",
    "cpsplatform.notifications",
    # Domain apps
    "marketplace",
    "events",
    "matching",
    "search",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "cpsplatform.accounts.apps.StaffUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Django
    "channels",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cpsplatform.home.middleware.LanguageMiddleware",
    "cpsplatform.edge.middleware.CleanInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cpsplatform.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cpsplatform.accounts.mfa.StaffSecondFactorMiddleware",
    "cpsplatform.accounts.middleware.DisplayNameRequiredMiddleware",
    "cpsplatform.organisations.middleware.ActiveOrganisationMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cpsplatform.urls"
ASGI_APPLICATION = "cpsplatform.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cpsplatform.organisations.context_processors.active_organisation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A persistent connection is checked before each request reuses it, so a restarted PostgreSQL costs the
        # requests in flight, not every request a worker serves until its connections age out.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the ASGI server's threads and a management command share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            # BEGIN IMMEDIATE: a transaction that reads and then writes waits for the write lock instead of
            # failing at once with "database is locked" when another process wrote in between.
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Channels / Redis -----------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")


def redis_channel_layers(url: str) -> dict:
    """The channel layers on the Redis at ``url`` (tests that start servers build theirs with this too).

    channels-redis' pub/sub layer: a group message is published once and every server process hands it to its own
    consumers, where the list-based core layer pushes one copy per consumer through Redis (chat fan-out, measured
    in bench/chat.py). A message Redis drops is never lost: chat clients catch up from the database.
    ``socket_timeout``: redis-py 8 times reads out after 5 s by default; keep commands patient a little longer.
    """
    return {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [{"address": url, "socket_timeout": 15}]},
        }
    }


if REDIS_URL:
    CHANNEL_LAYERS = redis_channel_layers(REDIS_URL)
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Cache: rate-limit counters shared by every worker -----------------------------------------------------------
# allauth's login, sign-up and reset limits and the chat's frame budgets count in the default cache. A per-process
# cache would let N workers allow N times the rate, so it is Redis when REDIS_URL is set and otherwise a database
# table (created by ``migrate``, see cpsplatform.accounts.apps). Wagtail keeps its site-root and rendition caches
# there too, which every worker then sees invalidated alike.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "cpsp"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "platform_cache",
            # Culling at the default 300 entries would drop counters an attacker needs to stay counted.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

# Sessions are read on every logged-in request: from Redis when there is one (written through to the database, so
# a Redis restart logs nobody out), else from the database alone (a database cache would only add a second query).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
)

# --- Elasticsearch --------------------------------------------------------------------------------------------
# When ELASTICSEARCH_URL is set the platform uses that cluster and manages nothing; otherwise it talks to the
# node that `python -m scripts.elasticsearch start` runs on loopback.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_MANAGED = not ELASTICSEARCH_URL
ELASTICSEARCH_MANAGED_PORT = env_int("ELASTICSEARCH_MANAGED_PORT", 9200)
ELASTICSEARCH_VERSION = env_str("ELASTICSEARCH_VERSION", "8.19.21")
ELASTICSEARCH_HEAP = env_str("ELASTICSEARCH_HEAP", "512m")
# Several nodes of one cluster may be listed, comma-separated: the client spreads requests over them and retries
# on another when one is down (the stack's three-node cluster, platform/).
ELASTICSEARCH_HOSTS = env_list("ELASTICSEARCH_URL") or [f"http://127.0.0.1:{ELASTICSEARCH_MANAGED_PORT}"]
# Every index name the platform creates starts with this prefix, so tests and evaluations never touch the site's.
ELASTICSEARCH_INDEX_PREFIX = env_str(
    "ELASTICSEARCH_INDEX_PREFIX", "cpsp-test" if PLATFORM_ENV == "test" else "cpsp"
)
ELASTICSEARCH_TIMEOUT = float(env_str("ELASTICSEARCH_TIMEOUT", "10"))
# Who sends committed changes (the indexing outbox) to Elasticsearch: the web process right after commit (1), or
# only the `manage.py search_sync --loop` worker (0), so a save never waits for text analysis and a bulk request.
# bench/indexing.py measures both: with the worker a listing save's POST took half as long (p50 621 vs 1245 ms on
# the loaded 2-core machine). Tests default to the inline drain: they read their own writes and run no worker.
SEARCH_SYNC_ON_COMMIT = env_bool("SEARCH_SYNC_ON_COMMIT", PLATFORM_ENV == "test")

# --- E-mail ---------------------------------------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL")


def _email_settings(url: str) -> dict:
    """Translate ``smtp://user:pass@host:port?tls=1`` or ``console:`` / ``locmem:`` into Django settings."""
    if not url or url.startswith("console:"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if url.startswith("locmem:"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if url.startswith("file:"):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": urlparse(url).path or str(VAR_DIR / "mail"),
        }
    parsed = urlparse(url)
    if parsed.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(f"EMAIL_URL scheme must be smtp, smtps, console, locmem or file: {url!r}")
    query = parse_qs(parsed.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed.hostname or "localhost",
        "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parsed.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
        "EMAIL_USE_SSL": parsed.scheme == "smtps",
        "EMAIL_USE_TLS": query.get("tls", ["0"])[0] in {"1", "true"},
    }


globals().update(_email_settings(EMAIL_URL))
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "CPS Collaboration Platform <noreply@cps-platform.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts (django-allauth) --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if PLATFORM_ENV == "test":
    # Tests create hundreds of users; the deliberately slow production hasher would only cost time there.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ACCOUNT_ADAPTER = "cpsplatform.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The public name is asked at sign-up with the credentials (cpsplatform.accounts.names).
ACCOUNT_SIGNUP_FORM_CLASS = "cpsplatform.accounts.forms.SignupForm"
ACCOUNT_USER_DISPLAY = "cpsplatform.accounts.names.display_name"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CPS Platform] "
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if IS_PRODUCTION else "http"
ACCOUNT_RATE_LIMITS = {
    # allauth's own limits, kept explicit so they show in review: per IP and per account.
    "login": "30/m/ip",
    # Failed logins (cpsplatform.accounts.adapter): "key" is the account *and* the client's IP, so an attacker's
    # guesses lock out the attacker's address, not the owner elsewhere; the tiers are the back-off (5 in 5 minutes,
    # then 10 in the hour, 20 in the day). "login_failed_account" is the looser cap per account over all addresses,
    # against guessing spread over many of them.
    "login_failed": "10/m/ip,5/5m/key,10/1h/key,20/1d/key",
    "login_failed_account": "30/1h/key,100/1d/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    # allauth counts wrong second-factor codes (TOTP, recovery codes, passkey assertions) as "login_failed" with
    # the key "mfa-auth-user-<id>": the "key" tiers above then cap guesses per account, over every address, in the
    # shared cache (Redis in production), so a six-digit code cannot be walked through.
}
# The client's address for those limits: behind the TLS proxy, the one it appends to X-Forwarded-For (a client
# cannot forge that entry); otherwise the connection's own.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_TLS_PROXY") else 0)
# Security notices by e-mail: password or e-mail changed, and (allauth.mfa) a second factor added or removed.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Re-authentication (password or second factor) counts for this long; the platform's own most sensitive actions
# ask for a sign-in within 15 minutes too (cpsplatform.accounts.mfa.RECENT_AUTHENTICATION_MINUTES).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 15 * 60
# Re-authentication by password or second factor only: a code e-mailed to the address would let whoever reads
# that mailbox past the guards on revoking, owner changes and exports, which the second factor is there to stop.
ACCOUNT_REAUTHENTICATION_METHODS = ["password", "mfa"]

# --- Second factor (allauth.mfa; who must have one: cpsplatform.accounts.mfa) ------------------------------------
MFA_ADAPTER = "cpsplatform.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# A passkey alone signs in (it is possession and, with user verification, a PIN or biometric in one).
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_USER_VERIFICATION = "preferred"
# Browsers treat http://127.0.0.1 and http://localhost as secure, but allauth refuses a non-https origin unless
# told; outside production (make run, the browser tests) it is told.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not IS_PRODUCTION
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "CPS Platform")
# One step of clock drift either side: phones are rarely exact, and the rate limit bounds the extra guesses.
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
# Recovery codes are shown once, right after they are made, and may be downloaded then; later only regenerated.
MFA_RECOVERY_CODES_SHOW_ONCE = True

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "organisations:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# --- Internationalisation -------------------------------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# --- Static and media -----------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# Files that must never be public (hidden needs, private evidence) live here and are served by permission views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT") or VAR_DIR / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
# Outside production static files come from the apps' directories as they change (no collectstatic needed).
WHITENOISE_AUTOREFRESH = not IS_PRODUCTION
# A web address typed without a scheme ("vendor.example/product") is read as https://, in every form at once.
# Django 6 makes this the default and drops the setting (hence 5.2's warning that it is transitional): delete it then.
FORMS_URLFIELD_ASSUME_HTTPS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail --------------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = _("CPS Collaboration Platform")
# The address people reach the site at; every absolute link (mails, Wagtail admin notifications, iCal ids) starts
# with it (cpsplatform.links.absolute_url). ``make run`` sets it from RUN_HOST/RUN_PORT when it is not set.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# Wagtail's admin login goes through allauth so its rate limits apply there too.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# Passwords are reset and changed through allauth only (one set of forms, one set of rate limits).
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Wagtail's page search stays on its database backend: its Elasticsearch defaults need analysis-common, which the
# core-only node does not have. Platform search lives in search/.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "csv", "xlsx", "docx", "pptx"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# --- Health ---------------------------------------------------------------------------------------------------
# /healthz answers anyone with the overall status and which parts are up; the detail (database vendor, channel
# layer backend, Elasticsearch version, error classes) goes to staff and to callers presenting this token
# (``Authorization: Bearer <token>`` or ``X-Health-Token: <token>``). Empty: staff only.
HEALTHZ_TOKEN = env_str("HEALTHZ_TOKEN")

# --- Security -------------------------------------------------------------------------------------------------
# Production is served over HTTPS only; ALLOW_INSECURE_COOKIES is the explicit opt-out (plain HTTP, not advised).
HTTPS_ONLY = IS_PRODUCTION and not env_bool("ALLOW_INSECURE_COOKIES")
# TLS ends at a reverse proxy that says so in X-Forwarded-Proto (and appends the client to X-Forwarded-For).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY")
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
# Plain-HTTP requests are redirected to HTTPS only when Django can tell them apart: behind the proxy that sets
# X-Forwarded-Proto, or with SECURE_SSL_REDIRECT=1 when daphne terminates TLS itself. Behind a proxy not declared
# with BEHIND_TLS_PROXY every request would look like plain HTTP and redirect forever, so it is not the default
# there (check --deploy then warns security.W008). Load balancers probe /healthz and /livez on the worker over plain
# HTTP.
SECURE_SSL_REDIRECT = HTTPS_ONLY and env_bool("SECURE_SSL_REDIRECT", BEHIND_TLS_PROXY)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^livez$"]
# HSTS is sent on HTTPS responses only, so it costs nothing where a request arrives over plain HTTP. Preloading is
# a promise for the whole registrable domain that browsers ship for months: the domain's owner opts in with
# SECURE_HSTS_PRELOAD=1 after submitting it (hstspreload.org), hence security.W021 is silenced below.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS_ONLY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
# No page of the site is meant to be framed; Wagtail's preview panel frames its preview views, which set
# SAMEORIGIN on their own responses (wagtail.utils.decorators.xframe_options_sameorigin_override).
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SILENCED_SYSTEM_CHECKS = [
    # SECURE_HSTS_PRELOAD: an opt-in of the domain's owner (see above), not a default the code can choose.
    "security.W021",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
        # One INFO line per background task (Wagtail queues a reference-index task for every page and snippet
        # saved, e.g. hundreds during the demo seed); failures are still logged.
        "django_tasks": {"level": "WARNING"},
    },
}

# --- Content-Security-Policy (cpsplatform/csp.py) -------------------------------------------------------------
#: Paths that get only the framing, form and base rules: the Wagtail admin runs inline scripts.
CSP_ADMIN_PREFIXES = ("/cms/",)
#: CSP_REPORT_ONLY=1 sends the policy as Content-Security-Policy-Report-Only (to try a change on a live site).
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY")
