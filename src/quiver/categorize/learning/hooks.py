"""What marks the classifier dirty (labels changed), and the periodic job that retrains. Connected from the
categorize AppConfig.ready() via `connect()`.

- m2m_changed of Asset.tags: additions by people or rules (not the classifier's own automatic tags), removals of
  any tag a person or rule had put there;
- post_save / post_delete of taxonomy.AssetFacetValue (source manual or rule), and taxonomy's facets_changed
  signal (bulk replacements create rows without post_save);
- post_save of categorize.Suggestion when rejected or reverted (categorize.services also calls mark_dirty)."""


from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .corpus import LEARNED_SOURCES, NEGATIVE_STATUSES
from .dirty import RETRAIN_EVERY, mark_dirty


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    from quiver.library.models import AssetTag

    if action == "post_add" and pk_set:
        rows = AssetTag.objects.filter(**({"asset_id__in": pk_set, "tag": instance} if reverse else
                                          {"asset": instance, "tag_id__in": pk_set}))
        if rows.filter(source__in=LEARNED_SOURCES).exists():
            mark_dirty()
    elif action in ("pre_remove", "pre_clear"):
        key = "tag" if reverse else "asset"
        rows = AssetTag.objects.filter(**{key: instance}, source__in=LEARNED_SOURCES)
        if pk_set:
            rows = rows.filter(**({"asset_id__in": pk_set} if reverse else {"tag_id__in": pk_set}))
        if rows.exists():
            mark_dirty()


def _assignment_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.source in LEARNED_SOURCES:
        mark_dirty()


def _facets_changed(sender, source=None, **kwargs):
    if source is None or source in LEARNED_SOURCES:
        mark_dirty()


def _suggestion_saved(sender, instance, raw=False, **kwargs):
    if not raw and getattr(instance, "status", None) in NEGATIVE_STATUSES:
        mark_dirty()


def _asset_deleted(sender, instance, **kwargs):
    mark_dirty()


def connect() -> None:
    from quiver.core.periodic import register
    from quiver.library.models import Asset
    from quiver.taxonomy.models import AssetFacetValue
    from quiver.taxonomy.signals import facets_changed

    from .tasks import retrain_if_due_task

    uid = "categorize.learning."
    m2m_changed.connect(_tags_changed, sender=Asset.tags.through, dispatch_uid=uid + "tags")
    post_save.connect(_assignment_changed, sender=AssetFacetValue, dispatch_uid=uid + "facet_saved")
    post_delete.connect(_assignment_changed, sender=AssetFacetValue, dispatch_uid=uid + "facet_deleted")
    pre_delete.connect(_asset_deleted, sender=Asset, dispatch_uid=uid + "asset_deleted")
    facets_changed.connect(_facets_changed, dispatch_uid=uid + "facets_changed")
    post_save.connect(_suggestion_saved, sender=apps.get_model("categorize", "Suggestion"),
                      dispatch_uid=uid + "suggestion")
    register("categorize.retrain", retrain_if_due_task, every=RETRAIN_EVERY)
