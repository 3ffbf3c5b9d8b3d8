"""What marks the classifier dirty (its labels changed; registered in quiver.listeners). Retraining follows after
the debounce (dirty.py); categorize's own services mark it when a suggestion is accepted, rejected or reverted.

- tags added or removed that people or rules had put there (not the classifier's own automatic tags);
- facet values assigned or removed by people or rules (or in bulk, source unknown);
- an asset deleted for good (its labels leave the training set)."""

from quiver.core.events import AssetCreated, AssetPurged, AssetRetagged, FacetsChanged

from .corpus import LEARNED_SOURCES
from .dirty import mark_dirty


def on_retagged(event: AssetRetagged) -> None:
    if event.sources & set(LEARNED_SOURCES):
        mark_dirty()


def on_facets_changed(event: FacetsChanged) -> None:
    if event.source is None or event.source in LEARNED_SOURCES:
        mark_dirty()


def on_purged(event: AssetPurged) -> None:
    mark_dirty()


def on_created(event: AssetCreated) -> None:
    if event.tag_ids:  # set by the uploader (source manual)
        mark_dirty()
