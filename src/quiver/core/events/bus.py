"""Publishing domain events and calling their listeners.

    from quiver.core.events import AssetCreated, publish
    publish(AssetCreated(asset_id=asset.pk, actor_id=user.pk))

`publish` delivers the event when the current transaction commits (at once outside one) and never if it rolls
back. The listeners of one event run in one transaction, each in its own savepoint: one that raises is logged and
rolled back and the others still run, so a listener can never break the request that published (nor another
listener); what the listeners enqueue on commit (index updates) goes once, after all of them. Listeners are plain functions `listener(event)`, registered by event
class in `quiver.listeners` (one file lists them all); a listener for a base class also hears its subclasses.
Listeners doing heavy work enqueue a task."""

import logging
from collections.abc import Callable, Mapping, Sequence
from functools import partial

from django.db import transaction

from .types import Event

log = logging.getLogger("quiver.events")

Listener = Callable[[Event], None]
_registry: dict[type[Event], tuple[Listener, ...]] = {}


def register(listeners: Mapping[type[Event], Sequence[Listener]]) -> None:
    """Install the listener table (`quiver.listeners.LISTENERS`); replaces any earlier one."""
    _registry.clear()
    for event_type, funcs in listeners.items():
        if not (isinstance(event_type, type) and issubclass(event_type, Event)):
            raise TypeError(f"not an event type: {event_type!r}")
        _registry[event_type] = tuple(funcs)


def listeners_for(event_type: type[Event]) -> list[Listener]:
    found: list[Listener] = []
    for klass in event_type.__mro__:
        found.extend(f for f in _registry.get(klass, ()) if f not in found)
    return found


def publish(event: Event, *, using: str | None = None) -> None:
    """Deliver `event` to its listeners after the current transaction commits."""
    if not isinstance(event, Event):
        raise TypeError(f"not an event: {event!r}")
    if not listeners_for(type(event)):
        return
    transaction.on_commit(partial(deliver, event), using=using)


def deliver(event: Event) -> None:
    """Call every listener of `event` now, each in a savepoint; failures are logged, never raised."""
    with transaction.atomic():
        for listener in listeners_for(type(event)):
            try:
                with transaction.atomic():
                    listener(event)
            except Exception:
                log.exception("listener %s.%s failed on %r", listener.__module__, listener.__qualname__, event)
