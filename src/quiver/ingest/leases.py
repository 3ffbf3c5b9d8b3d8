"""Processing claims, so work interrupted by a stopped worker (killed, restarted, out of memory) is never stranded.

A worker claims a version before it works on it: a conditional UPDATE (still unclaimed, same state) sets
`claimed_at` and `lease_expires_at` (QUIVER_INGEST_LEASE_SECONDS ahead); the text claim also counts `attempts`. While
the sandbox child parses or draws, a heartbeat thread renews the lease every third of it; the result is saved only
if the claim is still this worker's (`mine`), and saving clears the lease. A worker that comes back late after its
claim was given to another attempt (or failed) saves nothing.

The periodic job `ingest.lease_sweep` (every minute, core/periodic.py) then

- re-queues a version whose claim expired (the worker stopped): the lease is cleared (conditional on the same
  expired claim, so two sweeps never both re-queue it) and its task enqueued on commit; after
  QUIVER_INGEST_MAX_ATTEMPTS interrupted attempts it is failed instead, with a reason saying so (previews: the
  preview is marked unavailable; the text stays ready);
- re-enqueues a version never claimed for QUIVER_INGEST_QUEUED_STALE_SECONDS whose task looks lost: the queue has
  moved past it (a version queued after it was claimed) or no ingest work went on since. This uses up no attempt, and
  a duplicate task is harmless: it finds nothing to claim.
"""

import logging
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from quiver.library.models import AssetVersion, ProcessingStatus

log = logging.getLogger(__name__)

SWEEP_EVERY = timedelta(minutes=1)
SWEEP_BATCH = 200  # versions handled per sweep and kind (the next sweep takes the rest)
PENDING = "pending"  # metadata["preview"] while the preview task has not run yet


class Superseded(Exception):
    """The claim is no longer this worker's (its lease expired and the version was re-queued, retried or failed)."""


def lease() -> timedelta:
    return timedelta(seconds=max(1, int(settings.QUIVER_INGEST_LEASE_SECONDS)))


def max_attempts() -> int:
    return max(1, int(settings.QUIVER_INGEST_MAX_ATTEMPTS))


def queued_stale() -> timedelta:
    return timedelta(seconds=max(1, int(settings.QUIVER_INGEST_QUEUED_STALE_SECONDS)))


# --- claims --------------------------------------------------------------------------------------------------


def claim_text(version_id: int) -> AssetVersion | None:
    """Claim a version still waiting to be processed; None when it is gone, finished, or held by a live claim."""
    version = AssetVersion.objects.filter(
        pk=version_id, status=ProcessingStatus.PROCESSING, lease_expires_at__isnull=True
    ).first()
    now = timezone.now()
    if version is None or not AssetVersion.objects.filter(
        pk=version.pk, status=ProcessingStatus.PROCESSING, lease_expires_at__isnull=True, attempts=version.attempts
    ).update(attempts=F("attempts") + 1, claimed_at=now, lease_expires_at=now + lease()):
        return None
    version.attempts, version.claimed_at, version.lease_expires_at = version.attempts + 1, now, now + lease()
    return version


def claim_previews(version_id: int) -> AssetVersion | None:
    """Claim a ready version whose previews are still to be drawn."""
    version = AssetVersion.objects.filter(
        pk=version_id, status=ProcessingStatus.READY, lease_expires_at__isnull=True
    ).first()
    now = timezone.now()
    if (
        version is None
        or version.metadata.get("preview") != PENDING
        or not AssetVersion.objects.filter(
            pk=version.pk, status=ProcessingStatus.READY, lease_expires_at__isnull=True, claimed_at=version.claimed_at
        ).update(claimed_at=now, lease_expires_at=now + lease())
    ):
        return None
    version.claimed_at, version.lease_expires_at = now, now + lease()
    return version


def mine(version: AssetVersion):
    """The version's row while this worker's claim still holds: the same claim, not released (the sweep, a retry or
    a finish clears the lease; a newer claim changes claimed_at and, for the text, attempts)."""
    return AssetVersion.objects.filter(
        pk=version.pk, attempts=version.attempts, claimed_at=version.claimed_at, lease_expires_at__isnull=False
    )


def release(version: AssetVersion, fields: list[str]) -> None:
    """Save `fields` and clear the claim, if it is still this worker's (else Superseded, and nothing is saved).
    A real save(update_fields=...), so the post_save listeners (search, categorize, similarity) see it."""
    with transaction.atomic():
        hold(version)  # the ownership check and (PostgreSQL) the row lock, in the same transaction as the save
        version.lease_expires_at, version.interruptions = None, 0
        version.save(update_fields=[*fields, "lease_expires_at", "interruptions"])


def hold(version: AssetVersion) -> None:
    """Renew the claim now (Superseded when it is no longer this worker's)."""
    if not mine(version).update(lease_expires_at=timezone.now() + lease()):
        raise Superseded(f"version {version.pk}: claim of attempt {version.attempts} was taken over")


