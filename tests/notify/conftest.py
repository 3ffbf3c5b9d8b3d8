from datetime import UTC, date, datetime

import pytest

from quiver.library import services as library
from quiver.notify.webhooks import endpoints

from .receiver import Receiver, start, stop

# A fixed clock: Friday 27 November 2026, 09:00 UTC (after the 07:00 digest hour).
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 27)


@pytest.fixture
def receiver():
    box = start(Receiver())
    yield box
    stop(box)


@pytest.fixture
def endpoint(receiver, admin_user):
    return endpoints.create_endpoint(
        admin_user, "Slack #content", receiver.url, ["published", "approved", "expired", "submitted"]
    )


@pytest.fixture
def asset(editor, root):
    return library.create_asset(
        editor, title="Pricing <2026> & co", link_url="https://example.com/p", collections=[root]
    )
