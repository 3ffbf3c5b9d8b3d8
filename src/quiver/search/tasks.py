"""Background tasks that write the search index. Only the worker runs them (the embedded Tantivy index has one
writer); web processes enqueue them after commit (search.indexing)."""

import logging
import time

from django_tasks import task

from quiver.core.queues import INDEX

log = logging.getLogger(__name__)
LOCK_WAIT_SECONDS = 30


def _with_writer(fn):
    """Run `fn`, waiting a while when another process (a `quiver reindex`) holds the index writer."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            return fn()
        except ValueError as exc:  # tantivy: "Failed to acquire Lockfile: LockBusy"
            if "Lock" not in str(exc) or time.monotonic() > deadline:
                raise
            log.info("search index writer busy, retrying")
            time.sleep(0.5)


# The index has its own queue and worker lane (quiver.core.queues), so it never waits behind a long import: a
# ready asset is searchable within seconds. A worker consuming every queue (`quiver worker` alone) puts it first.
INDEX_PRIORITY = 10


@task(priority=INDEX_PRIORITY, queue_name=INDEX)
def update_index(asset_ids: list[int]) -> int:
    """(Re)index every queued asset (search.indexing.take_pending); `asset_ids` are those this task was enqueued
    for, usually already taken by an earlier task. Deleted assets are removed from the index."""
    from .indexing import requeue, take_pending
    from .services import index_assets

    def run() -> int:
        done = 0
        while ids := take_pending():
            try:
                done += index_assets(ids)
            except Exception:
                requeue(ids)  # e.g. the writer lock is busy: _with_writer retries, and finds them again
                raise
        return done

    return _with_writer(run)


@task(queue_name=INDEX)
def rebuild_index() -> int:
    """Empty the index and load every asset again (`quiver reindex --queue`)."""
    from .services import rebuild_index as rebuild

    return _with_writer(rebuild)
