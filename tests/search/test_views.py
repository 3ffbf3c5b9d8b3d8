"""The search page through the Django test client: results, snippets, facets, filters, sort, paging, escaping."""

import re

import pytest
from django.urls import reverse

from quiver.search.models import SearchClick, SearchLog

pytestmark = pytest.mark.django_db
URL = reverse("search:search")


def hits(response) -> list[int]:
    return [int(x) for x in re.findall(r'class="hit" data-asset="(\d+)"', response.content.decode())]


def facet_counts(response, field: str) -> dict[str, int]:
    html = response.content.decode()
    block = re.search(rf'data-facet="{field}">(.*?)</fieldset>', html, re.DOTALL)
    if not block:
        return {}
    return {
        value: int(count)
        for value, count in re.findall(
            r'value="([^"]*)"[^>]*>\s*<span class="facet-label">[^<]*</span> <span class="facet-count">(\d+)</span>',
            block.group(1),
        )
    }


def test_full_text_results_snippet_and_page(client, viewer, library):
    client.force_login(viewer)
    response = client.get(URL, {"q": "zephyr plan"})
    assert response.status_code == 200
    deck = library["assets"]["deck"]
    assert hits(response) == [deck.pk]
    html = response.content.decode()
    assert "<mark>zephyr</mark>" in html.lower() and "page 3" in html
    log = SearchLog.objects.get()
    assert (log.query, log.result_count, log.user) == ("zephyr plan", 1, viewer)
    assert f"{reverse('search:click', args=[log.pk])}?asset={deck.pk}&amp;position=1&amp;page=3" in html


def test_click_is_logged_and_opens_the_matched_page(client, viewer, library):
    client.force_login(viewer)
    client.get(URL, {"q": "zephyr"})
    log = SearchLog.objects.get()
    deck = library["assets"]["deck"]
    response = client.get(reverse("search:click", args=[log.pk]), {"asset": deck.pk, "position": 1, "page": 3})
    assert response.status_code == 302 and response["Location"] == f"/assets/{deck.pk}/?page=3"
    click = SearchClick.objects.get()
    assert (click.search_id, click.asset_id, click.position, click.page) == (log.pk, deck.pk, 1, 3)
    hidden = library["assets"]["secret"]
    assert client.get(reverse("search:click", args=[log.pk]), {"asset": hidden.pk, "position": 2}).status_code == 404
    assert SearchClick.objects.count() == 1


def test_hidden_and_draft_assets_never_appear_nor_count(client, viewer, editor, admin_user, library):
    a = library["assets"]
    client.force_login(viewer)
    response = client.get(URL, {"q": "pricing"})
    assert set(hits(response)) == {a["deck"].pk, a["roi"].pk, a["case"].pk, a["battle"].pk}
    tags = facet_counts(response, "tag")
    assert "board" not in tags and tags["pricing"] == 2  # roi, battle (not the draft, not the secret)
    assert facet_counts(response, "industry") == {"Healthcare": 2, "Retail": 1}
    assert str(library["secret"].pk) not in facet_counts(response, "collection")
    client.force_login(editor)
    assert a["draft"].pk in hits(client.get(URL, {"q": "pricing"}))
    assert a["secret"].pk not in hits(client.get(URL, {"q": "pricing"}))
    client.force_login(admin_user)
    assert a["secret"].pk in hits(client.get(URL, {"q": "pricing"}))


def test_facet_counts_equal_the_results_of_selecting_each_value(client, viewer, library):
    """Brute force through the UI: each shown count is the number of results after selecting that value."""
    client.force_login(viewer)
    for base in ({"q": "pricing"}, {"q": "pricing", "industry": "Healthcare"}, {"q": ""}, {"topic": "ROI"}):
        page = client.get(URL, base)
        for field in ("topic", "industry", "tag", "asset_type", "collection"):
            for value, count in facet_counts(page, field).items():
                params = {k: v for k, v in base.items() if k != field}
                params[field] = value
                narrowed = client.get(URL, params)
                total = int(re.search(r'id="search-count"[^>]*>(\d+) result', narrowed.content.decode()).group(1))
                assert total == count, (base, field, value)


def test_filters_and_across_fields_or_within_one(client, viewer, library):
    a = library["assets"]
    client.force_login(viewer)
    assert set(hits(client.get(URL, {"topic": "ROI"}))) == {a["roi"].pk, a["case"].pk}
    assert set(hits(client.get(URL, {"topic": "ROI", "industry": "Retail"}))) == {a["roi"].pk}
    both = client.get(URL + "?industry=Retail&industry=Healthcare")
    assert set(hits(both)) == {a["roi"].pk, a["case"].pk, a["deck"].pk}
    assert set(hits(client.get(URL, {"asset_type": "battlecard"}))) == {a["battle"].pk}
    # counts of a field with a selected value ignore that field's own selection (values can be added)
    assert facet_counts(client.get(URL, {"industry": "Retail"}), "industry") == {"Healthcare": 2, "Retail": 1}