class Heartbeat:
    """Renews the claim every third of the lease while the body runs (in a thread with its own connection)."""

    def __init__(self, version: AssetVersion):
        self.version, self.lost = version, False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"quiver-lease-{version.pk}", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        every = lease().total_seconds() / 3
        try:
            while not self._stop.wait(every):
                try:
                    hold(self.version)
                except Superseded:
                    self.lost = True
                    log.warning("version %s: claim lost while working on it", self.version.pk)
                    return
                except Exception:
                    log.exception("version %s: heartbeat failed", self.version.pk)
                    close_old_connections()
        finally:
            connections.close_all()  # this thread's own connections


# --- the sweep -----------------------------------------------------------------------------------------------


def _interrupted_reason(n: int) -> str:
    times = "once" if n == 1 else f"{n} times"
    return (
        f"Processing was interrupted {times} (the worker stopped before it finished, e.g. it was killed, "
        f"restarted or ran out of memory); gave up after {n} attempts. Retry when the worker runs steadily; "
        f"if it keeps happening, the file may need more memory or time than the limits allow."
    )


def _requeue_expired(version: AssetVersion, now: datetime) -> str:
    from .tasks import process_version, render_previews

    same = AssetVersion.objects.filter(
        pk=version.pk, status=version.status, claimed_at=version.claimed_at, lease_expires_at=version.lease_expires_at
    )
    interrupted = version.interruptions + 1
    text = version.status == ProcessingStatus.PROCESSING
    if version.status not in (ProcessingStatus.PROCESSING, ProcessingStatus.READY):
        return "released" if same.update(lease_expires_at=None) else ""
    if interrupted >= max_attempts():
        if text:
            done = same.update(
                status=ProcessingStatus.FAILED,
                failure_reason=_interrupted_reason(interrupted),
                lease_expires_at=None,
                interruptions=interrupted,
                processed_at=now,
            )
        else:
            metadata = {
                **version.metadata,
                "preview": f"unavailable: drawing the previews was interrupted "
                f"{interrupted} times (the worker stopped)",
            }
            done = same.update(metadata=metadata, lease_expires_at=None, interruptions=interrupted)
        if done:
            log.error(
                "version %s: %s interrupted %s times; gave up", version.pk, "text" if text else "previews", interrupted
            )
        return "failed" if done else ""
    if not same.update(lease_expires_at=None, interruptions=interrupted, queued_at=now):
        return ""
    task, pk = (process_version if text else render_previews), version.pk
    transaction.on_commit(lambda: task.enqueue(pk))
    log.warning(
        "version %s: claim expired (worker stopped, attempt %s); %s re-queued",
        pk,
        version.attempts,
        "text" if text else "previews",
    )
    return "requeued"


def expired_claims(now: datetime):
    return AssetVersion.objects.filter(lease_expires_at__lt=now).order_by("lease_expires_at")


def lost_tasks(now: datetime):
    """Never claimed since queued before the bound. Text: while the queue moved past it (the text of a version queued
    after it was claimed: tasks are taken in order) or nothing was claimed since; previews (a lower priority, behind
    every text task): only then. Two aggregate queries, whatever the backlog."""
    cutoff = now - queued_stale()
    text_claims = Q(status=ProcessingStatus.PROCESSING) | Q(processed_at__gte=F("claimed_at"))
    newest = AssetVersion.objects.filter(text_claims, claimed_at__gte=F("queued_at")).aggregate(
        newest=Max("queued_at")
    )["newest"]
    idle = not AssetVersion.objects.filter(Q(claimed_at__gte=cutoff) | Q(lease_expires_at__isnull=False)).exists()
    waiting = AssetVersion.objects.filter(queued_at__lt=cutoff, lease_expires_at__isnull=True)
    text, previews = Q(status=ProcessingStatus.PROCESSING), Q(status=ProcessingStatus.READY, metadata__preview=PENDING)
    if idle:
        return waiting.filter(text | previews)
    return waiting.filter(text, queued_at__lt=newest) if newest else waiting.none()


def _requeue_lost(version: AssetVersion, now: datetime) -> bool:
    from .tasks import process_version, render_previews

    if not AssetVersion.objects.filter(
        pk=version.pk, status=version.status, queued_at=version.queued_at, lease_expires_at__isnull=True
    ).update(queued_at=now):
        return False
    task, pk = (process_version if version.status == ProcessingStatus.PROCESSING else render_previews), version.pk
    transaction.on_commit(lambda: task.enqueue(pk))
    log.warning("version %s: never picked up since %s (task lost?); enqueued again", pk, version.queued_at)
    return True


def sweep(now: datetime | None = None) -> dict[str, int]:
    """Re-queue (or give up on) expired claims, re-enqueue lost tasks; returns counts by outcome."""
    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0, "released": 0, "lost": 0}
    fields = ("pk", "status", "attempts", "claimed_at", "lease_expires_at", "interruptions", "metadata", "queued_at")
    for version in expired_claims(now).only(*fields)[:SWEEP_BATCH]:
        with transaction.atomic():
            outcome = _requeue_expired(version, now)
        if outcome:
            counts[outcome] += 1
    for version in lost_tasks(now).order_by("queued_at").only(*fields)[:SWEEP_BATCH]:
        with transaction.atomic():
            counts["lost"] += _requeue_lost(version, now)
    return counts


def register_periodic() -> None:
    from quiver.core.periodic import register

    from .tasks import sweep_leases

    register("ingest.lease_sweep", sweep_leases, every=SWEEP_EVERY)
