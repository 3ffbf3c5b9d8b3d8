"""Categorize on ingest: when an asset's current version has been processed (status saved as ready), enqueue
categorize_asset_task after commit. Saves that do not touch the status (previews) do not trigger it."""

from django.db import transaction
from django.db.models.signals import post_save


def _version_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.status != "ready":
        return
    if update_fields is not None and "status" not in update_fields:
        return
    from .tasks import categorize_asset_task

    asset_id = instance.asset_id
    transaction.on_commit(lambda: categorize_asset_task.enqueue(asset_id))


def connect() -> None:
    from quiver.library.models import AssetVersion

    post_save.connect(_version_saved, sender=AssetVersion, dispatch_uid="categorize.version_ready")
