"""The lifecycle's steps, published as one domain event (quiver.core.events.LifecycleChanged) after commit;
notifications and webhooks listen to it (quiver.listeners).

    fire(asset, "approved", user, request=request.pk, comment=comment)

Steps: submitted, approved, rejected, published, expiring, expired, verified, archived, restored, trashed, merged
(and purged, when the trash is emptied for good). Data must be JSON-ready (ids, ISO dates, text)."""

from quiver.core import events

EVENTS = (
    "submitted",
    "approved",
    "rejected",
    "published",
    "expiring",
    "expired",
    "verified",
    "archived",
    "restored",
    "trashed",
    "merged",
    "purged",
)


def fire(asset, event: str, actor=None, **data) -> None:
    assert event in EVENTS, event
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    events.publish(events.LifecycleChanged(asset_id=asset.pk, actor_id=actor_id, step=event, data=data))