def test_sort_newest_and_updated(client, viewer, library):
    import datetime as dt

    from quiver.library.models import Asset
    from quiver.search.services import index_assets

    a = library["assets"]
    t0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    order = ["deck", "roi", "case", "battle"]  # created in this order; updated in the reverse order
    for i, key in enumerate(order):
        Asset.objects.filter(pk=a[key].pk).update(
            created_at=t0 + dt.timedelta(days=i), updated_at=t0 + dt.timedelta(days=10 - i)
        )
    index_assets([a[k].pk for k in order])
    client.force_login(viewer)
    assert hits(client.get(URL, {"q": "pricing", "sort": "newest"})) == [a[k].pk for k in reversed(order)]
    assert hits(client.get(URL, {"q": "pricing", "sort": "updated"})) == [a[k].pk for k in order]
    assert hits(client.get(URL, {"q": "pricing", "sort": "bogus"}))  # unknown sorts fall back to relevance


def test_paging(client, viewer, library):
    client.force_login(viewer)
    first = client.get(URL, {"q": ""})  # the bare page lists everything visible, newest update first
    assert len(hits(first)) == 4
    from quiver.search import views

    views.PAGE_SIZE, old = 3, views.PAGE_SIZE
    try:
        one, two = client.get(URL, {"q": "pricing"}), client.get(URL, {"q": "pricing", "page": 2})
    finally:
        views.PAGE_SIZE = old
    assert len(hits(one)) == 3 and len(hits(two)) == 1 and not set(hits(one)) & set(hits(two))
    assert 'rel="next"' in one.content.decode() and 'rel="prev"' in two.content.decode()


def test_user_text_is_escaped(client, viewer, library):
    client.force_login(viewer)
    evil = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'
    html = client.get(URL, {"q": evil, "topic": "<b>x</b>"}).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>x</b>" not in html


def test_htmx_returns_only_the_results(client, viewer, library):
    client.force_login(viewer)
    response = client.get(URL, {"q": "zephyr"}, headers={"HX-Request": "true", "HX-Target": "search-results"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="search-results"') and "<html" not in html
    assert hits(response) == [library["assets"]["deck"].pk]


def test_search_within_a_collection(client, viewer, library):
    a = library["assets"]
    client.force_login(viewer)
    inside = client.get(URL, {"q": "pricing", "in": library["products"].pk})
    assert set(hits(inside)) == {a["deck"].pk, a["case"].pk}
    assert "Search in Products" in inside.content.decode()
    root = a["roi"].collections.get()
    assert len(hits(client.get(URL, {"q": "pricing", "in": root.pk}))) == 4  # the root and below
    assert client.get(URL, {"q": "pricing", "in": library["secret"].pk}).status_code == 404
    page = client.get(reverse("library:collection", args=[library["products"].pk])).content.decode()
    assert f'name="in" value="{library["products"].pk}"' in page


def test_query_count_does_not_grow_with_the_results(client, viewer, library):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(viewer)
    with CaptureQueriesContext(connection) as few:
        assert len(hits(client.get(URL, {"q": "zephyr"}))) == 1
    with CaptureQueriesContext(connection) as many:
        assert len(hits(client.get(URL, {"q": "pricing", "industry": "Healthcare", "topic": "ROI"}))) >= 1

    def app_queries(ctx):  # the PostgreSQL engine's own queries aside (one per search, filtered fields add one)
        engine = ("search_document", "search_page", "search_lexeme", "SAVEPOINT", "SET LOCAL", "to_tsquery")
        return [q["sql"] for q in ctx.captured_queries if not any(word in q["sql"] for word in engine)]

    assert len(app_queries(many)) == len(app_queries(few)) <= 14, "\n".join(q[:150] for q in app_queries(many))


def test_document_text_is_escaped_in_titles_and_snippets(
    client, viewer, editor, root, search_index, django_capture_on_commit_callbacks
):
    from quiver.library import services

    with django_capture_on_commit_callbacks(execute=True):
        services.create_asset(
            editor,
            title="<img src=x onerror=alert(1)> Quagga",
            link_url="https://example.com/q",
            description='<script>alert("quagga")</script> quagga & <b>bold</b>',
            collections=[root],
        )
    client.force_login(viewer)
    html = client.get(URL, {"q": "quagga"}).content.decode()
    assert len(hits(client.get(URL, {"q": "quagga"}))) == 1
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
    assert "&lt;script&gt;" in html and "<mark>quagga</mark>" in html.lower()
