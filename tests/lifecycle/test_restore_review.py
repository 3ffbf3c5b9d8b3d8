"""Restoring an archived asset under an approval policy: a non-approver's restore is a draft submitted for review
(as their upload would be); approvers and admins restore it published. Every path: service, web, API, edit."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group

from quiver.library import services as library
from quiver.library.models import AssetStatus
from quiver.lifecycle import selectors, services
from quiver.lifecycle.models import ApprovalPolicy, RequestStatus
from quiver.notify.models import Notification

from .conftest import T0
from .conftest import api_client as _api
from .conftest import web_client as _web

RESTORE_NOTE = "Submitted for publication on restore from the archive."


@pytest.fixture
def archived(published, editor, approver):
    """Archived before the policy existed; then a default policy names the approver group (april only)."""
    services.archive(editor, published)
    group = Group.objects.create(name="Content approvers")
    approver.groups.add(group)
    ApprovalPolicy.objects.create(collection=None, approvers=group)
    published.refresh_from_db()
    return published


def _status(asset):
    asset.refresh_from_db()
    return asset.status


def test_a_non_approver_restores_into_review(archived, editor, approver, viewer, events, committed):
    with committed():  # notifications follow the commit
        services.unarchive(editor, archived)
    assert _status(archived) == AssetStatus.IN_REVIEW
    request = archived.approval_requests.get()
    assert (request.status, request.submitted_by) == (RequestStatus.PENDING, editor)
    trail = [(e.kind, e.actor.username, e.comment) for e in selectors.decision_trail(archived)]
    assert trail == [("submitted", "eddie", RESTORE_NOTE)]
    assert [r.asset_id for r in selectors.approvals_inbox(approver)] == [archived.pk]
    assert [(e[0], e[3].get("through_review")) for e in events[-2:]] == [("restored", True), ("submitted", None)]
    told = Notification.objects.filter(recipient=approver).values_list("kind", flat=True)
    assert list(told) == ["submitted"]
    # not published: sales does not see it until an approver approves
    assert not archived.__class__.objects.visible_to(viewer).filter(pk=archived.pk).exists()
    services.approve(approver, archived, "Still right", now=T0 + timedelta(days=1))
    assert _status(archived) == AssetStatus.PUBLISHED


@pytest.mark.parametrize("who", ["approver", "admin_user"])
def test_approvers_and_admins_restore_it_published(who, archived, request, events):
    services.unarchive(request.getfixturevalue(who), archived)
    assert _status(archived) == AssetStatus.PUBLISHED
    assert not archived.approval_requests.exists()
    assert events[-1][0] == "restored" and events[-1][3]["through_review"] is False


def test_without_a_policy_covering_it_an_editor_restores_it_published(published, editor, approver, admin_user):
    services.archive(editor, published)
    group = Group.objects.create(name="Legal approvers")
    approver.groups.add(group)
    elsewhere = library.create_collection(admin_user, name="Legal", parent=published.collections.get())
    ApprovalPolicy.objects.create(collection=elsewhere, approvers=group)  # covers Legal only
    services.unarchive(editor, published)
    assert _status(published) == AssetStatus.PUBLISHED


def test_an_asset_archived_in_review_comes_back_with_a_new_request(published, editor, approver):
    group = Group.objects.create(name="Content approvers")
    approver.groups.add(group)
    ApprovalPolicy.objects.create(collection=None, approvers=group)
    library.update_asset(editor, published, status=AssetStatus.DRAFT)
    services.submit_for_review(editor, published, "v1", now=T0)
    services.archive(editor, published)
    services.unarchive(editor, published)
    assert _status(published) == AssetStatus.IN_REVIEW
    statuses = list(published.approval_requests.order_by("submitted_at", "pk").values_list("status", flat=True))
    assert statuses == [RequestStatus.WITHDRAWN, RequestStatus.PENDING]


def test_web_restore_says_what_happens(archived, editor, approver):
    url = f"/assets/{archived.pk}/restore/"
    assert "submitted for review" in _web(editor).get(url).content.decode()
    assert "published again" in _web(approver).get(url).content.decode()
    page = _web(editor).post(url, follow=True).content.decode()
    assert "restored as a draft and submitted for review" in page
    assert _status(archived) == AssetStatus.IN_REVIEW


def test_web_restore_by_an_approver_publishes(archived, approver):
    page = _web(approver).post(f"/assets/{archived.pk}/restore/", follow=True).content.decode()
    assert "is restored and published" in page and _status(archived) == AssetStatus.PUBLISHED


def test_api_restore_answers_with_the_resulting_state(archived, editor, approver):
    body = _api(editor).post(f"/api/v1/assets/{archived.pk}/restore").json()
    assert body["lifecycle"] == "in_review"
    lifecycle = _api(editor).get(f"/api/v1/assets/{archived.pk}/lifecycle").json()
    assert lifecycle["request"]["status"] == "pending" and lifecycle["request"]["submitted_by"] == "eddie"
    assert [a["asset"] for a in _api(approver).get("/api/v1/approvals").json()] == [archived.pk]


def test_api_restore_by_an_approver_publishes(archived, approver):
    assert _api(approver).post(f"/api/v1/assets/{archived.pk}/restore").json()["lifecycle"] == "published"


def test_editing_the_status_cannot_republish_around_review(archived, editor, approver):
    base = f"/api/v1/assets/{archived.pk}"
    response = _api(editor).patch(base, {"lifecycle": "published"}, content_type="application/json")
    assert response.status_code == 400 and "through review" in response.json()["detail"]
    assert _status(archived) == AssetStatus.ARCHIVED
    response = _api(approver).patch(base, {"lifecycle": "published"}, content_type="application/json")
    assert response.status_code == 200 and _status(archived) == AssetStatus.PUBLISHED


def test_the_owner_hears_it_came_back_through_review(archived, editor, committed):
    from quiver.accounts.services import create_user

    owner = create_user("olga", "editor", "pw-owner-12345")
    archived.__class__.objects.filter(pk=archived.pk).update(owner=owner)
    archived.refresh_from_db()
    with committed():
        services.unarchive(editor, archived)
    told = list(Notification.objects.filter(recipient=owner, kind="restored").values_list("message", flat=True))
    assert told == ["eddie restored “Battlecard” as a draft submitted for review"]
