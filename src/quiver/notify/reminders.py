"""In-app reminders to owners and verifiers of assets due: verification due or overdue, expiring soon, expired.
A periodic job; `notify(..., remind=True)` keeps the same reminder from repeating while unread or for a week
after it was read."""

from datetime import datetime

from django.utils import formats, timezone

from . import selectors
from .services import notify

MESSAGES = {
    "verification_due": "Verify “{title}” by {when}",
    "verification_overdue": "Verification of “{title}” is overdue (was due {when})",
    "expiring": "“{title}” expires on {when}",
    "expired": "“{title}” expired on {when}",
}


def message(item: selectors.DueItem) -> str:
    when = item.when
    if isinstance(when, datetime):
        when = timezone.localtime(when).date()
    return MESSAGES[item.reason].format(title=item.asset.title, when=formats.date_format(when, "j M Y"))


def remind_due(now: datetime | None = None) -> int:
    now = now or timezone.now()
    sent = 0
    for asset in selectors.due_assets(now):
        people = {u.pk: u for u in (asset.owner, asset.verifier) if u is not None}
        for item in selectors.reasons(asset, now):
            for user in people.values():
                if notify(user, item.reason, asset, message(item), now=now, remind=True):
                    sent += 1
    return sent
