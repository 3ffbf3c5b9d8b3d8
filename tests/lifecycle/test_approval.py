"""Draft → in review → published, its permissions and its decision trail."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from quiver.core.models import AuditEntry
from quiver.library.models import AssetStatus
from quiver.lifecycle import selectors, services
from quiver.lifecycle.models import ApprovalPolicy, RequestStatus

from .conftest import T0


def test_submit_approve_publishes_with_a_trail(draft, editor, approver, events):
    request = services.submit_for_review(editor, draft, "Ready for legal", now=T0)
    draft.refresh_from_db()
    assert draft.status == AssetStatus.IN_REVIEW and request.status == RequestStatus.PENDING
    services.comment(approver, draft, "Slide 3 mentions the old price?", now=T0 + timedelta(minutes=1))
    services.approve(approver, draft, "Fine after all", now=T0 + timedelta(minutes=2))
    draft.refresh_from_db()
    request.refresh_from_db()
    assert draft.status == AssetStatus.PUBLISHED
    assert (request.status, request.decided_by) == (RequestStatus.APPROVED, approver)
    trail = [(e.kind, e.actor and e.actor.username, e.comment) for e in selectors.decision_trail(draft)]
    assert trail == [
        ("submitted", "eddie", "Ready for legal"),
        ("comment", "april", "Slide 3 mentions the old price?"),
        ("approved", "april", "Fine after all"),
        ("published", None, ""),
    ]
    assert [e[0] for e in events] == ["submitted", "approved", "published"]
    assert set(AuditEntry.objects.filter(object_id=str(draft.pk)).values_list("action", flat=True)) >= {
        "asset.submit",
        "asset.approve",
    }


def test_reject_needs_a_reason_and_returns_to_draft(draft, editor, approver, events):
    services.submit_for_review(editor, draft, now=T0)
    with pytest.raises(ValidationError):
        services.reject(approver, draft, "  ")
    services.reject(approver, draft, "Wrong logo", now=T0 + timedelta(hours=1))
    draft.refresh_from_db()
    assert draft.status == AssetStatus.DRAFT
    assert events[-1][0] == "rejected" and events[-1][3]["comment"] == "Wrong logo"
    # resubmitted after the fix: a new request, the old one stays in the trail
    services.submit_for_review(editor, draft, "Logo fixed", now=T0 + timedelta(hours=2))
    assert [r.status for r in draft.approval_requests.order_by("submitted_at")] == ["rejected", "pending"]


def test_who_may_submit_and_decide(draft, editor, approver, viewer, admin_user):
    with pytest.raises(PermissionDenied):
        services.submit_for_review(viewer, draft)
    services.submit_for_review(editor, draft, now=T0)
    with pytest.raises(ValidationError):  # already in review
        services.submit_for_review(editor, draft)
    for who in (viewer, editor):  # a viewer never; the submitter not their own request
        with pytest.raises(PermissionDenied):
            services.approve(who, draft)
        with pytest.raises(PermissionDenied):
            services.reject(who, draft, "no")
    services.approve(admin_user, draft, now=T0)  # an admin always
    draft.refresh_from_db()
    assert draft.status == AssetStatus.PUBLISHED
    with pytest.raises(ValidationError):  # nothing pending any more
        services.approve(approver, draft)


def test_an_approval_policy_names_the_approver_group(draft, editor, approver, root):
    legal = Group.objects.create(name="Legal")
    ApprovalPolicy.objects.create(collection=root, approvers=legal)
    services.submit_for_review(editor, draft, now=T0)
    assert selectors.approvals_inbox(approver) == []
    with pytest.raises(PermissionDenied):  # an editor of the collection, but not in the approver group
        services.approve(approver, draft)
    approver.groups.add(legal)
    assert [r.asset_id for r in selectors.approvals_inbox(approver)] == [draft.pk]
    services.approve(approver, draft, now=T0)
    draft.refresh_from_db()
    assert draft.status == AssetStatus.PUBLISHED


def test_the_nearest_policy_wins_and_the_default_applies_elsewhere(draft, editor, approver, admin_user, root):
    from quiver.library import services as library

    legal, pricing = Group.objects.create(name="Legal"), Group.objects.create(name="Pricing")
    default = ApprovalPolicy.objects.create(collection=None, approvers=legal)
    sub = library.create_collection(admin_user, name="Pricing", parent=root)
    assert selectors.approval_policy_for(draft) == default
    near = ApprovalPolicy.objects.create(collection=sub, approvers=pricing)
    draft.collections.add(sub)
    assert selectors.approval_policy_for(draft) == near
    # self-approval when the policy allows it
    editor.groups.add(pricing)
    services.submit_for_review(editor, draft, now=T0)
    with pytest.raises(PermissionDenied):
        services.approve(editor, draft)
    near.allow_self_approval = True
    near.save()
    services.approve(editor, draft, now=T0)


def test_approved_with_a_future_date_waits_for_it(draft, editor, approver, events):
    services.schedule_publish(editor, draft, T0 + timedelta(days=1), now=T0)
    services.submit_for_review(editor, draft, now=T0)
    services.approve(approver, draft, now=T0)
    draft.refresh_from_db()
    assert draft.status == AssetStatus.DRAFT and "published" not in [e[0] for e in events]
    assert events[-1][3]["publish_at"] == (T0 + timedelta(days=1)).isoformat()


def test_status_edits_cannot_skip_the_review(draft, editor, approver, admin_user, root):
    from quiver.library import services as library

    with pytest.raises(ValidationError):  # in review only through a request
        library.update_asset(editor, draft, status=AssetStatus.IN_REVIEW)
    library.update_asset(editor, draft, status=AssetStatus.PUBLISHED)  # no approval policy: as before
    library.update_asset(editor, draft, status=AssetStatus.DRAFT)
    legal = Group.objects.create(name="Legal")
    ApprovalPolicy.objects.create(collection=root, approvers=legal)
    with pytest.raises(ValidationError):
        library.update_asset(editor, draft, status=AssetStatus.PUBLISHED)
    services.submit_for_review(editor, draft, now=T0)
    with pytest.raises(ValidationError):  # deciding is not editing
        library.update_asset(editor, draft, status=AssetStatus.PUBLISHED)
    library.update_asset(editor, draft, status=AssetStatus.ARCHIVED)  # taking it out is always possible
    draft.refresh_from_db()
    assert draft.status == AssetStatus.ARCHIVED
    library.update_asset(admin_user, draft, status=AssetStatus.DRAFT)
    library.update_asset(admin_user, draft, status=AssetStatus.PUBLISHED)  # admins may


def test_archive_and_unarchive_announce_themselves(published, editor, viewer, events):
    with pytest.raises(PermissionDenied):
        services.archive(viewer, published)
    services.archive(editor, published)
    with pytest.raises(ValidationError):
        services.archive(editor, published)
    services.unarchive(editor, published)
    published.refresh_from_db()
    assert published.status == AssetStatus.PUBLISHED
    assert [e[0] for e in events] == ["archived", "restored"] and events[-1][3] == {
        "source": "archive",
        "through_review": False,
    }


def test_uploading_as_published_under_a_policy_goes_through_review(editor, approver, admin_user, root):
    from quiver.library import services as library

    from .conftest import pdf_file

    legal = Group.objects.create(name="Legal")
    approver.groups.add(legal)
    ApprovalPolicy.objects.create(collection=root, approvers=legal)
    asset = library.create_asset(
        editor, title="New one-pager", collections=[root], file=pdf_file("n.pdf"), enqueue=False
    )
    asset.refresh_from_db()
    assert asset.status == AssetStatus.IN_REVIEW  # not published behind the approvers' back
    assert asset.approval_requests.get().status == RequestStatus.PENDING
    assert [r.asset_id for r in selectors.approvals_inbox(approver)] == [asset.pk]
    by_approver = library.create_asset(
        approver, title="Approver's own", collections=[root], file=pdf_file("a.pdf"), enqueue=False
    )
    by_admin = library.create_asset(admin_user, title="Admin's", collections=[root], link_url="https://e.com/")
    assert by_approver.status == by_admin.status == AssetStatus.PUBLISHED
