"""The lifecycle's real services drive notifications and webhooks through the LifecycleChanged event, after
commit (`committed()`: as at the end of a request)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from quiver.accounts.services import create_user
from quiver.library import services as library
from quiver.library.models import Asset, AssetStatus
from quiver.lifecycle import services as lifecycle
from quiver.lifecycle.models import ApprovalPolicy
from quiver.notify.models import DeliveryStatus, Notification, WebhookDelivery
from quiver.notify.reminders import remind_due


@pytest.fixture
def draft(editor, root):
    return library.create_asset(
        editor, title="Q3 deck", link_url="https://example.com/q3", collections=[root], status=AssetStatus.DRAFT
    )


@pytest.fixture
def approver(db):
    user = create_user("appr", "editor", "pw-editor-1234")
    group = Group.objects.create(name="Approvers")
    user.groups.add(group)
    ApprovalPolicy.objects.create(collection=None, approvers=group)
    return user


def _told(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", "message"))


def test_submitted_goes_to_the_approver_group_not_to_the_submitter(draft, editor, approver, admin_user, committed):
    with committed():
        lifecycle.submit_for_review(editor, draft, "please")
    assert _told(approver) == [("submitted", "eddie submitted “Q3 deck” for review")]
    assert _told(editor) == [] and _told(admin_user) == []  # a policy names the group: not every admin


def test_without_a_policy_the_admins_and_the_assets_other_editors_approve(draft, editor, admin_user, viewer, committed):
    other_editor = create_user("ed2", "editor", "pw-editor-1234")  # in Marketing, which edits the whole library
    with committed():
        lifecycle.submit_for_review(editor, draft)
    assert [k for k, _ in _told(admin_user)] == ["submitted"]
    assert [k for k, _ in _told(other_editor)] == ["submitted"]
    assert _told(editor) == [] and _told(viewer) == []  # not the submitter; never a viewer


def test_the_submitter_hears_the_decision_and_webhooks_carry_it(
    draft, editor, approver, endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.submit_for_review(editor, draft)
        lifecycle.reject(approver, draft, "Wrong logo")
        lifecycle.submit_for_review(editor, draft)
        lifecycle.approve(approver, draft, "Good")
    assert _told(editor) == [
        ("published", "“Q3 deck” is published"),
        ("approved", "appr approved “Q3 deck”"),
        ("rejected", "appr rejected “Q3 deck”"),
    ]
    events = list(WebhookDelivery.objects.order_by("pk").values_list("event", "status"))
    assert events == [
        ("submitted", "succeeded"),
        ("submitted", "succeeded"),
        ("approved", "succeeded"),
        ("published", "succeeded"),
    ]  # "rejected" is not subscribed by this endpoint
    assert len(receiver.requests) == 4


def test_expiry_events_reach_owner_and_verifier_once(
    editor, viewer, root, endpoint, receiver, django_capture_on_commit_callbacks
):
    asset = library.create_asset(editor, title="Old prices", link_url="https://example.com/o", collections=[root])
    Asset.objects.filter(pk=asset.pk).update(
        owner=editor, verifier=viewer, expires_at=timezone.now() - timedelta(minutes=5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.sweep()
    assert _told(editor) == [("expired", "“Old prices” has expired")]
    assert _told(viewer) == [("expired", "“Old prices” has expired")]
    assert remind_due() == 0  # the reminder job does not repeat what the event said
    (delivery,) = WebhookDelivery.objects.all()
    assert delivery.event == "expired" and delivery.status == DeliveryStatus.SUCCEEDED


def test_a_merge_points_at_the_surviving_twin(editor, viewer, root, admin_user, committed):
    dup = library.create_asset(editor, title="Deck copy", link_url="https://example.com/c", collections=[root])
    twin = library.create_asset(editor, title="Deck", link_url="https://example.com/d", collections=[root])
    Asset.objects.filter(pk=dup.pk).update(owner=editor, verifier=viewer)
    dup.refresh_from_db()
    with committed():
        lifecycle.merge(admin_user, dup, twin)
    note = Notification.objects.get(recipient=viewer)
    assert note.kind == "merged" and note.asset_id == twin.pk and note.url == f"/assets/{twin.pk}/"
    assert note.message == "ada merged “Deck copy” into “Deck”"


def test_trash_tells_nobody_in_the_app(editor, root, admin_user, committed):
    asset = library.create_asset(editor, title="Gone", link_url="https://example.com/g", collections=[root])
    with committed():
        lifecycle.trash(admin_user, asset)
    assert not Notification.objects.exists()


def test_a_broken_listener_does_not_break_the_lifecycle_change(draft, editor, approver, monkeypatch, caplog, committed):
    from quiver.notify import recipients

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(recipients, "for_event", broken)
    with committed():
        lifecycle.submit_for_review(editor, draft)
    draft.refresh_from_db()
    assert draft.status == AssetStatus.IN_REVIEW and not Notification.objects.exists()
    assert "listener quiver.notify.listeners.notify_lifecycle failed" in caplog.text and "submitted" in caplog.text
    assert "boom" in caplog.text
