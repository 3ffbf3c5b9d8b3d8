"""In Chromium: a small review session run by keyboard. From the review dashboard, start a session over the
queue, verify the first asset (v), archive the second (x), skip the third (s), finish (f), read the summary."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quiver.library import services
from quiver.library.models import Asset, AssetStatus, AssetType, Collection
from quiver.reviews.models import Outcome, ReviewSession


@pytest.fixture
def stale(users):
    root = Collection.objects.get(parent=None, name="Library")
    now = timezone.now()
    made = []
    for n, title in enumerate(["Heron pricing 2024", "Heron battlecard 2023", "Heron one-pager"]):
        asset = services.create_asset(
            users["editor"],
            title=title,
            link_url=f"https://example.com/{n}",
            asset_type=AssetType.IMAGE,
            collections=[root],
            tags=["heron", "x"],
            created_at=now - dt.timedelta(days=1),
        )
        Asset.objects.filter(pk=asset.pk).update(
            expires_at=now - dt.timedelta(days=2), updated_at=now - dt.timedelta(minutes=10 - n)
        )
        made.append(asset)
    return made


def _press(page, key: str) -> None:
    """A key once this page's shortcuts listen (each action loads a new page; its script is deferred)."""
    expect(page.locator("html[data-keys-ready]")).to_have_count(1)
    page.keyboard.press(key)


def test_a_review_session_by_keyboard(page, login, stale):
    login("emma", "pw-editor-123")
    page.goto("/reviews/")
    expect(page.locator('[data-signal="expired"] .signal-number')).to_have_text("3")
    page.get_by_role("button", name="Review these 3").click()
    expect(page.locator("[data-position]")).to_have_text("1")
    expect(page.locator(".review-title")).to_have_text("Heron pricing 2024")
    expect(page.locator(".reasons")).to_contain_text("Expired on")

    _press(page, "?")  # the help lists the keys
    expect(page.locator("#review-help")).to_have_attribute("open", "")
    expect(page.locator("#review-help")).to_contain_text("Verify")
    _press(page, "Escape")

    _press(page, "v")
    expect(page.locator("[data-position]")).to_have_text("2")
    expect(page.locator(".messages")).to_contain_text("Verified.")
    expect(page.locator(".review-title")).to_have_text("Heron battlecard 2023")
    _press(page, "k")  # back to the first, and on again
    expect(page.locator("[data-position]")).to_have_text("1")
    expect(page.locator("[data-outcome]")).to_have_text("Verified")
    _press(page, "j")
    expect(page.locator("[data-position]")).to_have_text("2")

    _press(page, "x")
    expect(page.locator("[data-position]")).to_have_text("3")
    expect(page.locator(".messages")).to_contain_text("Archived.")

    _press(page, "e")  # a panel opens and takes the focus; typing there is not a shortcut
    expect(page.locator("#panel-edit")).to_have_attribute("open", "")
    page.keyboard.type("x")
    _press(page, "Escape")
    expect(page.locator("[data-position]")).to_have_text("3")

    _press(page, "s")
    expect(page.locator(".messages")).to_contain_text("Skipped.")
    _press(page, "f")
    page.wait_for_url("**/reviews/sessions/*/")
    summary = page.locator("#summary")
    expect(summary.locator("[data-reviewed]")).to_have_text("3")
    for outcome in ("verified", "archived", "skipped"):
        expect(summary.locator(f'[data-outcome="{outcome}"] dd')).to_have_text("1")

    session = ReviewSession.objects.get()
    assert session.status == "finished"
    assert [i.outcome for i in session.items.order_by("position")] == [
        Outcome.VERIFIED,
        Outcome.ARCHIVED,
        Outcome.SKIPPED,
    ]
    first, second, third = (Asset.objects.get(pk=a.pk) for a in stale)
    assert first.verified_until is not None and second.status == AssetStatus.ARCHIVED
    assert third.status == AssetStatus.PUBLISHED and third.title == "Heron one-pager"
    page.goto("/reviews/sessions/")
    expect(page.get_by_role("link", name="The review queue")).to_be_visible()
    assert not page.csp_violations
