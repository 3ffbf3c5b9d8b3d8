"""Holding published events until the transaction commits, and delivering one commit's events as one batch.

Each `publish` inside a transaction registers one on-commit hook holding its events (so a savepoint rolled back
drops exactly the events published in it, and django_capture_on_commit_callbacks sees them). At commit the hooks
run in order; a hook whose successor (the next hook published in the same transaction) is certain to run too
hands its events on instead of delivering them, so the last one delivers the whole commit's events in one batch:
one transaction, facet sync and index updates once per asset. "Certain to run": the successor was published at
the same or an outer savepoint level (its savepoints are a subset of this hook's: if this hook survived, so did
they); a successor published deeper in a savepoint may still be rolled back, so this hook delivers what it holds.
"""

from django.db import transaction

from .types import Event


class _Hook:
    """The on-commit callback of one publish."""

    def __init__(self, events: list[Event], savepoints: frozenset[str]):
        self.events, self.savepoints = events, savepoints
        self.carried: list[Event] = []  # handed on by the previous hook of the transaction
        self.successor: "_Hook | None" = None
        self.ran = False

    def __call__(self):
        from .bus import deliver

        self.ran = True
        batch, self.carried = self.carried + self.events, []
        successor = self.successor
        if successor is not None and not successor.ran:
            successor.carried = batch + successor.carried
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
    previous = getattr(connection, "quiver_events_hook", None)
    if previous is not None and not previous.ran and hook.savepoints <= previous.savepoints:
        previous.successor = hook
    connection.quiver_events_hook = hook
    transaction.on_commit(hook, using=using)
