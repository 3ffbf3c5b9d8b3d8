"""Publishing domain events and calling their listeners.

    from quiver.core.events import AssetChanged, AssetRetagged, publish
    publish(AssetChanged(asset_id=asset.pk, actor_id=user.pk, fields=frozenset({"title"})),
            AssetRetagged(asset_ids=(asset.pk,), actor_id=user.pk, added=(tag.pk,)))

`publish` delivers its events when the current transaction commits (at once outside one) and never if it, or the
savepoint they were published in, rolls back (see commit.py: what one commit published is delivered as one
batch). Listeners are plain functions `listener(event)`, registered by event class in `quiver.listeners` (one file
lists them all); a listener for a base class also hears its subclasses. A listener marked `@batched` is called
once per batch with the list of its events instead (e.g. facet sync: once per asset however many events name it).

A batch is delivered in one transaction. Listeners run without savepoints; if one raises, that transaction is
rolled back and the batch delivered again with each listener in its own savepoint, so the failing one is logged
(on "quiver.events") and skipped while the others' work is kept: a listener never breaks the request that
published nor another listener. So a listener may run twice for one batch: what it does must be database writes or
things done on commit (transaction.on_commit, a task's enqueue), which the rollback undoes. Events a listener
publishes join the batch (next round) if it returns normally. What listeners enqueue on commit (index updates,
tasks) goes once the batch's transaction commits. Listeners doing heavy work enqueue a task."""

import logging
import threading
from collections.abc import Callable, Mapping, Sequence

from django.db import transaction

from .types import Event

log = logging.getLogger("quiver.events")

Listener = Callable[[Event], None]
MAX_ROUNDS = 10  # listeners publishing events that make listeners publish...: a loop, cut and logged

_registry: dict[type[Event], tuple[Listener, ...]] = {}
_local = threading.local()  # .published: the list a running listener's publishes go to


def register(listeners: Mapping[type[Event], Sequence[Listener]]) -> None:
    """Install the listener table (`quiver.listeners.LISTENERS`); replaces any earlier one."""
    _registry.clear()
    for event_type, funcs in listeners.items():
        if not (isinstance(event_type, type) and issubclass(event_type, Event)):
            raise TypeError(f"not an event type: {event_type!r}")
        _registry[event_type] = tuple(funcs)


def batched(listener):
    """Mark `listener` to be called once per delivered batch with the list of its events (in order)."""
    listener.batched = True
    return listener


def listeners_for(event_type: type[Event]) -> list[Listener]:
    found: list[Listener] = []
    for klass in event_type.__mro__:
        found.extend(f for f in _registry.get(klass, ()) if f not in found)
    return found


def publish(*events: Event, using: str | None = None) -> None:
    """Deliver `events` to their listeners after the current transaction commits."""
    from .commit import after_commit

    for event in events:
        if not isinstance(event, Event):
            raise TypeError(f"not an event: {event!r}")
    wanted = [e for e in events if listeners_for(type(e))]
    if not wanted:
        return
    published = getattr(_local, "published", None)
    if published is not None:  # from a listener: its batch delivers them next round
        published.extend(wanted)
        return
    after_commit(wanted, using)


class _Failed(Exception):
    """A listener raised during delivery without savepoints: roll back, deliver again with them."""


def deliver(events: Sequence[Event]) -> None:
    """Call the listeners of `events` now, in one transaction; failures are logged, never raised."""
    try:
        _deliver(list(events), isolate=False)
    except _Failed:
        _deliver(list(events), isolate=True)


def _deliver(queue: list[Event], *, isolate: bool) -> None:
    with transaction.atomic():
        for _ in range(MAX_ROUNDS):
            if not queue:
                return
            queue = [e for listener, arg in _calls(queue) for e in _call(listener, arg, isolate)]
        log.error("events still published after %s rounds, dropped: %r", MAX_ROUNDS, queue)


def _calls(queue: list[Event]) -> list[tuple[Listener, object]]:
    """(listener, event) for each event and listener in order; a batched listener once, with all its events."""
    calls, batches = [], {}
    for event in queue:
        for listener in listeners_for(type(event)):
            if not getattr(listener, "batched", False):
                calls.append((listener, event))
            elif listener in batches:
                batches[listener].append(event)
            else:
                batches[listener] = [event]
                calls.append((listener, batches[listener]))
    return calls


def _call(listener: Listener, arg, isolate: bool) -> list[Event]:
    """Run one listener; return the events it published (none if it failed)."""
    outer, _local.published = getattr(_local, "published", None), []
    try:
        if isolate:
            with transaction.atomic():
                listener(arg)
        else:
            listener(arg)
        return _local.published
    except Exception as exc:
        if not isolate:
            raise _Failed from exc
        log.exception("listener %s.%s failed on %r", listener.__module__, listener.__qualname__, arg)
        return []
    finally:
        _local.published = outer
