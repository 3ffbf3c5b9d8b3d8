from .digest import DigestFrequency, DigestRun
from .notification import Notification, NotificationKind, NotificationPreference
from .webhook import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEvent

__all__ = [
    "DeliveryStatus",
    "DigestFrequency",
    "DigestRun",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
]
