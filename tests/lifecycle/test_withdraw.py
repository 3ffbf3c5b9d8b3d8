"""An asset leaving review another way (archived by any path, trashed, merged) closes its pending request: status
withdrawn, closed by whoever did it, a `withdrawn` event in the append-only trail, out of every approvals inbox."""

from datetime import timedelta

import pytest

from quiver.library import services as library
from quiver.library.models import Asset, AssetStatus
from quiver.lifecycle import selectors, services
from quiver.lifecycle.models import ApprovalEvent, RequestStatus

from .conftest import T0
from .conftest import api_client as _api
from .conftest import web_client as _web


@pytest.fixture
def in_review(draft, editor):
    services.submit_for_review(editor, draft, "Please check", now=T0)
    draft.refresh_from_db()
    return draft


def _archive_lifecycle(asset, actor):
    services.archive(actor, asset)


def _archive_library(asset, actor):
    library.archive_asset(actor, asset)


def _archive_web(asset, actor):
    assert _web(actor).post(f"/assets/{asset.pk}/archive/").status_code == 302


def _archive_api(asset, actor):
    assert _api(actor).post(f"/api/v1/assets/{asset.pk}/archive").status_code == 200


def _archive_api_patch(asset, actor):  # editing the status (API PATCH, and the edit form) goes through update_asset
    response = _api(actor).patch(
        f"/api/v1/assets/{asset.pk}", {"lifecycle": "archived"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content


def _archive_review_session(asset, actor):
    Asset.objects.filter(pk=asset.pk).update(expires_at=T0 - timedelta(days=1))  # flagged "expired"
    client = _api(actor)
    response = client.post(
        "/api/v1/reviews/sessions", {"kind": "queue", "signal": "expired"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    session = response.json()
    item = next(i for i in session["items"] if i["asset_id"] == asset.pk)
    response = client.post(
        f"/api/v1/reviews/sessions/{session['id']}/items/{item['id']}/action",
        {"action": "archive"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content


PATHS = {
    "lifecycle": _archive_lifecycle,
    "library": _archive_library,
    "web": _archive_web,
    "api": _archive_api,
    "api_patch": _archive_api_patch,
    "review_session": _archive_review_session,
}


def _closed_by(asset, actor, reason_word: str):
    request = asset.approval_requests.get()
    assert (request.status, request.decided_by) == (RequestStatus.WITHDRAWN, actor)
    trail = [(e.kind, e.actor and e.actor.username, e.comment) for e in selectors.decision_trail(asset)]
    assert trail[0] == ("submitted", "eddie", "Please check")
    assert trail[-1][:2] == ("withdrawn", actor.username) and reason_word in trail[-1][2]
    assert len(trail) == 2
    return request


@pytest.mark.parametrize("path", sorted(PATHS))
def test_archiving_withdraws_the_pending_request(path, in_review, editor, approver, admin_user):
    assert [r.asset_id for r in selectors.approvals_inbox(approver)] == [in_review.pk]
    PATHS[path](in_review, editor)
    in_review.refresh_from_db()
    assert in_review.status == AssetStatus.ARCHIVED
    _closed_by(in_review, editor, "archived")
    assert selectors.approvals_inbox(approver) == [] and selectors.approvals_inbox(admin_user) == []
    assert _api(approver).get("/api/v1/approvals").json() == []
    body = _api(editor).get(f"/api/v1/assets/{in_review.pk}/lifecycle").json()
    assert body["request"]["status"] == "withdrawn" and body["trail"][-1]["kind"] == "withdrawn"
    # nothing left to decide: the asset page offers no decision, the services refuse one
    page = _web(approver).get(in_review.get_absolute_url()).content.decode()
    assert 'value="approve"' not in page and "Withdrawn" in page


def test_archiving_without_a_pending_request_writes_nothing(published, editor):
    services.archive(editor, published)
    assert not published.approval_requests.exists() and not ApprovalEvent.objects.exists()


def test_only_the_pending_request_is_withdrawn(draft, editor, approver):
    services.submit_for_review(editor, draft, now=T0)
    services.reject(approver, draft, "Wrong logo", now=T0 + timedelta(hours=1))
    services.archive(editor, draft)
    assert [r.status for r in draft.approval_requests.all()] == [RequestStatus.REJECTED]


def test_trash_withdraws_the_request_and_a_restore_brings_back_a_draft(in_review, editor, approver, admin_user):
    services.trash(admin_user, in_review, now=T0 + timedelta(hours=1))
    in_review.refresh_from_db()
    request = _closed_by(in_review, admin_user, "trash")
    assert request.decided_at == T0 + timedelta(hours=1)
    assert in_review.status == AssetStatus.DRAFT
    services.restore_from_trash(admin_user, in_review, now=T0 + timedelta(days=2))
    in_review.refresh_from_db()
    assert in_review.status == AssetStatus.DRAFT and selectors.approvals_inbox(approver) == []
    services.submit_for_review(editor, in_review, "Again", now=T0 + timedelta(days=3))  # resubmitted as usual
    assert [r.asset_id for r in selectors.approvals_inbox(approver)] == [in_review.pk]


def test_merge_withdraws_the_duplicates_request(in_review, published, editor, approver):
    services.merge(editor, in_review, published, now=T0 + timedelta(hours=1))
    in_review.refresh_from_db()
    request = _closed_by(in_review, editor, "merged")
    assert f"asset {published.pk}" in request.events.last().comment
    assert selectors.approvals_inbox(approver) == []


def test_a_second_submission_after_restore_is_the_only_pending_one(in_review, editor, approver):
    services.archive(editor, in_review)
    services.unarchive(editor, in_review)  # no policy: published directly
    in_review.refresh_from_db()
    assert in_review.status == AssetStatus.PUBLISHED
    assert [r.status for r in in_review.approval_requests.all()] == [RequestStatus.WITHDRAWN]


def test_the_migration_withdraws_requests_left_pending_before_this_was_recorded(draft, published, editor, admin_user):
    """Data from before: pending requests on an archived and a trashed asset (the state the old code left)."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("quiver.lifecycle.migrations.0003_withdraw_stale_requests")
    services.submit_for_review(editor, draft, now=T0)
    Asset.objects.filter(pk=draft.pk).update(deleted_at=T0, deleted_by=admin_user)  # trashed while in review
    other = library.create_asset(
        editor,
        title="Old",
        link_url="https://example.com/o",
        collections=list(published.collections.all()),
        status=AssetStatus.DRAFT,
    )
    services.submit_for_review(editor, other, now=T0)
    Asset.objects.filter(pk=other.pk).update(status=AssetStatus.ARCHIVED)  # archived while in review
    live = library.create_asset(
        editor,
        title="Live",
        link_url="https://example.com/l",
        collections=list(published.collections.all()),
        status=AssetStatus.DRAFT,
    )
    services.submit_for_review(editor, live, now=T0)
    migration.withdraw(apps, None)
    for asset, status in ((draft, AssetStatus.DRAFT), (other, AssetStatus.ARCHIVED)):
        request = asset.approval_requests.get()
        assert request.status == RequestStatus.WITHDRAWN and request.decided_at > T0
        assert request.events.last().kind == "withdrawn" and request.events.last().actor is None
        assert Asset.objects.get(pk=asset.pk).status == status
    assert live.approval_requests.get().status == RequestStatus.PENDING  # still in review: untouched
    assert Asset.objects.get(pk=live.pk).status == AssetStatus.IN_REVIEW
