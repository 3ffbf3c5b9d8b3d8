"""Queries: a person's notifications (only about assets they can still see), assets due for attention, the
webhook delivery log."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Case, Q, QuerySet, Value, When
from django.utils import timezone

from quiver.library import policy
from quiver.library.models import Asset, AssetStatus

from .models import Notification, WebhookDelivery


def verify_due_days() -> int:
    """Verification is due this many days before `verified_until`: the review queue's window."""
    return settings.QUIVER_REVIEW_VERIFY_DUE_DAYS


def expiring_days() -> int:
    """Expiring soon this many days before `expires_at`: when the lifecycle's `expiring` event fires."""
    return settings.QUIVER_EXPIRING_DAYS


def notifications_for(user) -> QuerySet:
    """`user`'s notifications, unread first, newest first; those about assets they can no longer see are left
    out (permissions are checked again at display, not only when the notification was made)."""
    visible = policy.visible_assets(user).values("pk")
    return (
        Notification.objects.filter(recipient=user)
        .filter(Q(asset__isnull=True) | Q(asset__in=visible))
        .select_related("asset")
        .annotate(read=Case(When(read_at__isnull=True, then=Value(0)), default=Value(1)))
        .order_by("read", "-created_at", "-id")
    )


def unread_count(user) -> int:
    """The bell's number. One query when nothing is unread (every page shows it); the visibility check only
    when there is something to count."""
    if not (user and user.is_authenticated):
        return 0
    if not Notification.objects.filter(recipient=user, read_at__isnull=True).exists():
        return 0
    return notifications_for(user).filter(read_at__isnull=True).count()


@dataclass(frozen=True)
class DueItem:
    asset: Asset
    reason: str  # verification_overdue / verification_due / expired / expiring
    when: date | datetime


REASON_ORDER = ("expired", "verification_overdue", "expiring", "verification_due")
REASON_LABELS = {
    "expired": "Expired",
    "verification_overdue": "Verification overdue",
    "expiring": "Expiring soon",
    "verification_due": "Verification due",
}


def live_assets() -> QuerySet:
    """Assets that can still need attention: not archived, not in the trash, not merged away."""
    return Asset.objects.exclude(status=AssetStatus.ARCHIVED).filter(deleted_at__isnull=True, merged_into__isnull=True)


def due_filter(now: datetime) -> Q:
    today = timezone.localdate(now)
    return Q(verified_until__isnull=False, verified_until__lte=today + timedelta(days=verify_due_days())) | Q(
        expires_at__isnull=False, expires_at__lte=now + timedelta(days=expiring_days())
    )


def reasons(asset: Asset, now: datetime) -> list[DueItem]:
    """Why `asset` is due at `now` (an asset can be both expiring and due for verification)."""
    today = timezone.localdate(now)
    out = []
    if asset.expires_at is not None:
        if asset.expires_at <= now:
            out.append(DueItem(asset, "expired", asset.expires_at))
        elif asset.expires_at <= now + timedelta(days=expiring_days()):
            out.append(DueItem(asset, "expiring", asset.expires_at))
    if asset.verified_until is not None:
        if asset.verified_until < today:
            out.append(DueItem(asset, "verification_overdue", asset.verified_until))
        elif asset.verified_until <= today + timedelta(days=verify_due_days()):
            out.append(DueItem(asset, "verification_due", asset.verified_until))
    return out


def due_assets(now: datetime) -> QuerySet:
    """Every live asset due at `now`, with its owner and verifier."""
    return live_assets().filter(due_filter(now)).select_related("owner", "verifier").order_by("pk")


def due_for(user, now: datetime, candidates: list[Asset] | None = None) -> list[DueItem]:
    """What `user` owns or verifies that is due, among the assets they can see, most urgent first."""
    if candidates is None:
        candidates = list(due_assets(now).filter(Q(owner=user) | Q(verifier=user)))
    else:
        candidates = [a for a in candidates if user.pk in (a.owner_id, a.verifier_id)]
    if not candidates:
        return []
    visible = set(
        policy.visible_assets(user, Asset.objects.filter(pk__in=[a.pk for a in candidates])).values_list(
            "pk", flat=True
        )
    )
    items = [item for asset in candidates if asset.pk in visible for item in reasons(asset, now)]
    return sorted(items, key=lambda i: (REASON_ORDER.index(i.reason), str(i.when), i.asset.title.lower()))


def deliveries(endpoint_id: int | None = None, status: str = "", event: str = "") -> QuerySet:
    qs = WebhookDelivery.objects.select_related("endpoint", "asset")
    if endpoint_id:
        qs = qs.filter(endpoint_id=endpoint_id)
    if status:
        qs = qs.filter(status=status)
    if event:
        qs = qs.filter(event=event)
    return qs.order_by("-created_at", "-id")


def due_deliveries(now: datetime) -> QuerySet:
    """Pending deliveries whose next attempt is due (the sweeper's work)."""
    return WebhookDelivery.objects.filter(status="pending", next_attempt_at__lte=now)
