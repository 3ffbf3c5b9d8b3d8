"""Holding published events until the transaction commits, and delivering one commit's events as one batch.

Each `publish` inside a transaction registers one on-commit hook holding its events (so a savepoint rolled back
drops exactly the events published in it, and django_capture_on_commit_callbacks sees them). At commit the hooks
run in order; a hook whose successor is certain to run too hands its events on instead of delivering them, so the
last one delivers the whole commit's events in one batch: one transaction, facet sync and index updates once per
asset. A hook's successor is the next hook of the transaction published at the same or an outer savepoint level
(its savepoints a subset of this hook's: if this hook survived, so did they); hooks published deeper in a savepoint
may still be rolled back, so they are skipped over (each hands on to the next one of its own level or above).
"""

from __future__ import annotations

from django.db import transaction

from .types import Event


class _Hook:
    """The on-commit callback of one publish."""

    def __init__(self, events: list[Event], savepoints: frozenset[str]):
        self.events, self.savepoints = events, savepoints
        self.carried: list[Event] = []  # handed on by earlier hooks of the transaction
        self.successor: _Hook | None = None
        self.ran = False

    def __call__(self):
        from .bus import deliver

        self.ran = True
        batch, self.carried = self.carried + self.events, []
        successor = self.successor
        if successor is not None and not successor.ran:
            successor.carried += batch
            return
        deliver(batch)

    def __repr__(self):
        return f"<events hook {self.events!r}>"


def after_commit(events: list[Event], using: str | None = None) -> None:
    """Deliver `events` once the current transaction commits; at once outside a transaction."""
    from .bus import deliver

    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        deliver(events)
        return
    hook = _Hook(events, frozenset(connection.savepoint_ids))
    waiting = [h for h in getattr(connection, "quiver_events_hooks", ()) if not h.ran]  # with no successor yet
    for earlier in waiting:
        if hook.savepoints <= earlier.savepoints:
            earlier.successor = hook
    connection.quiver_events_hooks = [h for h in waiting if h.successor is None] + [hook]
    transaction.on_commit(hook, using=using)
