"""Settings of the Cluster Excellence Portal, read from the environment (see README "Configuration")."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from portal.env import (
    ImproperlyConfiguredEnv,
    database_from_url,
    email_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    load_dotenv,
    running_command_without_secrets,
)

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY and not DEBUG and running_command_without_secrets():
    # makemigrations, collectstatic, ... sign nothing: a key that exists only in this process is enough.
    SECRET_KEY = secrets.token_urlsafe(50)
elif not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfiguredEnv("SECRET_KEY must be set when DEBUG is off (production refuses a default secret)")
    SECRET_KEY = "insecure-development-key-only-for-debug"
elif SECRET_KEY.startswith("insecure") and not DEBUG and not env_bool("ALLOW_INSECURE_SECRET", False):
    raise ImproperlyConfiguredEnv("SECRET_KEY looks like a development key; set a real secret in production")

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "csp",
    "portal",
    "platform_directory",
    "labelling",
    "benchmarking",
    "knowledge",
    "club",
    "survey",
    "privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Security headers go on every answer, the front door's refusals included.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # The front door, before anything reads the request: too large a body (413), a NUL character anywhere (400).
    "portal.middleware.RequestBodyLimitMiddleware",
    "portal.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.RequireMFAMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "portal.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL", "sqlite:///db.sqlite3"), base_dir=BASE_DIR),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS_CACHE_URL = env_str("CACHE_URL")
if REDIS_CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_CACHE_URL}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "portal.backends.CoordinatorPermissionBackend",
]

LANGUAGE_CODE = "en-gb"  # European date formats (28 Nov 2026, 28/11/2026)
LANGUAGES = [
    ("en-gb", _("English")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Evidence, certificates and reports: no public URL, served by views that check permissions.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Request bodies are refused (413) before they are read when larger than their URL allows (portal/request_limits.py):
# ordinary forms and the API this much; the upload pages the file limit their form checks, plus this much.
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 1024 * 1024)
EVIDENCE_MAX_UPLOAD_BYTES = env_int("EVIDENCE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)  # evidence files
IMAGE_MAX_UPLOAD_BYTES = env_int("IMAGE_MAX_UPLOAD_BYTES", 2 * 1024 * 1024)  # logos, knowledge images (the admin)
LABEL_VERIFY_MAX_UPLOAD_BYTES = env_int("LABEL_VERIFY_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)  # certificate check

# The indicator framework new self-assessments use, and how many certificate PDFs seed_demo renders at most
# (rendering takes a few tenths of a second; a demo with thousands of organisations gets the first ones only).
LABELLING_FRAMEWORK_CODE = env_str("LABELLING_FRAMEWORK_CODE", "ECEI-2026")
SEED_MAX_CERTIFICATES = env_int("SEED_MAX_CERTIFICATES", 300)

# E-mail: console by default; EMAIL_URL=smtp+tls://user:password@host:587 for a real server.
_email = email_from_url(env_str("EMAIL_URL", "console://"))
globals().update(_email)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Cluster Excellence Portal <noreply@cluster-excellence.eu>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BATCH_SIZE = env_int("EMAIL_BATCH_SIZE", 50)
# Labels: who signs certificates, how often one address may verify, how reminder batches are spaced.
LABEL_SIGNATORY_NAME = env_str("LABEL_SIGNATORY_NAME")
LABEL_SIGNATORY_TITLE = env_str("LABEL_SIGNATORY_TITLE")
LABEL_VERIFY_RATE_PER_MINUTE = env_int("LABEL_VERIFY_RATE_PER_MINUTE", 30)
EXPIRY_REMINDER_BATCH_INTERVAL = env_int("EXPIRY_REMINDER_BATCH_INTERVAL", 60)
# Partner search: collaboration requests one organisation may send in 24 hours.
DIRECTORY_REQUESTS_PER_DAY = env_int("DIRECTORY_REQUESTS_PER_DAY", 10)

# Privacy: who the controller is (the notice at /privacy/ names them), how large an export may be to stream, how long
# a background export and the server logs are kept (see README "Privacy").
PRIVACY_CONTROLLER_NAME = env_str("PRIVACY_CONTROLLER_NAME", "Cluster Excellence Portal")
PRIVACY_CONTROLLER_ADDRESS = env_str("PRIVACY_CONTROLLER_ADDRESS")
PRIVACY_CONTACT_EMAIL = env_str("PRIVACY_CONTACT_EMAIL", "privacy@cluster-excellence.eu")
PRIVACY_DPO_EMAIL = env_str("PRIVACY_DPO_EMAIL")
PRIVACY_SUPERVISORY_AUTHORITY = env_str("PRIVACY_SUPERVISORY_AUTHORITY")
PRIVACY_SUPERVISORY_AUTHORITY_URL = env_str("PRIVACY_SUPERVISORY_AUTHORITY_URL")
PRIVACY_LOG_RETENTION_DAYS = env_int("PRIVACY_LOG_RETENTION_DAYS", 30)
PRIVACY_EXPORT_STREAM_MAX_BYTES = env_int("PRIVACY_EXPORT_STREAM_MAX_BYTES", 50 * 1024 * 1024)
PRIVACY_EXPORT_KEEP_DAYS = env_int("PRIVACY_EXPORT_KEEP_DAYS", 7)

# Accounts (django-allauth): e-mail is the login, verified before first use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "portal.signup.SignupNameForm"  # and a name (required): others see it, not the address
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Cluster Excellence] "
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGIN_URL = "account_login"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Cluster Excellence Portal"
# Staff, superusers and assessors must set up TOTP and use it, on every way of signing in (portal/mfa.py); on by
# default in production.
PORTAL_REQUIRE_MFA_FOR_PRIVILEGED = env_bool("REQUIRE_MFA_FOR_PRIVILEGED", not DEBUG)

# Celery: with no broker, tasks run in-process (quick start); with CELERY_BROKER_URL, on Redis workers.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL) or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "portal")
CELERY_TIMEZONE = TIME_ZONE
# Periodic jobs come from each area's `beat.py` (see portal/celery.py).

# API
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # DRF's session and token authentication, held to the two-factor policy (portal/mfa.py, portal/api_auth.py)
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.api_auth.MFASessionAuthentication",
        "portal.api_auth.MFATokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "portal.api_query.StrictPageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["portal.api_query.StrictFilterBackend"],
    # `?format=` would choose a renderer (and answer 404 for an unknown one), shadowing the programmes' `format`
    # filter; clients choose JSON with the Accept header.
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "600/min"),
        "user": env_str("API_THROTTLE_USER", "1200/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cluster Excellence Portal API",
    "DESCRIPTION": "Public directory, labels and benchmarking of European cluster organisations.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # The errors every view can answer (credentials, throttling, unknown objects, bad filters), with their bodies.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api_schema.document_error_responses",
    ],
    # Two areas have a field called "level": label levels and knowledge module levels.
    "ENUM_NAME_OVERRIDES": {
        "LabelLevelEnum": "labelling.framework.levels.Level",
        "ModuleLevelEnum": "knowledge.models.Level",
    },
}

# Security
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# Plain HTTP is redirected to HTTPS unless DEBUG is on (turn it off only behind a proxy that redirects itself). The
# health check answers on HTTP too: container and load-balancer probes call it on the internal address.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: no inline or third-party scripts anywhere (htmx and Bootstrap are vendored).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
