"""What notify does after a lifecycle step (quiver.core.events.LifecycleChanged, registered in quiver.listeners):
in-app notifications to the people concerned, and a webhook delivery per subscribed endpoint (enqueued on commit)."""

from quiver.core.events import LifecycleChanged

from . import recipients
from .services import notify
from .webhooks.delivery import queue_event


def notify_lifecycle(event: LifecycleChanged) -> None:
    from django.contrib.auth import get_user_model

    from quiver.library.models import Asset

    if event.step not in recipients.MESSAGES:  # e.g. "purged": the asset is gone
        return
    asset = Asset.objects.filter(pk=event.asset_id).first()
    if asset is None:
        return
    actor = get_user_model().objects.filter(pk=event.actor_id).first() if event.actor_id else None
    data = dict(event.data)
    for user, text, about in recipients.for_event(event.step, asset, actor, data):
        notify(user, event.step, about, text, remind=event.step in recipients.REMINDERS)
    queue_event(event.step, asset, actor, data)
