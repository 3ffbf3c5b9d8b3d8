"""What the taxonomy does after library changes (registered in quiver.listeners): automatic facets follow an
asset's type and language, and smart collections re-file assets whose facets, tags, type, status or text changed."""

from quiver.core.events import AssetChanged, AssetCreated, AssetRetagged, VersionReady

# Saves that cannot change automatic facets nor smart membership (a new current version is VersionAdded/Ready).
_NOISE = frozenset({"current_version", "updated_at", "verified_at", "verified_until", "verifier", "expires_at"})


def sync_and_refile(event: AssetCreated | AssetChanged) -> None:
    from quiver.library.models import Asset

    from .services import sync_automatic_facets
    from .smart import refile_assets

    if isinstance(event, AssetChanged) and event.fields and event.fields <= _NOISE:
        return
    asset = Asset.objects.filter(pk=event.asset_id).first()
    if asset is None:
        return
    sync_automatic_facets([asset])
    refile_assets([asset.pk])


def refile_retagged(event: AssetRetagged) -> None:
    from .smart import refile_assets

    refile_assets(event.asset_ids)


def refile_ready_text(event: VersionReady) -> None:
    """A processed version's text can match a smart rule's words."""
    from .models import SmartCollectionRule
    from .smart import refile_assets

    if SmartCollectionRule.objects.exclude(query__text="").exists():
        refile_assets([event.asset_id])

