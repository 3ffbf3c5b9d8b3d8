from .models import UsageEvent


def record_usage(user, asset, kind: str, *, version=None, page: int | None = None, via: str = "web") -> UsageEvent:
    return UsageEvent.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        asset=asset,
        version=version,
        page=page,
        kind=kind,
        via=via,
    )
