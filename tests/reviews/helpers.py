import datetime as dt
from unittest import mock

from quiver.insights.models import UsageEvent
from quiver.reviews import selectors


def used(asset, at: dt.datetime, kind: str = "view") -> UsageEvent:
    """A usage event recorded at `at` (created_at is set by the database layer's clock, so that clock is set)."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        return UsageEvent.objects.create(asset=asset, kind=kind)


def flagged(user, signal: str, now) -> set[int]:
    return set(selectors.queue_assets(user, selectors.QueueFilters(signal=signal), now).values_list("pk", flat=True))


def reasons(user, asset, now) -> dict[str, str]:
    return {r.signal: r.text for r in selectors.reasons_for(user, [asset.pk], now=now)[asset.pk]}
