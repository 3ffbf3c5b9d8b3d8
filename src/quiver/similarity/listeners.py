"""Duplicates (registered in quiver.listeners): a new version is checked for exact copies at once (its SHA-256 is
known on upload); a version that became ready is fingerprinted. Both are tasks, enqueued when the
delivery commits: the upload never waits for them."""

from django.db import transaction

from quiver.core.events import AssetCreated, VersionAdded, VersionReady


def flag_exact_copies(event: AssetCreated | VersionAdded) -> None:
    from .tasks import flag_exact_task

    if event.version_id is not None:
        transaction.on_commit(lambda: flag_exact_task.enqueue(event.version_id))


def fingerprint_ready_version(event: VersionReady) -> None:
    from .tasks import fingerprint_version_task

    transaction.on_commit(lambda: fingerprint_version_task.enqueue(event.version_id))
