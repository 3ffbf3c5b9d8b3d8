"""Quiver settings. Every value can be set by a QUIVER_* environment variable (see README, Configuration)."""

from pathlib import Path

import dj_database_url

from .env import data_dir, env_bool, env_choice, env_float, env_int, env_list, env_str, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()
SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("QUIVER_DEBUG", False)
ALLOWED_HOSTS = env_list("QUIVER_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("QUIVER_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the API docs (Swagger UI) from its bundled static files, not a CDN
    "quiver.core",
    "quiver.accounts",
    "quiver.library",
    "quiver.ingest",
    "quiver.insights",
    "quiver.search",
    "quiver.taxonomy",
    "quiver.categorize",
    "quiver.similarity",
    "quiver.lifecycle",
    "quiver.reviews",
    "quiver.notify",
    "quiver.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "quiver.api.middleware.ApiErrorMiddleware",  # every error under /api/ answers JSON
    "quiver.core.middleware.UploadSizeGuardMiddleware",  # 413 for an oversized body before it is read
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "quiver.core.middleware.PolicyReadCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "quiver.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "quiver.urls"
WSGI_APPLICATION = "quiver.wsgi.application"

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
                "quiver.library.context_processors.quiver",
                "quiver.notify.context_processors.notifications",
            ],
        },
    },
]

DATABASE_URL = env_str("QUIVER_DATABASE_URL", f"sqlite:///{DATA_DIR / 'quiver.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("QUIVER_DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE avoids lock upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    if not env_str("QUIVER_DB_CONN_MAX_AGE"):
        # Keep SQLite connections open: closing one after every task/request re-runs the PRAGMAs and checkpoints
        # the WAL (measured: 63 -> 28 ms per ingest task in the worker).
        DATABASES["default"]["CONN_MAX_AGE"] = None
elif not env_str("QUIVER_DB_CONN_MAX_AGE"):
    # PostgreSQL: reuse connections for 10 minutes, checked before reuse (measured at 100,000 assets: search API
    # p50 80 -> 46 ms when each request no longer opens its own connection).
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "library:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("QUIVER_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]  # shared CSS/JS in src/quiver/static (not an app)
MEDIA_ROOT = DATA_DIR / "media"

