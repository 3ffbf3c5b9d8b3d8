"""In Chromium: review suggestions in the queue by keyboard and by click, then see the decisions on the asset
page (issue 4 §6 and §8); retag assets in bulk from the library listing."""

import re

import pytest
from playwright.sync_api import expect

from quiver.categorize import services as categorize
from quiver.categorize.models import MatchingRule, Suggestion, SuggestionStatus
from quiver.library import services
from quiver.library.models import Collection, Tag
from quiver.taxonomy.models import AssetFacetValue, FacetField, FacetValue


@pytest.fixture
def suggested(users):
    """Two assets whose manual-only rules matched (so everything waits for a decision), categorized by the real
    rule engine."""
    from quiver.taxonomy.seed import seed

    seed(FacetField, FacetValue)  # the live server's database is flushed between tests
    retail = FacetValue.objects.get(field__slug="industry", name="Retail")
    MatchingRule.objects.create(facet_value=retail, algorithm="any", pattern="retail", manual_only=True)
    for name, algorithm, pattern in [("pricing", "any", "pricing"), ("onboarding", "exact", "customer onboarding")]:
        MatchingRule.objects.create(
            tag=Tag.objects.create(name=name), algorithm=algorithm, pattern=pattern, manual_only=True
        )
    root = Collection.objects.get(parent=None, name="Library")
    editor = users["editor"]
    first = services.create_asset(
        editor,
        title="Retail pricing playbook",
        link_url="https://example.com/a",
        description="Pricing for retail stores and customer onboarding.",
        collections=[root],
    )
    second = services.create_asset(editor, title="Pricing notes", link_url="https://example.com/b", collections=[root])
    for asset in (first, second):
        categorize.categorize_asset(asset, learned=False, detectors=False)
    assert Suggestion.objects.filter(status=SuggestionStatus.PENDING).count() == 4
    return first, second


def _status(asset, **target) -> str:
    return Suggestion.objects.get(asset=asset, **target).status


def test_review_queue_by_keyboard_and_click(page, login, suggested):
    first, second = suggested
    login("emma", "pw-editor-123")
    page.get_by_role("link", name="Suggestions", exact=True).click()
    page.wait_for_url(re.compile(r"/categorize/queue/"))
    expect(page.locator("[data-q-asset]")).to_have_count(2)
    assert page.locator("#queue-remaining").inner_text() == "4"

    # j: the first asset (best confidence first, then by id) and its first suggestion are highlighted.
    page.keyboard.press("j")
    current = page.locator(f"#qa-{first.pk}")
    expect(current).to_have_class(re.compile(r"\bis-current\b"))
    expect(current.locator("[data-q-sugg].is-current")).to_contain_text("Retail")
    # a: accept it (htmx swaps the decided row in; the highlight moves on to the next pending suggestion).
    page.keyboard.press("a")
    expect(current.locator(".q-sugg.is-decided")).to_have_count(1)
    expect(current.locator(".q-sugg.is-decided")).to_contain_text("Accepted")
    highlighted = current.locator("[data-q-sugg].is-current .sugg-value")
    expect(highlighted).to_have_text(re.compile(r"^(pricing|onboarding)$"))
    kept = highlighted.inner_text()
    other = ({"pricing", "onboarding"} - {kept}).pop()
    # A click rejects another suggestion of the same asset.
    current.get_by_role("button", name=f"Reject {other}").click()
    expect(current.locator(".q-sugg.is-decided")).to_have_count(2)
    expect(current.locator(".q-sugg.is-decided").last).to_contain_text("Rejected")
    expect(current.locator("[data-q-sugg].is-current .sugg-value")).to_have_text(kept)  # the highlight stays

    # j, then r: the second asset's suggestion is rejected by keyboard; a click accepts the first asset's last one.
    page.keyboard.press("j")
    expect(page.locator(f"#qa-{second.pk}")).to_have_class(re.compile(r"\bis-current\b"))
    page.keyboard.press("r")
    expect(page.locator(f"#qa-{second.pk} .q-sugg.is-decided")).to_contain_text("Rejected")
    current.get_by_role("button", name=f"Accept {kept}").click()
    expect(current.locator(".q-sugg.is-decided")).to_have_count(3)
    expect(page.locator("#queue-remaining")).to_have_text("0")

    # ?: the shortcut legend opens as a dialog, Escape closes it.
    page.keyboard.press("?")
    expect(page.locator("#shortcut-help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#shortcut-help")).to_be_hidden()
    page.screenshot(path="/tmp/quiver-categorize-queue.png", full_page=True)

    retail = FacetValue.objects.get(field__slug="industry", name="Retail")
    assert _status(first, facet_value=retail) == SuggestionStatus.ACCEPTED
    assert _status(first, tag__name=other) == SuggestionStatus.REJECTED
    assert _status(first, tag__name=kept) == SuggestionStatus.ACCEPTED
    assert _status(second, tag__name="pricing") == SuggestionStatus.REJECTED
    assert AssetFacetValue.objects.get(asset=first, value=retail).assigned_by.username == "emma"
    assert set(first.tags.values_list("name", flat=True)) == {kept}
    assert not second.tags.exists()

    # The asset page: the accepted values with who assigned them, no pending suggestion left, the decisions.
    page.goto(first.get_absolute_url())
    panel = page.locator("#cat-panel")
    expect(panel).to_contain_text("No pending suggestions.")
    history = panel.locator(".history").first
    expect(history).to_contain_text(kept)
    expect(history).to_contain_text("Retail")
    expect(history).to_contain_text("by Emma Editor")
    panel.get_by_text("Decisions on suggestions").click()
    expect(panel.locator("details")).to_contain_text(other)
    expect(panel.locator("details")).to_contain_text("Rejected")
    assert page.csp_violations == []


