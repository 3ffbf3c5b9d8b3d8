from .asset import Asset, AssetQuerySet, AssetStatus, AssetType
from .collection import Collection, CollectionGrant, GrantLevel
from .tag import AssetTag, Tag, TagSource
from .version import AssetPage, AssetVersion, ProcessingStatus

__all__ = [
    "Asset",
    "AssetStatus",
    "AssetType",
    "AssetQuerySet",
    "Collection",
    "CollectionGrant",
    "GrantLevel",
    "Tag",
    "AssetTag",
    "TagSource",
    "AssetPage",
    "AssetVersion",
    "ProcessingStatus",
]
