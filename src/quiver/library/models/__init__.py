from .asset import Asset, AssetStatus, AssetType, AssetQuerySet
from .collection import Collection, CollectionGrant, GrantLevel
from .tag import Tag
from .version import AssetPage, AssetVersion, ProcessingStatus

__all__ = [
    "Asset", "AssetStatus", "AssetType", "AssetQuerySet", "Collection", "CollectionGrant", "GrantLevel", "Tag",
    "AssetPage", "AssetVersion", "ProcessingStatus",
]
