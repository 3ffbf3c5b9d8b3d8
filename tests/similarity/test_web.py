"""The banner on the asset page, its two actions, the list of open flags and the detected-signals panel."""

import pytest
from django.test import Client
from django.urls import reverse

from quiver.accounts.services import issue_token
from quiver.demo.files import make_pdf
from quiver.similarity.models import DuplicateFlag, FlagStatus

PAGES = [
    "Datasheet\nSpecifications: deployment in EU and US regions, 99.9% uptime SLA, SOC 2 Type II, "
    "ISO 27001, encryption at rest and in transit, 400 connectors maintained by the vendor."
]


@pytest.fixture
def pair(ingest, editor, root):
    data = make_pdf(PAGES)
    original = ingest(editor, data, "sheet.pdf", [root], title="Flow datasheet")
    upload = ingest(editor, data, "sheet-2.pdf", [root], title="Flow datasheet new")
    return original, upload, DuplicateFlag.objects.get()


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_banner_offers_both_actions_to_an_editor(pair, editor, viewer):
    original, upload, flag = pair
    body = _client(editor).get(reverse("library:asset", args=[upload.pk])).content.decode()
    assert "This looks like" in body and "Flow datasheet" in body and "exact copy" in body
    assert reverse("similarity:flag_merge", args=[flag.pk]) in body
    assert reverse("similarity:flag_dismiss", args=[flag.pk]) in body
    twin_page = _client(editor).get(reverse("library:asset", args=[original.pk])).content.decode()
    assert "uploaded later, looks like this asset" in twin_page
    assert "This looks like" not in _client(viewer).get(reverse("library:asset", args=[upload.pk])).content.decode()


def test_add_as_new_version_from_the_banner(pair, editor, django_capture_on_commit_callbacks):
    original, upload, flag = pair
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(editor).post(reverse("similarity:flag_merge", args=[flag.pk]))
    assert response.status_code == 302 and response["Location"] == original.get_absolute_url()
    original.refresh_from_db()
    assert original.current_version.number == 2
    assert DuplicateFlag.objects.get(pk=flag.pk).status == FlagStatus.MERGED


def test_keep_both_from_the_banner(pair, editor):
    original, upload, flag = pair
    response = _client(editor).post(reverse("similarity:flag_dismiss", args=[flag.pk]))
    assert response.status_code == 302
    assert DuplicateFlag.objects.get(pk=flag.pk).status == FlagStatus.DISMISSED
    assert "This looks like" not in _client(editor).get(reverse("library:asset", args=[upload.pk])).content.decode()


def test_flag_list_for_editors(pair, editor, viewer):
    original, upload, flag = pair
    body = _client(editor).get(reverse("similarity:flags")).content.decode()
    assert "Flow datasheet new" in body and "Exact copy" in body
    assert _client(viewer).get(reverse("similarity:flags")).status_code == 403


def test_api_lists_and_decides(pair, editor, viewer, django_capture_on_commit_callbacks):
    original, upload, flag = pair
    api = Client(headers={"Authorization": f"Bearer {issue_token(editor)}"})
    items = api.get(f"/api/v1/assets/{upload.pk}/duplicates").json()
    assert [(i["id"], i["kind"], i["percent"], i["role"], i["other"]["id"]) for i in items] == [
        (flag.pk, "exact", 100, "upload", original.pk)
    ]
    assert "add it as a new version" in items[0]["message"]
    assert api.get(f"/api/v1/assets/{original.pk}/duplicates").json()[0]["role"] == "original"
    as_viewer = Client(headers={"Authorization": f"Bearer {issue_token(viewer)}"})
    assert as_viewer.post(f"/api/v1/assets/{upload.pk}/duplicates/{flag.pk}/keep-both").status_code == 403
    assert api.post(f"/api/v1/assets/{original.pk}/duplicates/{flag.pk}/keep-both").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        merged = api.post(f"/api/v1/assets/{upload.pk}/duplicates/{flag.pk}/add-as-version")
    assert merged.status_code == 200 and merged.json()["version"] == 2 and merged.json()["flag"]["status"] == "merged"
    # the merged upload now leads to its twin: it is no longer an asset of its own
    assert api.post(f"/api/v1/assets/{upload.pk}/duplicates/{flag.pk}/add-as-version").status_code == 404
