"""Saved searches: save, list, run, overwrite by name, delete; each user sees only their own."""

import pytest
from django.test import Client
from django.urls import reverse

from quiver.search.models import SavedSearch

pytestmark = pytest.mark.django_db


def test_save_list_run_delete(client, viewer, editor, search_index):
    client.force_login(viewer)
    response = client.post(
        reverse("search:saved"),
        {"name": "Retail ROI", "q": "roi", "industry": ["Retail"], "topic": ["ROI", "Pricing"], "sort": "newest"},
    )
    saved = SavedSearch.objects.get(user=viewer)
    assert saved.params == "q=roi&industry=Retail&topic=ROI&topic=Pricing&sort=newest"
    assert response.status_code == 302 and response["Location"] == "/search/?" + saved.params
    listing = client.get(reverse("search:saved")).content.decode()
    assert "Retail ROI" in listing
    run = client.get(reverse("search:saved_run", args=[saved.pk]))
    assert run["Location"] == "/search/?" + saved.params
    page = client.get(run["Location"]).content.decode()
    assert 'value="roi"' in page and "Retail ROI" in page
    client.post(reverse("search:saved"), {"name": "Retail ROI", "q": "roi calculator"})  # same name: replaced
    assert SavedSearch.objects.get(user=viewer).params == "q=roi+calculator"

    other = Client()  # someone else's saved search: not listed, not runnable, not deletable
    other.force_login(editor)
    assert "Retail ROI" not in other.get(reverse("search:saved")).content.decode()
    assert other.get(reverse("search:saved_run", args=[saved.pk])).status_code == 404
    assert other.post(reverse("search:saved_delete", args=[saved.pk])).status_code == 404

    client.force_login(viewer)
    assert client.post(reverse("search:saved_delete", args=[saved.pk])).status_code == 302
    assert not SavedSearch.objects.exists()


def test_nothing_to_save_and_no_name(client, viewer, search_index):
    client.force_login(viewer)
    client.post(reverse("search:saved"), {"name": "Empty"})
    client.post(reverse("search:saved"), {"name": "  ", "q": "x"})
    assert not SavedSearch.objects.exists()
