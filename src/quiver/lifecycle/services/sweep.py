"""The periodic pass: publish what is due, and announce `expiring` and `expired` once per asset and date."""

from ..events import fire
from ..models import LifecycleNotice
from ..selectors import expired_unnoticed, expiring_unnoticed, notice_key
from .approval import publish_due
from .common import now_or


def _notice(asset, event: str, now) -> None:
    _, created = LifecycleNotice.objects.get_or_create(
        asset=asset, event=event, key=notice_key(asset), defaults={"created_at": now}
    )
    if created:
        fire(asset, event, None, expires_at=asset.expires_at.isoformat(), replaced_by=asset.replaced_by_id)


def sweep(now=None, expiring_days: int | None = None) -> dict:
    now = now_or(now)
    published = publish_due(now)
    expired = expired_unnoticed(now)
    for asset in expired:
        _notice(asset, "expired", now)
    expiring = expiring_unnoticed(now, expiring_days)
    for asset in expiring:
        _notice(asset, "expiring", now)
    return {"published": len(published), "expiring": len(expiring), "expired": len(expired)}
