"""The email digest: content (sections, links, escaping, plain text + HTML), preferences, and never twice for the
same period, on a fixed clock."""

from datetime import timedelta

import pytest

from quiver.accounts.services import create_user
from quiver.library import services as library
from quiver.library.models import Asset, AssetStatus, Collection
from quiver.notify import services
from quiver.notify.digest import period_key, send_digests
from quiver.notify.models import DigestRun

from .conftest import NOW, TODAY


@pytest.fixture
def owner(editor):
    editor.email = "eddie@example.com"
    editor.save()
    return editor


def _asset(owner, root, title, **fields):
    asset = library.create_asset(owner, title=title, link_url="https://example.com/x", collections=[root])
    Asset.objects.filter(pk=asset.pk).update(owner=owner, **fields)
    return Asset.objects.get(pk=asset.pk)


@pytest.fixture
def due(owner, root):
    return {
        "overdue": _asset(owner, root, "Battlecard <Acme>", verified_until=TODAY - timedelta(days=3)),
        "due": _asset(owner, root, "Deck due", verified_until=TODAY + timedelta(days=14)),  # the review window
        "later": _asset(owner, root, "Verified long", verified_until=TODAY + timedelta(days=15)),
        "expiring": _asset(owner, root, "Old pricing", expires_at=NOW + timedelta(days=14)),  # lifecycle's
        "not yet": _asset(owner, root, "Prices 2027", expires_at=NOW + timedelta(days=14, seconds=1)),
        "expired": _asset(owner, root, "Gone pricing", expires_at=NOW - timedelta(minutes=1)),
        "archived": _asset(
            owner, root, "Archived one", expires_at=NOW - timedelta(days=1), status=AssetStatus.ARCHIVED
        ),
    }


def test_digest_lists_what_is_due_with_links_in_text_and_html(due, owner, mailoutbox):
    assert send_digests(now=NOW) == 1
    (mail,) = mailoutbox
    assert mail.to == ["eddie@example.com"]
    assert mail.subject == "Quiver: 4 assets need your attention"
    text = mail.body
    for key in ("overdue", "due", "expiring", "expired"):
        assert f"http://127.0.0.1:8000/assets/{due[key].pk}/" in text
    assert "Verified long" not in text and "Prices 2027" not in text  # not due yet
    assert "Archived one" not in text
    assert (
        text.index("Expired")
        < text.index("Verification overdue")
        < text.index("Expiring soon")
        < text.index("Verification due")
    )
    assert "Verification of “Battlecard <Acme>” is overdue (was due 24 Nov 2026)" in text  # plain text, as is
    assert "“Old pricing” expires on 11 Dec 2026" in text
    html, mime = mail.alternatives[0]
    assert mime == "text/html"
    assert "Battlecard &lt;Acme&gt;" in html and "<Acme>" not in html  # user text escaped
    assert f'href="http://127.0.0.1:8000/assets/{due["expired"].pk}/"' in html
    assert "http://127.0.0.1:8000/notifications/settings/" in text


def test_never_sent_twice_for_the_same_period(due, owner, mailoutbox):
    assert send_digests(now=NOW) == 1
    assert send_digests(now=NOW + timedelta(hours=5)) == 0  # same day
    assert len(mailoutbox) == 1
    assert DigestRun.objects.get(user=owner).period == "2026-11-27"
    assert send_digests(now=NOW + timedelta(days=1)) == 1  # the next day
    assert len(mailoutbox) == 2


def test_the_windows_follow_the_review_and_lifecycle_settings(due, owner, mailoutbox, settings):
    settings.QUIVER_REVIEW_VERIFY_DUE_DAYS = 15
    settings.QUIVER_EXPIRING_DAYS = 30
    send_digests(now=NOW)
    assert "Verified long" in mailoutbox[0].body and "Prices 2027" in mailoutbox[0].body


def test_weekly_digest_once_a_week(due, owner, mailoutbox):
    services.set_preferences(owner, [], "weekly")
    assert period_key("weekly", NOW) == "2026-W48"
    sent = [send_digests(now=NOW + timedelta(days=d)) for d in range(4)]  # Fri..Mon
    assert sent == [1, 0, 0, 1]  # Monday 30 Nov starts week 49


def test_not_before_the_digest_hour_and_not_when_off(due, owner, mailoutbox, settings):
    settings.QUIVER_DIGEST_HOUR = 10
    assert send_digests(now=NOW) == 0  # 09:00 < 10:00
    settings.QUIVER_DIGEST_HOUR = 7
    services.set_preferences(owner, [], "off")
    assert send_digests(now=NOW) == 0
    assert mailoutbox == [] and not DigestRun.objects.exists()


def test_verifier_gets_it_too_and_only_visible_assets(due, owner, root, mailoutbox):
    verifier = create_user("vic", "viewer", "pw-viewer-123", email="vic@example.com")
    secret = library.create_collection(create_user("boss", "admin", "pw-admin-1234"), name="Secret", parent=None)
    hidden = _asset(owner, root, "Hidden from vic", verified_until=TODAY - timedelta(days=1), verifier=verifier)
    hidden.collections.set([secret])
    shown = _asset(owner, root, "Vic checks this", verified_until=TODAY, verifier=verifier)
    draft = _asset(
        owner, root, "Vic cannot see drafts", verified_until=TODAY, verifier=verifier, status=AssetStatus.DRAFT
    )
    assert send_digests(now=NOW) == 2
    vic = next(m for m in mailoutbox if m.to == ["vic@example.com"])
    assert "Vic checks this" in vic.body and f"/assets/{shown.pk}/" in vic.body
    assert "Hidden from vic" not in vic.body and "Vic cannot see drafts" not in vic.body
    assert draft.pk and Collection.objects.filter(pk=secret.pk).exists()


def test_a_failed_send_is_tried_again(due, owner, mailoutbox, settings):
    settings.EMAIL_BACKEND = "tests.notify.failing_mail.Backend"
    assert send_digests(now=NOW) == 0
    assert not DigestRun.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_digests(now=NOW) == 1


def test_nobody_without_an_email_address(due, owner, mailoutbox):
    owner.email = ""
    owner.save()
    assert send_digests(now=NOW) == 0
