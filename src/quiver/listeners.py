"""Everything that happens after a change, in one table: domain event -> listeners, in the order they run.

Services publish events (quiver.core.events) when they change something; they are delivered once the transaction
commits (one commit's events as one batch, in one transaction), never if it rolls back. A listener gets the event
(ids, actor id, what changed), reads what it needs and does light work at once or enqueues a task (on commit) for
heavy work; one that fails is logged and skips nothing else (the batch is delivered again without it, so what a
listener does must be database writes or on-commit work: see quiver.core.events.bus).
Installed by quiver.core at start-up (CoreConfig.ready). To react to something: write `listener(event)` in your
app's listeners.py and add it below; to add an event: a dataclass in quiver/core/events/types.py, published by
the service that makes the change.

A listener marked @batched (quiver.core.events.batched) is called once per batch with the list of its events (facet
sync and indexing: once per asset however many events of one commit name it).

What follows an upload (POST /api/v1/assets): AssetCreated (facets + smart collections at once; the index, and
the exact-copy check as tasks), then the processing task; when it finishes, VersionReady (smart rules on the
text, the index, categorization and fingerprinting as tasks)."""

from quiver.categorize import listeners as categorize
from quiver.categorize.learning import listeners as learning
from quiver.core.events import (
    AssetChanged,
    AssetCreated,
    AssetPurged,
    AssetRetagged,
    FacetsChanged,
    LifecycleChanged,
    SmartMembersChanged,
    VersionAdded,
    VersionReady,
    register,
)
from quiver.notify import listeners as notify
from quiver.search import indexing
from quiver.search import listeners as search
from quiver.similarity import listeners as similarity
from quiver.taxonomy import listeners as taxonomy

LISTENERS = {
    AssetCreated: [
        taxonomy.sync_and_refile,  # automatic facets (type, language), smart collections (once per batch)
        search.reindex,  # task: update_index (once per batch)
        similarity.flag_exact_copies,  # task: flag_exact_task (the file's SHA-256 is known at once)
        categorize.categorize_link,  # task: categorize_asset_task, for a web link (a file waits for ready)
        learning.on_created,  # tags put by a person: the classifier retrains (debounced)
    ],
    AssetChanged: [
        taxonomy.sync_and_refile,
        search.reindex,
    ],
    AssetRetagged: [
        taxonomy.sync_and_refile,  # smart collections only
        search.reindex,
        learning.on_retagged,  # only tags people or rules put (or took off)
    ],
    VersionAdded: [
        search.reindex,  # the current version changed
        similarity.flag_exact_copies,
    ],
    VersionReady: [
        taxonomy.sync_and_refile,  # smart rules with words match the text
        search.reindex,
        categorize.categorize_ready_version,  # task: categorize_asset_task
        similarity.fingerprint_ready_version,  # task: fingerprint_version_task
    ],
    FacetsChanged: [
        search.reindex,
        learning.on_facets_changed,
    ],
    SmartMembersChanged: [
        search.reindex,  # searching in a collection covers its smart members
    ],
    LifecycleChanged: [
        notify.notify_lifecycle,  # in-app notifications; webhooks (task per delivery)
    ],
    AssetPurged: [
        learning.on_purged,
    ],
}

# Row watchers (Django signals) that only collect ids for the index, for changes no service publishes: an asset
# row deleted; a tag, collection or facet value renamed or deleted. See quiver.search.indexing.watch_rows.
ROW_WATCHERS = [indexing.watch_rows]


def install() -> None:
    register(LISTENERS)
    for watch in ROW_WATCHERS:
        watch()
