"""Debounced retraining. `mark_dirty()` records (at commit) that labels changed; the periodic job
(`retrain_if_due`, every RETRAIN_EVERY) queues one training task once the labels have been quiet for
QUIVER_TRAIN_DEBOUNCE_SECONDS, so a burst of edits trains once. State is a database row: the web process marks,
the worker trains."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models.training import TrainingState

RETRAIN_EVERY = timedelta(seconds=30)
STALE_QUEUE = timedelta(hours=1)  # a queued training that never ran (worker killed) is queued again after this


def debounce() -> timedelta:
    """QUIVER_TRAIN_DEBOUNCE_SECONDS, default 60."""
    return timedelta(seconds=settings.QUIVER_TRAIN_DEBOUNCE_SECONDS)


def state() -> TrainingState:
    return TrainingState.objects.get_or_create(pk=1)[0]


def _touch(now: datetime | None = None) -> None:
    now = now or timezone.now()
    if not TrainingState.objects.filter(pk=1).update(dirty=True, changed_at=now):
        TrainingState.objects.get_or_create(pk=1, defaults={"dirty": True, "changed_at": now})


class _Touch:
    """The on-commit callback of mark_dirty (recognisable, so one transaction registers one)."""

    quiver_training = True

    def __init__(self, now):
        self.now, self.ran = now, False

    def __call__(self):
        self.ran = True
        _touch(self.now)


def mark_dirty(now: datetime | None = None) -> None:
    """Labels changed: retrain after the debounce. At commit (nothing if the transaction rolls back); once per
    transaction however many changes it holds."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _touch(now)
        return
    if any(getattr(item[1], "quiver_training", False) and not item[1].ran for item in connection.run_on_commit):
        return
    transaction.on_commit(_Touch(now))


def retrain_if_due(now: datetime | None = None) -> bool:
    """Queue a training when labels changed and have been quiet long enough; True when queued."""
    from .tasks import train_task

    now = now or timezone.now()
    claimed = (
        TrainingState.objects.filter(pk=1, dirty=True, changed_at__lte=now - debounce())
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=now - STALE_QUEUE))
        .update(queued_at=now)
    )
    if claimed:
        transaction.on_commit(train_task.enqueue)
    return bool(claimed)


def trained(changed_at_before: datetime | None) -> None:
    """After a training: clean unless labels changed again while it ran (then the next tick queues another)."""
    TrainingState.objects.filter(pk=1, changed_at=changed_at_before).update(dirty=False)
    TrainingState.objects.filter(pk=1).update(queued_at=None)
