"""The review settings (QUIVER_REVIEW_*), read at call time so tests can override them."""

from django.conf import settings

DEFAULTS = {
    "QUIVER_REVIEW_VERIFY_DUE_DAYS": 14,  # verification due: verified_until within N days
    "QUIVER_REVIEW_UNUSED_DAYS": 90,  # unused: no view/preview/download in N days (and older than N days)
    "QUIVER_REVIEW_MIN_TAGS": 2,  # poorly categorized: fewer than K tags
    "QUIVER_REVIEW_SESSION_SIZE": 50,  # at most this many assets in one review session
    "QUIVER_REVIEW_IDLE_SECONDS": 600,  # time on one asset counts up to this much (a walk away is not work)
}


def get(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


def verify_due_days() -> int:
    return get("QUIVER_REVIEW_VERIFY_DUE_DAYS")


def expiring_days() -> int:
    """One "expiring soon" window for the queue, the lifecycle's `expiring` event, notifications and digests."""
    from quiver.lifecycle.conf import expiring_days as days

    return days()


def unused_days() -> int:
    return get("QUIVER_REVIEW_UNUSED_DAYS")


def min_tags() -> int:
    return get("QUIVER_REVIEW_MIN_TAGS")


def session_size() -> int:
    return get("QUIVER_REVIEW_SESSION_SIZE")


def idle_seconds() -> int:
    return get("QUIVER_REVIEW_IDLE_SECONDS")
