"""What notify does on `quiver.lifecycle.signals.lifecycle_event`: in-app notifications (same transaction) and
webhook deliveries (enqueued on commit)."""

import logging

from django.db import transaction

from . import recipients
from .services import notify
from .webhooks.delivery import queue_event

log = logging.getLogger(__name__)


def on_lifecycle_event(sender, asset, event, actor=None, data=None, **kwargs):
    if event not in recipients.MESSAGES:  # e.g. "purged": the asset is gone
        return
    data = data or {}
    try:
        with transaction.atomic():  # a savepoint: a failure here never breaks the lifecycle change itself
            for user, text, about in recipients.for_event(event, asset, actor, data):
                notify(user, event, about, text, remind=event in recipients.REMINDERS)
            queue_event(event, asset, actor, data)
    except Exception:
        log.exception("notifications for %s of asset %s failed", event, getattr(asset, "pk", None))


def connect() -> None:
    from quiver.lifecycle.signals import lifecycle_event

    lifecycle_event.connect(on_lifecycle_event, dispatch_uid="quiver.notify.lifecycle_event")
