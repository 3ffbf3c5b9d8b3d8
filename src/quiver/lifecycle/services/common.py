from django.utils import timezone

from quiver.core import audit, events


def now_or(now):
    return now or timezone.now()


def set_fields(actor, asset, action: str, now, comment: str = "", **values) -> dict:
    """Write lifecycle fields of `asset` (one UPDATE of those fields and updated_at) with an audit entry of
    before/after; returns the before values."""
    before = {name: _plain(getattr(asset, _attname(asset, name))) for name in values}
    for name, value in values.items():
        setattr(asset, name, value)
    asset.updated_at = now
    asset.save(update_fields=[*values, "updated_at"])
    after = {name: _plain(getattr(asset, _attname(asset, name))) for name in values}
    if comment:
        after["comment"] = comment
    audit.record(actor, action, asset, before=before, after=after)
    events.publish(
        events.AssetChanged(
            asset_id=asset.pk, actor_id=getattr(actor, "pk", None), fields=frozenset([*values, "updated_at"])
        )
    )
    return before


def _attname(asset, name: str) -> str:
    return asset._meta.get_field(name).attname


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