STORAGE_BACKEND = env_str("QUIVER_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
STORAGE_OPTIONS: dict = {}
if STORAGE_BACKEND.endswith("S3Storage"):
    STORAGE_OPTIONS = {
        "bucket_name": env_str("QUIVER_STORAGE_BUCKET"),
        "endpoint_url": env_str("QUIVER_STORAGE_ENDPOINT_URL") or None,
        "access_key": env_str("QUIVER_STORAGE_ACCESS_KEY") or None,
        "secret_key": env_str("QUIVER_STORAGE_SECRET_KEY") or None,
        "default_acl": "private",
        "querystring_auth": True,
    }
else:
    STORAGE_OPTIONS = {"location": str(MEDIA_ROOT)}
STORAGES = {
    "default": {"BACKEND": STORAGE_BACKEND, "OPTIONS": STORAGE_OPTIONS},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

TASKS = {
    "default": {
        "BACKEND": env_str("QUIVER_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["ingest", "previews", "index", "default"],  # quiver.core.queues: one worker lane each
    }
}

# Uploads: files larger than this are refused before they are stored.
QUIVER_MAX_UPLOAD_BYTES = env_int("QUIVER_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The first handler keeps file parts Django would drop (a name that is empty, only dots or not UTF-8).
FILE_UPLOAD_HANDLERS = [
    "quiver.core.uploads.RepairingUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Parsing sandbox limits (per file, in the child process).
QUIVER_PARSE_TIMEOUT_SECONDS = env_int("QUIVER_PARSE_TIMEOUT_SECONDS", 60)
QUIVER_PARSE_CPU_SECONDS = env_int("QUIVER_PARSE_CPU_SECONDS", 60)
QUIVER_PARSE_MEMORY_MB = env_int("QUIVER_PARSE_MEMORY_MB", 1024)
QUIVER_PARSE_WORKERS = env_int("QUIVER_PARSE_WORKERS", 2)
QUIVER_PARSE_RESULT_MB = env_int("QUIVER_PARSE_RESULT_MB", 256)  # a larger answer from a child fails the file
QUIVER_MAX_PAGES = env_int("QUIVER_MAX_PAGES", 2000)
QUIVER_PREVIEW_PAGES = env_int("QUIVER_PREVIEW_PAGES", 50)
QUIVER_PREVIEWS = env_bool("QUIVER_PREVIEWS", True)  # thumbnails and page images (off: text only)
QUIVER_LIBREOFFICE = env_str("QUIVER_LIBREOFFICE", "")  # path to soffice; found on PATH when empty
# Processing claims (ingest.leases): a worker's claim on a version lasts this long unless its heartbeat renews it
# (every third of it); an expired claim is re-queued, at most QUIVER_INGEST_MAX_ATTEMPTS attempts, then failed.
QUIVER_INGEST_LEASE_SECONDS = env_int("QUIVER_INGEST_LEASE_SECONDS", 120)
QUIVER_INGEST_MAX_ATTEMPTS = env_int("QUIVER_INGEST_MAX_ATTEMPTS", 3)
QUIVER_INGEST_QUEUED_STALE_SECONDS = env_int("QUIVER_INGEST_QUEUED_STALE_SECONDS", 900)  # never claimed: lost task

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

QUIVER_LOG_LEVEL = env_str("QUIVER_LOG_LEVEL", "INFO")
QUIVER_TASKS_LOG_LEVEL = env_str("QUIVER_TASKS_LOG_LEVEL", "WARNING")  # django-tasks' loggers (worker included)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"expected_refusal": {"()": "quiver.core.log_filters.ExpectedRefusalFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": QUIVER_LOG_LEVEL},
    "loggers": {
        # A 403/404 raised on purpose is one WARNING line, without a traceback.
        "django.request": {"filters": ["expected_refusal"]},
        "django.db.backends": {"level": "WARNING"},
        # One line per task state change drowns the server log: state changes are in the task table.
        "django_tasks": {"level": QUIVER_TASKS_LOG_LEVEL},
        "django_tasks_db": {"level": QUIVER_TASKS_LOG_LEVEL},
    },
}

EMAIL_BACKEND = env_str("QUIVER_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Notifications (issue 5 §4): digests by email (SMTP with QUIVER_EMAIL_BACKEND=django.core.mail.backends.smtp.
# EmailBackend), absolute links in emails and webhooks, webhook timeouts.
DEFAULT_FROM_EMAIL = SERVER_EMAIL = env_str("QUIVER_EMAIL_FROM", "Quiver <quiver@localhost>")
EMAIL_HOST = env_str("QUIVER_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("QUIVER_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("QUIVER_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("QUIVER_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("QUIVER_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("QUIVER_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("QUIVER_EMAIL_TIMEOUT_SECONDS", 10)
QUIVER_BASE_URL = env_str("QUIVER_BASE_URL", "http://127.0.0.1:8000")
QUIVER_DIGEST_HOUR = env_int("QUIVER_DIGEST_HOUR", 7)  # digests go out from this local hour on
QUIVER_WEBHOOK_TIMEOUT_SECONDS = env_int("QUIVER_WEBHOOK_TIMEOUT_SECONDS", 5)

# Search: the engines by name, one package each under quiver/search/backends/ (checked: quiver.search.checks).
SEARCH_BACKENDS = {
    "tantivy": "quiver.search.backends.tantivy.TantivyBackend",  # embedded, index in the data directory
    "postgres": "quiver.search.backends.postgres.PostgresBackend",  # scaled out; needs PostgreSQL
}
QUIVER_SEARCH_BACKEND = env_choice("QUIVER_SEARCH_BACKEND", "tantivy", SEARCH_BACKENDS)
QUIVER_SEARCH_DIR = Path(env_str("QUIVER_SEARCH_DIR", str(DATA_DIR / "search")))

# Reviews (issue 5 §2): the thresholds of the review queue's signals and the size of a review session.
QUIVER_REVIEW_VERIFY_DUE_DAYS = env_int("QUIVER_REVIEW_VERIFY_DUE_DAYS", 14)  # "verified until" within N days
QUIVER_REVIEW_UNUSED_DAYS = env_int("QUIVER_REVIEW_UNUSED_DAYS", 90)  # no view/preview/download in N days
QUIVER_REVIEW_MIN_TAGS = env_int("QUIVER_REVIEW_MIN_TAGS", 2)  # fewer tags: poorly categorized
QUIVER_REVIEW_SESSION_SIZE = env_int("QUIVER_REVIEW_SESSION_SIZE", 50)  # assets in one review session at most
QUIVER_REVIEW_IDLE_SECONDS = env_int("QUIVER_REVIEW_IDLE_SECONDS", 600)  # time counted on one asset at most

# Lifecycle (issue 5 §1, §5): trash retention, default review cadence, when `expiring` is announced.
QUIVER_TRASH_DAYS = env_int("QUIVER_TRASH_DAYS", 30)  # restorable this long, then purged with unshared files
QUIVER_VERIFY_DEFAULT_DAYS = env_int("QUIVER_VERIFY_DEFAULT_DAYS", 180)  # cadence with none per collection/type
QUIVER_EXPIRING_DAYS = env_int("QUIVER_EXPIRING_DAYS", 14)  # "expiring soon": queue, `expiring` event, digests

# Signals (issue 4 §4): language detection mode, the near-duplicate threshold (estimated Jaccard similarity).
QUIVER_LANGUAGE_HIGH_ACCURACY = env_bool("QUIVER_LANGUAGE_HIGH_ACCURACY", False)  # +2.4 s load, +~180 MB a worker
QUIVER_NEAR_DUPLICATE_THRESHOLD = env_float("QUIVER_NEAR_DUPLICATE_THRESHOLD", 0.8)

# Categorization (issue 4): text scanned per asset by the matching rules, retraining debounce, bulk-run recovery.
QUIVER_MATCH_MAX_CHARS = env_int("QUIVER_MATCH_MAX_CHARS", 200_000)  # a huge spreadsheet cannot stall a worker
QUIVER_TRAIN_DEBOUNCE_SECONDS = env_int("QUIVER_TRAIN_DEBOUNCE_SECONDS", 60)  # retrain once labels are quiet
QUIVER_BULK_STALE_SECONDS = env_int("QUIVER_BULK_STALE_SECONDS", 300)  # no progress this long: resumed
QUIVER_BULK_MAX_RESUMES = env_int("QUIVER_BULK_MAX_RESUMES", 3)  # then the run fails

# `quiver serve`: gunicorn worker processes (the --workers option overrides it).
QUIVER_WEB_WORKERS = env_int("QUIVER_WEB_WORKERS", 2)
QUIVER_WORKER_QUEUES = env_list("QUIVER_WORKER_QUEUES", [])  # what `quiver worker` consumes (empty: every queue)
QUIVER_SINGLE_WORKER = env_bool("QUIVER_SINGLE_WORKER", False)  # `quiver serve`: one worker for every queue
