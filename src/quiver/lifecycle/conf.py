"""Lifecycle settings (each overridable in Django settings)."""

from django.conf import settings


def trash_days() -> int:
    return int(getattr(settings, "QUIVER_TRASH_DAYS", 30))


def verify_default_days() -> int:
    return int(getattr(settings, "QUIVER_VERIFY_DEFAULT_DAYS", 180))


def expiring_days() -> int:
    """`expiring` fires this many days before an asset expires."""
    return int(getattr(settings, "QUIVER_EXPIRING_DAYS", 14))
