"""Domain events: what happened, published by services after commit (see bus.py; listeners: quiver.listeners)."""

from .bus import batched, deliver, listeners_for, publish, register
from .types import (
    AssetChanged,
    AssetCreated,
    AssetPurged,
    AssetRetagged,
    Event,
    FacetsChanged,
    LifecycleChanged,
    SmartMembersChanged,
    VersionAdded,
    VersionReady,
)

__all__ = [
    "AssetChanged",
    "AssetCreated",
    "AssetPurged",
    "AssetRetagged",
    "Event",
    "FacetsChanged",
    "LifecycleChanged",
    "SmartMembersChanged",
    "VersionAdded",
    "VersionReady",
    "batched",
    "deliver",
    "listeners_for",
    "publish",
    "register",
]
