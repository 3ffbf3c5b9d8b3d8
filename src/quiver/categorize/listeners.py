"""Categorize on ingest (registered in quiver.listeners): when a version has been processed, or a web link (no
file) is created, enqueue categorize_asset_task (the task skips an asset whose current version still processes)."""

from django.db import transaction

from quiver.core.events import AssetCreated, VersionReady


def categorize_link(event: AssetCreated) -> None:
    from .tasks import categorize_asset_task

    if event.version_id is None:
        transaction.on_commit(lambda: categorize_asset_task.enqueue(event.asset_id))


def categorize_ready_version(event: VersionReady) -> None:
    from .tasks import categorize_asset_task

    transaction.on_commit(lambda: categorize_asset_task.enqueue(event.asset_id))
