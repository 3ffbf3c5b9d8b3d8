"""In-app notifications: creating them (only about assets the recipient can see), reading them, preferences.

    from quiver.notify.services import notify
    notify(user, "verification_due", asset, "Verify “Pricing 2026” by 3 Dec")

Services do not commit on behalf of their caller.
"""

from datetime import timedelta

from django.utils import timezone

from quiver.library import policy

from .models import DigestFrequency, Notification, NotificationKind, NotificationPreference

# A reminder of the same kind about the same asset is not repeated while unread, nor within this after reading.
REMIND_AFTER = timedelta(days=7)


def preferences(user) -> NotificationPreference:
    """The user's preferences (the defaults, unsaved, when they never changed them)."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)


def wants(user, kind: str) -> bool:
    pref = NotificationPreference.objects.filter(user=user).only("muted_kinds").first()
    return not (pref and kind in (pref.muted_kinds or []))


def notify(user, kind: str, asset, message: str, url: str = "", now=None, remind=False) -> Notification | None:
    """Tell `user` about `asset` in the app. Nothing is created (None) when the user is inactive, cannot see the
    asset, switched this kind off, or, for reminders (`remind=True`), was already told recently."""
    if kind not in NotificationKind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    if not (user and user.is_active):
        return None
    if asset is not None and not policy.can_view_asset(user, asset):
        return None
    if not wants(user, kind):
        return None
    now = now or timezone.now()
    if remind and asset is not None and _recently_told(user, kind, asset, now):
        return None
    if not url and asset is not None:
        url = asset.get_absolute_url()
    return Notification.objects.create(
        recipient=user, kind=kind, asset=asset, message=message[:500], url=url[:500], created_at=now
    )


def _recently_told(user, kind, asset, now) -> bool:
    same = Notification.objects.filter(recipient=user, kind=kind, asset=asset)
    return same.filter(read_at__isnull=True).exists() or same.filter(read_at__gte=now - REMIND_AFTER).exists()


def mark_read(user, notification_id: int, now=None) -> bool:
    """Mark one of `user`'s notifications read; False when it is not theirs (or already read)."""
    return bool(
        Notification.objects.filter(pk=notification_id, recipient=user, read_at__isnull=True).update(
            read_at=now or timezone.now()
        )
    )


def mark_all_read(user, now=None) -> int:
    """Mark read everything `user` is shown (notifications about assets now out of their sight stay as they
    are, and are not counted)."""
    from .selectors import notifications_for

    shown = notifications_for(user).filter(read_at__isnull=True).values("pk")
    return Notification.objects.filter(pk__in=shown).update(read_at=now or timezone.now())


def set_preferences(user, muted_kinds: list[str], digest: str) -> NotificationPreference:
    if digest not in DigestFrequency.values:
        raise ValueError(f"unknown digest frequency {digest!r}")
    unknown = set(muted_kinds) - set(NotificationKind.values)
    if unknown:
        raise ValueError(f"unknown notification kinds {sorted(unknown)}")
    pref, _ = NotificationPreference.objects.get_or_create(user=user)
    pref.muted_kinds = sorted(set(muted_kinds))
    pref.digest = digest
    pref.save(update_fields=["muted_kinds", "digest"])
    return pref
