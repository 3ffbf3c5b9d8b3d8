"""In Chromium: an editor writes a matching rule, tests it against a text, saves it, applies the rules to the
library in the background and follows the progress to the review queue."""

import re

import pytest
from playwright.sync_api import expect

from quiver.categorize.models import BulkRun, BulkRunStatus, MatchingRule
from quiver.library import services
from quiver.library.models import Collection
from quiver.taxonomy.models import AssetFacetValue, FacetField, FacetValue


@pytest.fixture
def catalog(users):
    from quiver.taxonomy.seed import seed

    seed(FacetField, FacetValue)  # the live server's database is flushed between tests
    root = Collection.objects.get(parent=None, name="Library")
    return services.create_asset(
        users["editor"],
        title="Store rollout guide",
        link_url="https://example.com/s",
        description="How retail chains roll out the platform.",
        collections=[root],
    )


def test_write_test_save_and_apply_a_rule(page, login, catalog):
    login("emma", "pw-editor-123")
    page.get_by_role("link", name="Suggestions", exact=True).click()
    page.get_by_role("link", name="Matching rules").click()
    page.get_by_label("Field").select_option(label="Industry")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Edit the rule of Retail").click()
    expect(page.get_by_text("No rule yet")).to_be_visible()

    page.get_by_label("Algorithm").select_option("exact")
    page.get_by_label("Pattern").fill("retail chains")
    page.get_by_label("Text to test against").fill("Our Retail  Chains grew fast.")
    page.get_by_role("button", name="Test").click()
    result = page.locator("#rule-test-result")
    expect(result).to_contain_text("Matches")
    expect(result).to_contain_text("Retail  Chains")
    page.get_by_label("Text to test against").fill("Nothing relevant here.")
    page.get_by_role("button", name="Test").click()
    expect(result).to_contain_text("No match")

    page.get_by_role("button", name="Save rule").click()
    expect(page.locator(".messages")).to_contain_text("Rule of “Retail” saved.")
    rule = MatchingRule.objects.get(facet_value__name="Retail")
    assert (rule.algorithm, rule.pattern, rule.updated_by.username) == ("exact", "retail chains", "emma")

    page.get_by_role("link", name="Matching rules").first.click()
    page.get_by_role("button", name="Apply rules to the library").click()
    page.wait_for_url(re.compile(r"/categorize/runs/\d+/"))
    expect(page.locator("#run-progress")).to_contain_text("Done")
    expect(page.locator("#run-progress progress")).to_have_attribute("value", "1")
    run = BulkRun.objects.get()
    assert run.status == BulkRunStatus.DONE and run.done == run.total == 1 and run.applied == 1
    assert AssetFacetValue.objects.get(asset=catalog, value__name="Retail").source == "rule"
    page.get_by_role("link", name="Review the suggestions").click()
    page.wait_for_url(re.compile(r"/categorize/queue/"))
    page.goto(catalog.get_absolute_url())
    expect(page.locator("#cat-panel [data-auto]")).to_contain_text("Retail")
    page.locator("#cat-panel").get_by_role("button", name="Revert Retail (Industry)").click()
    expect(page.locator("#cat-panel")).to_contain_text("Reverted: Retail.")
    assert not AssetFacetValue.objects.filter(asset=catalog, value__name="Retail").exists()
    assert page.csp_violations == []
