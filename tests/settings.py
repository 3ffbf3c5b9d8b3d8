"""Test settings: the product's settings with a throwaway data directory per xdist worker and tasks run on commit."""

import os
import tempfile

_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ["QUIVER_DATA_DIR"] = os.path.join(
    os.environ.get("QUIVER_DATA_DIR") or tempfile.gettempdir(), f"quiver-test-{os.getpid()}-{_worker}"
)

from quiver.settings import *  # noqa: E402, F403
from quiver.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASKS["default"]["QUEUES"]}  # noqa: F405
}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
QUIVER_PARSE_WORKERS = 1

import pathlib  # noqa: E402

pathlib.Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns when it is missing)
