"""In Chromium: save the search on screen (its state after instant search changed it), run it again; search from
a collection page within that collection."""

import re

import pytest
from playwright.sync_api import expect

from quiver.library import services
from quiver.library.models import Collection
from quiver.search.models import SavedSearch


@pytest.fixture
def links(users):
    root = Collection.objects.get(parent=None, name="Library")
    from quiver.accounts.services import create_user

    admin = create_user("root-admin", "admin", "pw-admin-123")
    partners = services.create_collection(admin, name="Partners", parent=root)
    editor = users["editor"]
    made = {}
    for key, title, where, tags in [
        ("a", "Heron partner guide", partners, ["partner"]),
        ("b", "Heron pricing sheet", root, ["pricing"]),
        ("c", "Heron onboarding kit", partners, ["onboarding"]),
    ]:
        made[key] = services.create_asset(
            editor, title=title, link_url=f"https://example.com/{key}", collections=[where], tags=tags
        )
    return {"partners": partners, **made}


def test_save_the_search_on_screen_and_run_it(page, login, links):
    login("sam", "pw-viewer-123")
    page.goto("/search/")
    page.locator("#search-q").press_sequentially("heron", delay=30)
    expect(page.locator(".hit")).to_have_count(3)
    page.locator('fieldset[data-facet="tag"]').get_by_label(re.compile("partner")).check()
    expect(page.locator(".hit")).to_have_count(1)
    page.get_by_label("Name").fill("Heron partners")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/search/\?q=heron&tag=partner$"))
    assert SavedSearch.objects.get().params == "q=heron&tag=partner"
    page.goto("/search/saved/")
    page.get_by_role("link", name="Heron partners").click()
    expect(page.locator(".hit")).to_have_count(1)
    expect(page.locator(".hit-title")).to_have_text("Heron partner guide")
    assert not page.csp_violations


def test_search_within_a_collection_from_its_page(page, login, links):
    login("sam", "pw-viewer-123")
    page.goto(f"/collections/{links['partners'].pk}/")
    page.get_by_label("Search in this collection and below").fill("heron")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(rf"/search/\?.*in={links['partners'].pk}"))
    expect(page.get_by_role("heading", name="Search in Partners")).to_be_visible()
    expect(page.locator(".hit")).to_have_count(2)  # not the pricing sheet in the library root
    page.locator("#search-q").fill("heron kit")  # instant search keeps the scope
    expect(page.locator(".hit")).to_have_count(1)
    assert f"in={links['partners'].pk}" in page.url
