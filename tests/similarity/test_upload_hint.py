"""The web upload flow says at once when a file is an exact copy of an asset the uploader may see."""

import json

from django.test import Client
from django.urls import reverse

from quiver.demo.files import make_pdf
from quiver.library import services

UPLOAD = reverse("library:upload")


def test_upload_of_an_existing_file_names_its_visible_twin(db, editor, admin_user, root, upload):
    data = make_pdf(["Proposal template\nScope, timeline and commercial terms for the customer."])
    secret = services.create_collection(admin_user, name="Board room", parent=None)
    services.create_asset(admin_user, title="Hidden plan", file=upload(data, "plan.pdf"), collections=[secret])
    client = Client()
    client.force_login(editor)
    first = json.loads(
        client.post(
            UPLOAD, {"collections": [root.pk], "files": upload(data, "proposal.pdf")}, HTTP_ACCEPT="application/json"
        ).content
    )
    assert first["ok"] and first["duplicates"] == []  # the only twin is hidden from this editor
    second = json.loads(
        client.post(
            UPLOAD, {"collections": [root.pk], "files": upload(data, "again.pdf")}, HTTP_ACCEPT="application/json"
        ).content
    )
    assert [d["title"] for d in second["duplicates"]] == ["proposal"] and second["duplicates"][0]["kind"] == "exact"
    page = client.post(UPLOAD, {"collections": [root.pk], "files": upload(data, "third.pdf")}).content.decode()
    assert "This looks like" in page and "add it as a new version of it instead?" in page
    assert "Hidden plan" not in page
