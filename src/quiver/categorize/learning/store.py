"""Where trained models live: default_storage under models/categorize/ (joblib), never in the repository.

Each process (web, worker) loads the model lazily and keeps it; one cheap query per `current()` call notices a
newer successful TrainingRun (trained by another process) and reloads. Models are our own files, written by
`save`; they are never read from anywhere else."""

import io
import logging
import threading

import joblib
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from ..models.training import TrainingRun, TrainingStatus

log = logging.getLogger(__name__)
PREFIX = "models/categorize/"
KEEP = 2  # model files kept (the current one and the one before, for a process still reading it)

_lock = threading.Lock()
_cache: dict = {"key": None, "run": None, "model": None}


def save(model, run: TrainingRun) -> str:
    buffer = io.BytesIO()
    joblib.dump(model, buffer, compress=3)
    return default_storage.save(f"{PREFIX}run-{run.pk}.joblib", ContentFile(buffer.getvalue()))


def latest() -> dict | None:
    return (
        TrainingRun.objects.filter(status=TrainingStatus.SUCCEEDED)
        .order_by("-trained_at", "-pk")
        .values("pk", "model_file", "trained_at")
        .first()
    )


def current():
    """The newest trained model, or None (nothing trained yet, no value learnable, or its file unreadable)."""
    row = latest()
    if not row or not row["model_file"]:
        return None
    key = (row["pk"], row["model_file"], row["trained_at"])
    with _lock:
        if _cache["key"] == key:
            return _cache["model"]
        try:
            with default_storage.open(row["model_file"], "rb") as fh:
                model = joblib.load(io.BytesIO(fh.read()))
        except Exception:  # a missing or unreadable file means no predictions, never a crash
            log.exception("could not load the model of training run %s", row["pk"])
            return None
        _cache.update(key=key, run=row["pk"], model=model)
        return model


def forget() -> None:
    with _lock:
        _cache.update(key=None, run=None, model=None)


def prune() -> None:
    """Delete model files of all but the KEEP newest successful runs."""
    runs = (
        TrainingRun.objects.filter(status=TrainingStatus.SUCCEEDED)
        .exclude(model_file="")
        .order_by("-trained_at", "-pk")
    )
    for run in runs[KEEP:]:
        try:
            default_storage.delete(run.model_file)
        except OSError:
            log.warning("could not delete %s", run.model_file)
        TrainingRun.objects.filter(pk=run.pk).update(model_file="")
