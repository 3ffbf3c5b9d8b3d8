from .inbox import inbox, preferences, read, read_all
from .webhooks import deliveries, delivery, redeliver, webhook, webhook_create, webhook_delete, webhook_test, webhooks

__all__ = [
    "deliveries",
    "delivery",
    "inbox",
    "preferences",
    "read",
    "read_all",
    "redeliver",
    "webhook",
    "webhook_create",
    "webhook_delete",
    "webhook_test",
    "webhooks",
]
