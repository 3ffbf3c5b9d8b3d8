"""What the taxonomy does after library changes (registered in quiver.listeners): automatic facets follow an
asset's type and language, and smart collections re-file assets whose facets, tags, type, status or text changed.
One call per delivered batch: an asset named by several events of one commit is synced and re-filed once."""

from quiver.core.events import AssetChanged, AssetCreated, AssetRetagged, VersionReady, batched

# Saves that cannot change automatic facets nor smart membership (a new current version is VersionAdded/Ready).
_NOISE = frozenset({"current_version", "updated_at", "verified_at", "verified_until", "verifier", "expires_at"})


@batched
def sync_and_refile(batch: list[AssetCreated | AssetChanged | AssetRetagged | VersionReady]) -> None:
    """Created or changed assets: automatic facets, then smart collections; retagged ones and versions whose text
    is ready (when a smart rule has words to match): smart collections."""
    from quiver.library.models import Asset

    from .models import SmartCollectionRule
    from .services import sync_automatic_facets
    from .smart import refile_assets

    synced = {
        e.asset_id: None
        for e in batch
        if isinstance(e, AssetCreated) or (isinstance(e, AssetChanged) and not (e.fields and e.fields <= _NOISE))
    }
    refiled = dict(synced)
    refiled.update((pk, None) for e in batch if isinstance(e, AssetRetagged) for pk in e.asset_ids)
    ready = {e.asset_id: None for e in batch if isinstance(e, VersionReady)}
    if set(ready) - set(refiled) and SmartCollectionRule.objects.exclude(query__text="").exists():
        refiled.update(ready)
    if synced:
        sync_automatic_facets(list(Asset.objects.filter(pk__in=list(synced))))
    if refiled:
        refile_assets(list(refiled))
