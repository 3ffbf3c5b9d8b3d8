"""Background tasks that write the search index. Only the worker runs them (the embedded Tantivy index has one
writer); web processes enqueue them after commit (search.indexing)."""

import logging
import time

from django_tasks import task

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


# Below ingest (0) and above previews (-10): under a burst of uploads the text of every file is extracted first,
# and the index takes the changed assets in a few large batches.
INDEX_PRIORITY = -5


@task(priority=INDEX_PRIORITY)
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


@task()
def rebuild_index() -> int:
    """Empty the index and load every asset again (`quiver reindex --queue`)."""
    from .services import rebuild_index as rebuild

    return _with_writer(rebuild)
