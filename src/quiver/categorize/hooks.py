"""Categorize on ingest: when an asset's version has been processed (its status saved as ready), or a web link
(no file) is created, enqueue categorize_asset_task after commit. Saves that do not touch a version's status
(previews) do not trigger it; the task skips an asset whose current version is still processing."""

from django.db import transaction
from django.db.models.signals import post_save


def _enqueue(asset_id: int) -> None:
    from .tasks import categorize_asset_task

    transaction.on_commit(lambda: categorize_asset_task.enqueue(asset_id))


def _version_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.status != "ready":
        return
    if update_fields is not None and "status" not in update_fields:
        return
    _enqueue(instance.asset_id)


def _asset_created(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw and instance.link_url:
        _enqueue(instance.pk)


def connect() -> None:
    from quiver.library.models import Asset, AssetVersion

    post_save.connect(_version_saved, sender=AssetVersion, dispatch_uid="categorize.version_ready")
    post_save.connect(_asset_created, sender=Asset, dispatch_uid="categorize.link_created")
