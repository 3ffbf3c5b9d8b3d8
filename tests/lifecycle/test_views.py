"""The lifecycle UI: the asset page panel per role, review decisions from the page and the inbox, the trash."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quiver.library.models import Asset, AssetStatus
from quiver.lifecycle import services

from .conftest import web_client as _client


@pytest.fixture
def in_review(draft, editor):
    services.submit_for_review(editor, draft, "Please check the prices")
    return draft


def test_panel_shows_actions_by_role(in_review, editor, approver, viewer, admin_user, published):
    page = _client(approver).get(in_review.get_absolute_url()).content.decode()
    assert "Approve" in page and "Please check the prices" in page and "Decision trail" in page
    page = _client(editor).get(in_review.get_absolute_url()).content.decode()
    assert 'value="approve"' not in page and "Add comment" in page  # the submitter comments, does not decide
    page = _client(viewer).get(published.get_absolute_url()).content.decode()
    assert "Lifecycle" in page and "Verify" not in page and "Submit for review" not in page
    assert "Schedule, expiry, people" not in page and "Delete…" not in page
    page = _client(admin_user).get(published.get_absolute_url()).content.decode()
    assert "Delete…" in page and "Schedule, expiry, people" in page


def test_approve_and_reject_from_the_page(in_review, approver, viewer, editor):
    url = f"/lifecycle/assets/{in_review.pk}/decide/"
    assert _client(viewer).post(url, {"decision": "approve"}).status_code == 404  # cannot even see it
    assert _client(editor).post(url, {"decision": "approve"}).status_code == 403  # own submission
    response = _client(approver).post(url, {"decision": "reject", "comment": ""})
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == AssetStatus.IN_REVIEW  # a rejection needs a reason
    _client(approver).post(url, {"decision": "reject", "comment": "Prices are last year's"})
    in_review.refresh_from_db()
    assert in_review.status == AssetStatus.DRAFT
    _client(editor).post(f"/lifecycle/assets/{in_review.pk}/submit/", {"comment": "Fixed"})
    _client(approver).post(url, {"decision": "approve", "comment": "Good"})
    in_review.refresh_from_db()
    assert in_review.status == AssetStatus.PUBLISHED
    page = _client(editor).get(in_review.get_absolute_url()).content.decode()
    assert "Prices are last year&#x27;s" in page and "Fixed" in page


def test_inbox_lists_what_the_approver_may_decide(in_review, approver, editor, viewer):
    assert "Q3 pricing deck" in _client(approver).get("/lifecycle/approvals/").content.decode()
    assert "Q3 pricing deck" not in _client(editor).get("/lifecycle/approvals/").content.decode()
    assert _client(viewer).get("/lifecycle/approvals/").status_code == 403
    response = _client(approver).post(
        f"/lifecycle/assets/{in_review.pk}/decide/", {"decision": "approve", "next": "inbox"}
    )
    assert response["Location"] == "/lifecycle/approvals/"


def test_settings_form_sets_schedule_expiry_and_flags(published, editor, viewer, root):
    replacement = Asset.objects.create(
        title="New one", link_url="https://e.com/n", created_at=timezone.now(), updated_at=timezone.now()
    )
    replacement.collections.add(root)
    when = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = _client(editor).post(
        f"/lifecycle/assets/{published.pk}/settings/",
        {
            "publish_at": "",
            "expires_at": when,
            "replaced_by": replacement.pk,
            "internal_only": "on",
            "owner": editor.pk,
            "verifier": viewer.pk,
        },
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.expires_at is not None and published.replaced_by == replacement
    assert published.internal_only and published.verifier == viewer
    page = _client(viewer).get(published.get_absolute_url()).content.decode()
    assert "Expired" in page and "New one" in page and "Internal only" in page
    assert "Verify: still correct" in page  # the named verifier may verify


def test_trash_confirm_list_and_restore(published, admin_user, editor):
    url = f"/lifecycle/assets/{published.pk}/delete/"
    assert _client(editor).get(url).status_code == 403
    admin = _client(admin_user)
    assert "Move to the trash" in admin.get(url).content.decode()
    assert admin.post(url, {}).status_code == 200  # not confirmed: asked again
    published.refresh_from_db()
    assert published.deleted_at is None
    assert admin.post(url, {"confirm": "on"})["Location"] == "/lifecycle/trash/"
    assert admin.get(published.get_absolute_url()).status_code == 404
    listing = admin.get("/lifecycle/trash/").content.decode()
    assert "Battlecard" in listing and "Restore" in listing
    assert _client(editor).get("/lifecycle/trash/").status_code == 403
    assert _client(editor).post(f"/lifecycle/trash/{published.pk}/restore/").status_code == 403
    response = admin.post(f"/lifecycle/trash/{published.pk}/restore/")
    assert response["Location"] == published.get_absolute_url()
    assert admin.get(published.get_absolute_url()).status_code == 200
