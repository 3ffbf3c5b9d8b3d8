"""Recovery of bulk runs whose worker stopped (killed, restarted, out of memory) or whose task was lost.

A run shows signs of life in `heartbeat_at`: set when it is queued, when a worker claims it, and with every
asset's progress. The periodic job `categorize.bulk_recovery` (every minute, core/periodic.py) finds runs still
"queued" or "running" with no sign of life for QUIVER_BULK_STALE_SECONDS (default 300) and either

- re-enqueues a run still "queued" (its task lost, or waiting behind a busy queue) for the same attempt: whichever
  task claims it first runs it, the other claims nothing, and no resumption is used up;
- resumes a "running" one: a conditional UPDATE (same status, same `attempts`, still stale) puts it back to
  "queued" with `attempts` + 1, then a task for that attempt is enqueued on commit. The new worker continues after the
  run's `cursor` (the last asset whose work and progress committed together), so nothing is repeated or counted
  twice; a worker of an older attempt that is in fact still alive finds the run is no longer its own and stops
  (its current asset rolls back). Two sweeps never enqueue the same run twice: only one UPDATE matches.
- or, once it has been resumed QUIVER_BULK_MAX_RESUMES times (default 3), gives up: status "failed" with an
  error saying how many times the worker stopped.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import BulkRun, BulkRunStatus

log = logging.getLogger(__name__)

SWEEP_EVERY = timedelta(minutes=1)
ACTIVE = (BulkRunStatus.QUEUED, BulkRunStatus.RUNNING)


def stale_after() -> timedelta:
    """QUIVER_BULK_STALE_SECONDS, default 300."""
    return timedelta(seconds=max(1, settings.QUIVER_BULK_STALE_SECONDS))


def max_resumes() -> int:
    """QUIVER_BULK_MAX_RESUMES, default 3."""
    return max(0, settings.QUIVER_BULK_MAX_RESUMES)


def _stale(cutoff: datetime) -> Q:
    """No sign of life since `cutoff` (runs from before heartbeats existed fall back to started/created)."""
    return (
        Q(heartbeat_at__lt=cutoff)
        | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
        | Q(heartbeat_at__isnull=True, started_at__isnull=True, created_at__lt=cutoff)
    )


def stale_runs(now: datetime | None = None):
    now = now or timezone.now()
    return BulkRun.objects.filter(_stale(now - stale_after()), status__in=ACTIVE).order_by("pk")


def resume_stale_runs(now: datetime | None = None) -> list[int]:
    """Resume (or give up on) every stale run; returns the ids of the runs resumed."""
    now = now or timezone.now()
    cutoff = now - stale_after()
    resumed = []
    for run in stale_runs(now).only("pk", "status", "attempts", "done", "total"):
        if _resume_one(run, cutoff, now):
            resumed.append(run.pk)
    return resumed


def _resume_one(run: BulkRun, cutoff: datetime, now: datetime) -> bool:
    from .tasks import bulk_run_task

    # Only the sweep that still sees this exact state wins (another sweep or a live worker changes it).
    same = BulkRun.objects.filter(_stale(cutoff), pk=run.pk, status=run.status, attempts=run.attempts)
    with transaction.atomic():
        if run.status == BulkRunStatus.QUEUED:
            # Not started: its task is lost, or only waiting behind a busy queue (an import's ingest tasks).
            # Enqueue the same attempt again -- the first task to claim it runs it, the other claims nothing --
            # without using up a resumption: waiting is not a stopped worker.
            if not same.update(heartbeat_at=now):
                return False
            attempt = run.attempts
        elif run.attempts > max_resumes():
            error = (
                f"The worker stopped {run.attempts} times (resumed {run.attempts - 1} times); gave up at "
                f"{run.done} of {run.total} assets."
            )
            if same.update(status=BulkRunStatus.FAILED, error=error, finished_at=now, heartbeat_at=now):
                log.error("bulk run %s: %s", run.pk, error)
            return False
        elif same.update(status=BulkRunStatus.QUEUED, attempts=F("attempts") + 1, heartbeat_at=now):
            attempt = run.attempts + 1
        else:
            return False
        pk = run.pk
        transaction.on_commit(lambda: bulk_run_task.enqueue(pk, attempt))
    log.warning(
        "bulk run %s: no sign of life since before %s (%s of %s done, %s); enqueued as attempt %s",
        pk,
        cutoff.isoformat(),
        run.done,
        run.total,
        run.status,
        attempt,
    )
    return True


def register_periodic() -> None:
    from quiver.core.periodic import register

    from .tasks import resume_stale_runs_task

    register("categorize.bulk_recovery", resume_stale_runs_task, every=SWEEP_EVERY)
