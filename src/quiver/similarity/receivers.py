"""Hooks: a new version is checked for exact copies at once; a version that became ready is fingerprinted.
Both run as tasks after commit (the upload request never waits for them)."""

from django.db import transaction
from django.db.models.signals import post_save


def _version_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    from .tasks import fingerprint_version_task, flag_exact_task

    pk = instance.pk
    if created:
        transaction.on_commit(lambda: flag_exact_task.enqueue(pk))
    elif instance.status == "ready" and (update_fields is None or "status" in update_fields):
        transaction.on_commit(lambda: fingerprint_version_task.enqueue(pk))


def connect() -> None:
    from quiver.library.models import AssetVersion

    post_save.connect(_version_saved, sender=AssetVersion, dispatch_uid="similarity.version_saved")
