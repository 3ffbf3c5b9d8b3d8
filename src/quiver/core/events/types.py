"""The domain events: small frozen dataclasses holding ids and what changed, never model instances (a listener
runs after commit and reads what it needs; a payload can be logged, queued or sent as JSON as it is).

Every event says who did it (`actor_id`, None for the system). Listeners are listed in `quiver.listeners`."""

from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class Event:
    actor_id: int | None = None


# --- assets --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class AssetCreated(Event):
    """A new asset, with its tags and collections set: from a file (`version_id`: its first version, stored and
    enqueued for processing; later versions are VersionAdded) or a web link (`version_id` None)."""

    asset_id: int
    version_id: int | None = None
    tag_ids: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class AssetChanged(Event):
    """Fields of an asset changed (metadata, lifecycle fields, "collections", "current_version"...)."""

    asset_id: int
    fields: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, kw_only=True)
class AssetRetagged(Event):
    """Tags were added to or removed from these assets. `sources` holds the source of every tag row added or
    removed (manual, rule, automatic...): the classifier learns only from some."""

    asset_ids: tuple[int, ...]
    added: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()
    sources: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, kw_only=True)
class AssetPurged(Event):
    """An asset was deleted for good (its row is gone)."""

    asset_id: int


@dataclass(frozen=True, kw_only=True)
class LifecycleChanged(Event):
    """A lifecycle step: submitted, approved, rejected, published, expiring, expired, verified, archived, restored,
    trashed, merged, purged. `data` is JSON-ready (ids, dates as ISO strings, comments)."""

    asset_id: int
    step: str
    data: dict = field(default_factory=dict)


# --- versions ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class VersionAdded(Event):
    """A file was stored as a new version of an asset (processing is enqueued)."""

    version_id: int
    asset_id: int


@dataclass(frozen=True, kw_only=True)
class VersionReady(Event):
    """A version finished processing: its text, pages and metadata are there."""

    version_id: int
    asset_id: int


# --- taxonomy ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class FacetsChanged(Event):
    """Facet values of these assets changed; `source` is the assignment source (None: mixed, e.g. the demo)."""

    asset_ids: tuple[int, ...]
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class SmartMembersChanged(Event):
    """These assets entered or left smart collections."""

    asset_ids: tuple[int, ...]