def test_asset_panel_accepts_in_one_click(page, login, suggested):
    first, _ = suggested
    login("emma", "pw-editor-123")
    page.goto(first.get_absolute_url())
    panel = page.locator("#cat-panel")
    expect(panel.locator("[data-suggestion]")).to_have_count(3)
    panel.get_by_role("button", name="Accept onboarding (Tag)").click()
    expect(page.locator("#cat-panel")).to_contain_text("Accepted: onboarding.")
    expect(page.locator("#cat-panel [data-suggestion]")).to_have_count(2)
    page.locator("#cat-panel").get_by_role("button", name="Reject Retail (Industry)").click()
    expect(page.locator("#cat-panel [data-suggestion]")).to_have_count(1)
    assert first.tags.filter(name="onboarding").exists()
    assert _status(first, tag__name="onboarding") == SuggestionStatus.ACCEPTED
    assert page.csp_violations == []


def test_bulk_retag_from_the_library(page, login, suggested):
    first, second = suggested
    login("emma", "pw-editor-123")
    page.get_by_role("link", name="Library", exact=True).click()
    bar = page.locator("#bulk-form")
    expect(bar.locator("[data-bulk-count]")).to_have_text("0")
    page.get_by_label("Select all on this page").check()
    expect(bar.locator("[data-bulk-count]")).to_have_text("2")
    page.get_by_label("Add tags").fill("launch, q3")
    page.get_by_label("Add facet values").select_option(label="Retail")
    page.screenshot(path="/tmp/quiver-categorize-bulk.png", full_page=True)
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.locator(".messages")).to_contain_text("Changed 2 assets.")
    for asset in (first, second):
        assert {"launch", "q3"} <= set(asset.tags.values_list("name", flat=True))
        assert AssetFacetValue.objects.filter(asset=asset, value__name="Retail").exists()
    assert page.csp_violations == []


def test_bulk_retag_from_search_results(page, login, suggested):
    """Ticking a result must not run the search again (the boxes sit inside the search form)."""
    first, second = suggested
    login("emma", "pw-editor-123")
    page.goto("/search/?q=pricing")
    expect(page.locator(".hit")).to_have_count(2)
    url = page.url
    page.locator(f'.hit[data-asset="{first.pk}"] [data-bulk-select]').check()
    expect(page.locator("#bulk-form [data-bulk-count]")).to_have_text("1")
    page.wait_for_timeout(500)  # an unwanted instant search would have replaced the results by now
    assert page.url == url
    expect(page.locator(f'.hit[data-asset="{first.pk}"] [data-bulk-select]')).to_be_checked()
    page.get_by_label("Remove tags").fill("nothing-here")
    page.get_by_label("Add tags").fill("from-search")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.locator(".messages")).to_contain_text("Changed 1 asset.")
    assert "q=pricing" in page.url  # back on the same results
    assert first.tags.filter(name="from-search").exists() and not second.tags.filter(name="from-search").exists()
    page.goto(first.get_absolute_url())
    page.screenshot(path="/tmp/quiver-categorize-asset.png", full_page=True)
    assert page.csp_violations == []


def test_accept_all_of_an_asset_with_shift_a(page, login, suggested):
    first, second = suggested
    login("emma", "pw-editor-123")
    page.goto("/categorize/queue/")
    page.keyboard.press("j")
    page.keyboard.press("Shift+A")
    expect(page.locator(f"#qa-{first.pk} .q-sugg.is-decided")).to_have_count(3)
    expect(page.locator(f"#qa-{second.pk}")).to_have_class(re.compile(r"\bis-current\b"))  # on to the next
    expect(page.locator("#queue-remaining")).to_have_text("1")
    assert not Suggestion.objects.filter(asset=first, status=SuggestionStatus.PENDING).exists()
    assert set(first.tags.values_list("name", flat=True)) == {"pricing", "onboarding"}
    assert Suggestion.objects.get(asset=second).status == SuggestionStatus.PENDING
