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
    return library.create_asset(editor, title="Q3 pricing deck", collections=[root], file=pdf_file("q3.pdf"),
                                status=AssetStatus.DRAFT, enqueue=False)


@pytest.fixture
def published(editor, root):
    return library.create_asset(editor, title="Battlecard", collections=[root], file=pdf_file("bc.pdf"),
                                enqueue=False)


@pytest.fixture
def events():
    """Every lifecycle_event sent during the test: [(event, asset id, actor, data)]."""
    from quiver.lifecycle.signals import lifecycle_event

    seen = []

    def receiver(sender, asset, event, actor, data, **kwargs):
        seen.append((event, asset.pk, actor, data))

    lifecycle_event.connect(receiver, dispatch_uid="tests.lifecycle.events")
    yield seen
    lifecycle_event.disconnect(dispatch_uid="tests.lifecycle.events")
