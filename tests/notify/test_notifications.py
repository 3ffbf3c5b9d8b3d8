"""In-app notifications: only about assets the recipient can see (at creation and at display), unread first,
reading them, preferences, reminders of assets due without repeats."""

from datetime import timedelta

from quiver.accounts.services import create_user
from quiver.library import services as library
from quiver.library.models import Asset
from quiver.notify import selectors, services
from quiver.notify.models import Notification
from quiver.notify.reminders import remind_due

from .conftest import NOW, TODAY


def test_not_created_about_an_asset_the_recipient_cannot_see(asset, viewer, admin_user):
    secret = library.create_collection(admin_user, name="Board room", parent=None)
    hidden = library.create_asset(
        admin_user, title="Hidden plan", link_url="https://example.com/h", collections=[secret]
    )
    assert services.notify(viewer, "published", hidden, "Hidden plan is published") is None
    note = services.notify(viewer, "published", asset, "Pricing is published")
    assert note is not None and note.url == f"/assets/{asset.pk}/"
    assert list(Notification.objects.filter(recipient=viewer)) == [note]


def test_hidden_again_once_the_asset_is_out_of_sight(asset, viewer, admin_user):
    note = services.notify(viewer, "published", asset, "Pricing is published")
    assert list(selectors.notifications_for(viewer)) == [note] and selectors.unread_count(viewer) == 1
    secret = library.create_collection(admin_user, name="Board room", parent=None)
    asset.collections.set([secret])  # moved where the viewer cannot follow
    assert list(selectors.notifications_for(viewer)) == [] and selectors.unread_count(viewer) == 0


def test_unread_first_then_newest_and_marking_read(asset, viewer, editor):
    old = services.notify(viewer, "published", asset, "old", now=NOW - timedelta(days=2))
    new = services.notify(viewer, "published", asset, "new", now=NOW)
    general = services.notify(viewer, "expired", None, "no asset", now=NOW - timedelta(days=1))
    assert services.mark_read(viewer, new.pk, now=NOW)
    assert not services.mark_read(viewer, new.pk)  # already read
    assert not services.mark_read(editor, old.pk)  # not theirs
    assert [n.pk for n in selectors.notifications_for(viewer)] == [general.pk, old.pk, new.pk]
    assert services.mark_all_read(viewer) == 2 and selectors.unread_count(viewer) == 0


def test_muted_kinds_are_not_created_and_inactive_users_get_nothing(asset, viewer):
    services.set_preferences(viewer, ["published"], "weekly")
    assert services.notify(viewer, "published", asset, "x") is None
    assert services.notify(viewer, "expired", asset, "x") is not None
    viewer.is_active = False
    viewer.save()
    assert services.notify(viewer, "expired", asset, "y") is None


def test_reminders_to_owner_and_verifier_not_repeated_while_unread(asset, editor, viewer):
    Asset.objects.filter(pk=asset.pk).update(owner=editor, verifier=viewer, verified_until=TODAY - timedelta(days=1))
    assert remind_due(now=NOW) == 2
    kinds = sorted(Notification.objects.values_list("recipient__username", "kind"))
    assert kinds == [("eddie", "verification_overdue"), ("vera", "verification_overdue")]
    assert remind_due(now=NOW + timedelta(hours=1)) == 0  # unread: not again
    services.mark_all_read(viewer, now=NOW + timedelta(hours=2))
    assert remind_due(now=NOW + timedelta(days=3)) == 0  # read three days ago: not yet
    assert remind_due(now=NOW + timedelta(days=8)) == 1  # read over a week ago: reminded again (vera)
    message = Notification.objects.filter(recipient=editor).first().message
    assert message == "Verification of “Pricing <2026> & co” is overdue (was due 26 Nov 2026)"


def test_reminders_skip_assets_the_verifier_cannot_see(asset, editor, admin_user):
    outsider = create_user("out", "viewer", "pw-viewer-1234")
    outsider.groups.clear()
    Asset.objects.filter(pk=asset.pk).update(owner=editor, verifier=outsider, expires_at=NOW + timedelta(days=2))
    assert remind_due(now=NOW) == 1
    assert not Notification.objects.filter(recipient=outsider).exists()
