"""What the search index does on domain events (registered in quiver.listeners): the assets a delivered batch
names are re-indexed by one coalesced task after its commit (indexing.schedule)."""

from quiver.core.events import Event, batched

from . import indexing


@batched
def reindex(batch: list[Event]) -> None:
    """Events naming assets: `asset_id` or `asset_ids`."""
    ids = []
    for event in batch:
        ids.extend(getattr(event, "asset_ids", ()) or ())
        if getattr(event, "asset_id", None) is not None:
            ids.append(event.asset_id)
    indexing.schedule(ids)
