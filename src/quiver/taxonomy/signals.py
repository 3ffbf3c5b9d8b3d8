"""Hooks that keep automatic facets and smart collection membership in sync with the library.

- post_save of an Asset (type, language, title, description, status changed): automatic facets, then re-file;
- m2m_changed of Asset.tags (retagging re-files automatically);
- post_save of an AssetVersion that finished processing (its text can match a smart rule's words).

`facets_changed` is sent after an asset's facet values changed (search re-indexes on it); `smart_members_changed`
after assets entered or left smart collections (search re-indexes them: searching in a collection covers its
smart members)."""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import Signal

facets_changed = Signal()  # sender=Asset, asset_ids=[...]
smart_members_changed = Signal()  # sender=SmartMembership, asset_ids=[...]


def _asset_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .services import sync_automatic_facets
    from .smart import refile_assets

    sync_automatic_facets([instance])
    refile_assets([instance.pk])


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from .smart import refile_assets

    if reverse:  # tag.assets.add(...): instance is the tag
        if action == "post_clear":
            return
        refile_assets(pk_set or [])
    else:
        refile_assets([instance.pk])


def _version_saved(sender, instance, raw=False, **kwargs):
    if raw or instance.status != "ready":
        return
    from .models import SmartCollectionRule
    from .smart import refile_assets

    if SmartCollectionRule.objects.exclude(query__text="").exists():
        refile_assets([instance.asset_id])


def connect() -> None:
    from quiver.library.models import Asset, AssetVersion

    post_save.connect(_asset_saved, sender=Asset, dispatch_uid="taxonomy.asset_saved")
    m2m_changed.connect(_tags_changed, sender=Asset.tags.through, dispatch_uid="taxonomy.tags_changed")
    post_save.connect(_version_saved, sender=AssetVersion, dispatch_uid="taxonomy.version_saved")
