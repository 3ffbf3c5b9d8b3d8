"""The lifecycle's one signal. Sent inside the transaction of the change (receivers may write rows; anything
leaving the process, such as webhooks, should be enqueued on commit by the receiver).

    lifecycle_event.send(sender=Asset, asset=asset, event="approved", actor=user, data={...})

Events: submitted, approved, rejected, published, expiring, expired, verified, archived, restored, trashed,
merged (and purged, when the trash is emptied for good)."""

from django.dispatch import Signal

lifecycle_event = Signal()

EVENTS = ("submitted", "approved", "rejected", "published", "expiring", "expired", "verified", "archived",
          "restored", "trashed", "merged", "purged")


def fire(asset, event: str, actor=None, **data) -> None:
    from quiver.library.models import Asset

    assert event in EVENTS, event
    actor = actor if getattr(actor, "is_authenticated", False) else None
    lifecycle_event.send(sender=Asset, asset=asset, event=event, actor=actor, data=data)
