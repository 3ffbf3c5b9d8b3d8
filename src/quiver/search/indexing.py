"""Keeping the search index in step with the library: signal handlers collect the ids of changed assets and,
once the transaction commits, enqueue one `update_index` task for all of them (many saves of one request or one
import batch coalesce into a single task; the worker is the only writer of the index).

Changes that reach the index: an asset saved (metadata, status, current version), deleted, retagged or moved
between collections (m2m), a version finishing processing (its text), facet values changed (the taxonomy's
facets_changed signal), assets entering or leaving smart collections (smart_members_changed: searching in a
collection covers its smart members), a tag, collection or facet value renamed or deleted."""

from __future__ import annotations

import threading
from datetime import timedelta

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
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

    PendingIndex.objects.bulk_create([PendingIndex(asset_id=pk) for pk in sorted(ids)], ignore_conflicts=True)
    if not _task_already_waiting(ids):
        update_index.enqueue(sorted(ids))


def _task_already_waiting(ids) -> bool:
    """An update_index task not yet started takes every queued id when it runs (they are inserted before this
    check): one more would only be claimed to find nothing (~3 empty tasks per upload before, on the index lane).
    Otherwise, other assets queued recently mean a task enqueued with them has not drained the queue yet (a burst
    of uploads enqueued ~2 tasks per file before). Rows left older
    than STALE_SECONDS (a flush that died between its insert and its enqueue, or two flushes that each saw the
    other's rows) get a new task with the next change; the worker also drains the queue when it starts."""
    from quiver.core.queue_selectors import waiting

    from .models import PendingIndex

    if waiting("quiver.search.tasks.update_index"):
        return True
    oldest = (PendingIndex.objects.exclude(asset_id__in=ids).order_by("created_at")
              .values_list("created_at", flat=True).first())
    return oldest is not None and oldest > timezone.now() - timedelta(seconds=STALE_SECONDS)


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


# --- signal handlers ---------------------------------------------------------------------------------------------

def _asset_saved(sender, instance, raw=False, using=None, **kwargs):
    if not raw:
        schedule([instance.pk], using)


def _asset_deleted(sender, instance, using=None, **kwargs):
    schedule([instance.pk], using)


def _m2m_changed(sender, instance, action, reverse, pk_set, using=None, **kwargs):
    """Asset.tags / Asset.collections changed, from either side."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            schedule([instance.pk], using)
        return
    if action in ("post_add", "post_remove"):
        schedule(pk_set or [], using)
    elif action == "pre_clear":  # tag.assets.clear(): the ids are gone after
        schedule(sender.objects.filter(**{_side(sender, instance): instance.pk}).values_list("asset_id", flat=True),
                 using)


def _side(through, instance) -> str:
    return "tag_id" if type(instance).__name__ == "Tag" else "collection_id"


def _version_saved(sender, instance, raw=False, update_fields=None, using=None, **kwargs):
    if raw or instance.status != "ready":
        return
    if update_fields and set(update_fields) <= VERSION_NOISE:
        return
    schedule([instance.asset_id], using)


def _label_changed(sender, instance, raw=False, using=None, **kwargs):
    """A tag or collection renamed or deleted: every asset carrying it (collections: their ids are indexed)."""
    if raw or kwargs.get("created"):
        return
    through = instance.assets.through
    schedule(through.objects.filter(**{_side(through, instance): instance.pk}).values_list("asset_id", flat=True),
             using)
    smart = getattr(instance, "smart_members", None)  # a collection's smart members go with it (cascade)
    if smart is not None:
        schedule(smart.values_list("asset_id", flat=True), using)


def _facet_value_changed(sender, instance, raw=False, using=None, **kwargs):
    if raw or kwargs.get("created"):
        return
    schedule(_assets_with_value(instance.pk), using)


def _assets_with_value(value_id: int):
    from quiver.taxonomy.models import AssetFacetValue

    return AssetFacetValue.objects.filter(value_id=value_id).values_list("asset_id", flat=True)


def _facets_changed(sender, asset_ids=(), **kwargs):
    schedule(asset_ids)


def _smart_members_changed(sender, asset_ids=(), **kwargs):
    schedule(asset_ids)


def connect() -> None:
    from quiver.library.models import Asset, AssetVersion, Collection, Tag

    post_save.connect(_asset_saved, sender=Asset, dispatch_uid="search.asset_saved")
    post_delete.connect(_asset_deleted, sender=Asset, dispatch_uid="search.asset_deleted")
    m2m_changed.connect(_m2m_changed, sender=Asset.tags.through, dispatch_uid="search.tags_changed")
    m2m_changed.connect(_m2m_changed, sender=Asset.collections.through, dispatch_uid="search.collections_changed")
    post_save.connect(_version_saved, sender=AssetVersion, dispatch_uid="search.version_saved")
    for model in (Tag, Collection):
        post_save.connect(_label_changed, sender=model, dispatch_uid=f"search.{model.__name__}_saved")
        pre_delete.connect(_label_changed, sender=model, dispatch_uid=f"search.{model.__name__}_deleted")
    try:
        from quiver.taxonomy.models import FacetValue
        from quiver.taxonomy.signals import facets_changed, smart_members_changed
    except ImportError:  # taxonomy not installed
        return
    facets_changed.connect(_facets_changed, dispatch_uid="search.facets_changed")
    smart_members_changed.connect(_smart_members_changed, dispatch_uid="search.smart_members_changed")
    post_save.connect(_facet_value_changed, sender=FacetValue, dispatch_uid="search.facet_value_saved")
    pre_delete.connect(_facet_value_changed, sender=FacetValue, dispatch_uid="search.facet_value_deleted")
