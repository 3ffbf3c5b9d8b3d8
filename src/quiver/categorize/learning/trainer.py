"""`train()`: read the library's labels, fit, save the model to storage, record a TrainingRun."""

import logging
import time

from django.utils import timezone

from ..models.training import TrainingRun, TrainingState, TrainingStatus
from . import corpus, dirty, store
from .model import fit

log = logging.getLogger(__name__)


def train() -> TrainingRun:
    started = time.monotonic()
    snapshot = TrainingState.objects.filter(pk=1).values_list("changed_at", flat=True).first()
    run = TrainingRun.objects.create(started_at=timezone.now(), status=TrainingStatus.RUNNING)
    try:
        labels = corpus.labels()
        docs = corpus.documents(labels.asset_ids)
        model, report = fit(docs, labels)
        run.model_file = store.save(model, run) if model is not None else ""
        run.asset_count = report["asset_count"]
        run.fields = report["fields"]
        run.metrics = report["metrics"]
        run.labels = sum(len(f["values"]) for f in report["fields"].values())
        run.status = TrainingStatus.SUCCEEDED
        run.trained_at = timezone.now()
    except Exception as exc:  # recorded on the run; the previous model stays in use
        log.exception("training failed")
        run.status, run.error = TrainingStatus.FAILED, f"{type(exc).__name__}: {exc}"[:2000]
    run.duration_seconds = round(time.monotonic() - started, 3)
    run.save()
    dirty.trained(snapshot)
    if run.status == TrainingStatus.SUCCEEDED:
        store.prune()
    return run
