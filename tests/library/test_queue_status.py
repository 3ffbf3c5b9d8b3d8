""" "Queued behind N" where an uploader looks: the asset page (and its htmx status poll), the upload page's XHR
answer and status poll (upload.js), the asset API and GET /api/v1/queues. Tasks go through django-tasks' real
database backend, so nothing runs: the versions stay processing, in the queue."""

import pytest
from django.test import Client
from django.urls import reverse

from quiver.accounts.services import create_user, issue_token
from quiver.ingest.tasks import process_version
from quiver.library import services
from tests.core.test_queue_position import DB_TASKS
from tests.factories import make_pdf


@pytest.fixture
def queued(settings, editor, root, upload, django_capture_on_commit_callbacks):
    """Three uploads waiting in the ingest queue, in order."""
    settings.TASKS = DB_TASKS
    assets = []
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):  # enqueued at commit, as in a request
            assets.append(
                services.create_asset(editor, file=upload(make_pdf([f"page {n}"]), f"f{n}.pdf"), collections=[root])
            )
    return assets


def test_asset_page_and_its_status_poll_say_queued_behind_n(logged_in, editor, queued):
    client = logged_in(editor)
    body = client.get(queued[2].get_absolute_url()).content.decode()
    assert "Queued behind 2 uploads" in body
    assert "Next in the queue" in client.get(reverse("library:asset_status", args=[queued[0].pk])).content.decode()
    status = client.get(reverse("library:asset_status", args=[queued[1].pk])).content.decode()
    assert "Version 1: <span data-queue-position>Queued behind 1 upload</span>…" in status


def test_upload_answer_and_status_poll_carry_the_queue(
    logged_in, editor, root, queued, upload, django_capture_on_commit_callbacks
):
    client = logged_in(editor)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("library:upload"),
            {"collections": [root.pk], "files": [upload(make_pdf(["late"]), "late.pdf")]},
            headers={"Accept": "application/json"},
        ).json()
    assert answer["status"] == "processing" and answer["id"] and answer["queue_label"]
    ids = [a.pk for a in queued] + [answer["id"]]
    polled = client.get(reverse("library:upload_status"), {"id": ids}).json()["assets"]
    assert {a["id"]: a["queue_label"] for a in polled} == {
        ids[0]: "Next in the queue",
        ids[1]: "Queued behind 1 upload",
        ids[2]: "Queued behind 2 uploads",
        ids[3]: "Queued behind 3 uploads",
    }
    assert {a["status"] for a in polled} == {"processing"}


def test_upload_status_poll_shows_only_visible_assets(logged_in, queued):
    outsider = create_user("otto", "editor", "pw-outsider-123")
    outsider.groups.clear()  # no collection grant at all
    polled = logged_in(outsider).get(reverse("library:upload_status"), {"id": [a.pk for a in queued]}).json()
    assert polled == {"assets": []}


def test_api_asset_and_queues(editor, viewer, queued):
    api = Client(headers={"Authorization": f"Bearer {issue_token(editor)}"})
    body = api.get(f"/api/v1/assets/{queued[1].pk}").json()
    assert body["status"] == "processing"
    assert body["queue"] == {"state": "queued", "ahead": 1, "queue": "ingest"}
    queues = {q["name"]: q for q in api.get("/api/v1/queues").json()}
    assert queues["ingest"]["waiting"] == 3 and queues["index"]["waiting"] >= 1
    outsider = Client(headers={"Authorization": f"Bearer {issue_token(viewer)}"})
    assert outsider.get("/api/v1/queues").status_code == 403


def test_a_processed_asset_has_no_queue(settings, editor, queued):
    process_version.call(queued[0].current_version_id)  # the worker's work, run here
    api = Client(headers={"Authorization": f"Bearer {issue_token(editor)}"})
    body = api.get(f"/api/v1/assets/{queued[0].pk}").json()
    assert body["status"] == "ready" and body["queue"] is None
