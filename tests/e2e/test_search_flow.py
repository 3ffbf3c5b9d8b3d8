"""In Chromium: type a query (instant results), narrow by two facets, open the result at the matched page."""

import io
import re

import pytest
from playwright.sync_api import expect

from quiver.demo.files import make_pdf
from quiver.library import services
from quiver.library.models import Collection
from quiver.search.models import SearchClick, SearchLog


@pytest.fixture
def catalog(users):
    from quiver.accounts.services import create_user
    from quiver.taxonomy.models import FacetField, FacetValue
    from quiver.taxonomy.seed import seed
    from quiver.taxonomy.services import set_asset_facets

    seed(FacetField, FacetValue)  # the live server's database is flushed between tests: the seeded facets too
    admin = create_user("root-admin", "admin", "pw-admin-123")
    root = Collection.objects.get(parent=None, name="Library")
    editor = users["editor"]

    def pdf(name, pages):
        buf = io.BytesIO(make_pdf(pages))
        buf.name = name
        return buf

    made = {}
    for key, title, pages, facets in [
        (
            "target",
            "Falcon platform deck",
            ["Falcon overview", "Customers", "Falcon pricing for hospitals"],
            {"topic": ["Pricing"], "industry": ["Healthcare"]},
        ),
        ("retail", "Falcon retail deck", ["Falcon pricing for stores"], {"topic": ["Pricing"], "industry": ["Retail"]}),
        (
            "security",
            "Falcon security brief",
            ["Falcon keeps hospital data safe"],
            {"topic": ["Security"], "industry": ["Healthcare"]},
        ),
    ]:
        asset = services.create_asset(editor, title=title, file=pdf(f"{key}.pdf", pages), collections=[root])
        set_asset_facets(admin, asset, facets)
        made[key] = asset
    return made


def _count(page) -> int:
    return int(re.match(r"(\d+)", page.locator("#search-count").inner_text()).group(1))


def test_type_narrow_by_two_facets_and_open_the_matched_page(page, login, catalog):
    login("sam", "pw-viewer-123")
    page.get_by_role("link", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search/"))
    page.locator("#search-q").press_sequentially("falcon pricing", delay=30)  # instant results, no submit
    expect(page.locator("#search-count")).to_have_text(re.compile(r"^2 results"))
    expect(page.locator(".hit")).to_have_count(2)
    assert "q=falcon+pricing" in page.url
    expect(page.locator(".hit-snippet mark").first).to_be_visible()

    industry = page.locator('fieldset[data-facet="industry"]')
    expect(industry.get_by_text("Healthcare")).to_be_visible()
    industry.get_by_label(re.compile("Healthcare")).check()
    expect(page.locator(".hit")).to_have_count(1)
    page.locator('fieldset[data-facet="topic"]').get_by_label(re.compile("Pricing")).check()
    page.wait_for_url(re.compile(r"industry=Healthcare.*topic=Pricing"))
    expect(page.locator('fieldset[data-facet="topic"] input[value="Pricing"]')).to_be_checked()
    expect(page.locator(".hit")).to_have_count(1)
    hit = page.locator(".hit").first
    expect(hit).to_contain_text("page 3")
    page.screenshot(path="/tmp/quiver-search.png", full_page=True)

    hit.locator("a.hit-title").click()
    target = catalog["target"]
    page.wait_for_url(re.compile(rf"/assets/{target.pk}/\?page=3$"))
    expect(page.locator("[data-page-number]")).to_have_text("3")
    click = SearchClick.objects.get()
    assert (click.asset_id, click.position, click.page) == (target.pk, 1, 3)
    assert click.search.filters == {"industry": ["Healthcare"], "topic": ["Pricing"]}
    assert SearchLog.objects.filter(query="falcon pricing").exists()
    assert not page.csp_violations
