import io
from datetime import UTC, datetime

import pytest
from django.test import Client

from quiver.accounts.services import create_user, issue_token
from quiver.demo.files import make_pdf
from quiver.library import services as library
from quiver.library.models import AssetStatus

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # the fixed clock of these tests


def api_client(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {issue_token(user)}"})


def web_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf_file(name: str, text: str = ""):
    buf = io.BytesIO(make_pdf([text or f"{name} page one"]))
    buf.name = name
    return buf


@pytest.fixture
def approver(db):
    return create_user("april", "editor", "pw-approver-123")


@pytest.fixture
def draft(editor, root):
    return library.create_asset(
        editor,
        title="Q3 pricing deck",
        collections=[root],
        file=pdf_file("q3.pdf"),
        status=AssetStatus.DRAFT,
        enqueue=False,
    )


@pytest.fixture
def published(editor, root):
    return library.create_asset(editor, title="Battlecard", collections=[root], file=pdf_file("bc.pdf"), enqueue=False)


@pytest.fixture
def events(monkeypatch):
    """Every lifecycle step published during the test: [(step, asset id, actor, data)] (published, whether or not
    the test's transaction commits: recorded at publish time)."""
    from django.contrib.auth import get_user_model

    from quiver.core import events as core_events
    from quiver.core.events import LifecycleChanged

    seen = []
    original = core_events.publish

    def spy(*published, **kwargs):
        for event in published:
            if isinstance(event, LifecycleChanged):
                actor = get_user_model().objects.get(pk=event.actor_id) if event.actor_id else None
                seen.append((event.step, event.asset_id, actor, event.data))
        return original(*published, **kwargs)

    monkeypatch.setattr(core_events, "publish", spy)
    return seen
