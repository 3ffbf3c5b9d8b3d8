"""What the search index does on domain events (registered in quiver.listeners): the assets concerned are
re-indexed by one coalesced task after commit (indexing.schedule)."""

from quiver.core.events import Event

from . import indexing


def reindex(event: Event) -> None:
    """Any event naming assets: `asset_id` or `asset_ids`."""
    ids = list(getattr(event, "asset_ids", ()) or ())
    if getattr(event, "asset_id", None) is not None:
        ids.append(event.asset_id)
    indexing.schedule(ids)
