"""Keeping the search index in step with the library: `schedule` collects the ids of changed assets and, once the
transaction commits, enqueues one `update_index` task for all of them (many changes of one transaction coalesce
into a single task; the worker is the only writer of the index).

What calls it: search.listeners on the domain events (asset created, changed, retagged, new or ready version,
facets and smart membership changed; see quiver.listeners), and the row watchers below for what no service
publishes: an asset row deleted, a tag, collection or facet value renamed or deleted (by any code path; each
watcher only collects ids)."""

from __future__ import annotations

import threading
from datetime import timedelta

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone

_pending = threading.local()
STALE_SECONDS = 10
VERSION_NOISE = {"thumbnail", "metadata", "steps"}  # preview rendering: nothing the index holds


def schedule(asset_ids, using: str | None = None) -> None:
    """Index these assets after the current transaction commits (at once outside a transaction)."""
    ids = {int(pk) for pk in asset_ids if pk is not None}
    if not ids:
        return
    pending = getattr(_pending, "ids", None)
    if pending is None:
        pending = _pending.ids = set()
    pending |= ids
    # One callback per call: a savepoint rolled back drops its callbacks, so none may be relied on alone; the
    # first to run takes every pending id and the others find nothing left.
    transaction.on_commit(flush, using=using)


def reset() -> None:
    """Forget ids pending from transactions that rolled back (tests start clean with it)."""
    _pending.ids = set()


def flush() -> None:
    ids = getattr(_pending, "ids", None)
    if not ids:
        return
    _pending.ids = set()
    from .models import PendingIndex
    from .tasks import update_index

    started = timezone.now()
    PendingIndex.objects.bulk_create([PendingIndex(asset_id=pk) for pk in sorted(ids)], ignore_conflicts=True)
    if not _task_already_waiting(started):
        update_index.enqueue(sorted(ids))


def _task_already_waiting(started) -> bool:
    """An update_index task not yet started takes every queued id when it runs (they are inserted before this
    check): one more would only be claimed to find nothing (~3 empty tasks per upload before, on the index lane).
    Otherwise, assets queued recently, before this flush (these same ones, by an earlier commit, or others), mean a
    task enqueued with them has not drained the queue yet (a burst of uploads enqueued ~2 tasks per file before;
    two commits changing one asset, two). Rows left older than STALE_SECONDS (a flush that died between its insert
    and its enqueue, or two flushes that each saw the other's rows) get a new task with the next change; the worker
    also drains the queue when it starts."""
    from quiver.core.queue_selectors import waiting

    from .models import PendingIndex

    if waiting("quiver.search.tasks.update_index"):
        return True
    oldest = (
        PendingIndex.objects.filter(created_at__lt=started)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return oldest is not None and oldest > started - timedelta(seconds=STALE_SECONDS)


def take_pending() -> list[int]:
    """Every asset id waiting to be indexed, removed from the queue. Callers read the assets AFTER this, so a
    change committed meanwhile is either read now or queued again."""
    from .models import PendingIndex

    with transaction.atomic():
        ids = list(PendingIndex.objects.values_list("asset_id", flat=True)[:5000])
        PendingIndex.objects.filter(asset_id__in=ids).delete()
    return ids


def requeue(ids) -> None:
    from .models import PendingIndex

    PendingIndex.objects.bulk_create([PendingIndex(asset_id=pk) for pk in ids], ignore_conflicts=True)


# --- row watchers: deletions and renames (they only collect ids; listed in quiver.listeners) -------------------


def _asset_deleted(sender, instance, using=None, **kwargs):
    schedule([instance.pk], using)


def _side(instance) -> str:
    return "tag_id" if type(instance).__name__ == "Tag" else "collection_id"


def _label_changed(sender, instance, raw=False, using=None, **kwargs):
    """A tag or collection renamed or deleted: every asset carrying it (collections: their ids are indexed)."""
    if raw or kwargs.get("created"):
        return
    through = instance.assets.through
    schedule(through.objects.filter(**{_side(instance): instance.pk}).values_list("asset_id", flat=True), using)
    smart = getattr(instance, "smart_members", None)  # a collection's smart members go with it (cascade)
    if smart is not None:
        schedule(smart.values_list("asset_id", flat=True), using)


def _facet_value_changed(sender, instance, raw=False, using=None, **kwargs):
    if raw or kwargs.get("created"):
        return
    from quiver.taxonomy.models import AssetFacetValue

    schedule(AssetFacetValue.objects.filter(value_id=instance.pk).values_list("asset_id", flat=True), using)


def watch_rows() -> None:
    from quiver.library.models import Asset, Collection, Tag

    post_delete.connect(_asset_deleted, sender=Asset, dispatch_uid="search.asset_deleted")
    for model in (Tag, Collection):
        post_save.connect(_label_changed, sender=model, dispatch_uid=f"search.{model.__name__}_saved")
        pre_delete.connect(_label_changed, sender=model, dispatch_uid=f"search.{model.__name__}_deleted")
    try:
        from quiver.taxonomy.models import FacetValue
    except ImportError:  # taxonomy not installed
        return
    post_save.connect(_facet_value_changed, sender=FacetValue, dispatch_uid="search.facet_value_saved")
    pre_delete.connect(_facet_value_changed, sender=FacetValue, dispatch_uid="search.facet_value_deleted")
