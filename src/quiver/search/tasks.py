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


@task()
def update_index(asset_ids: list[int]) -> int:
    """(Re)index these assets; those deleted since are removed from the index."""
    from .services import index_assets

    return _with_writer(lambda: index_assets(asset_ids))


@task()
def rebuild_index() -> int:
    """Empty the index and load every asset again (`quiver reindex --queue`)."""
    from .services import rebuild_index as rebuild

    return _with_writer(rebuild)
