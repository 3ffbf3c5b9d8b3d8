"""The suggestions review queue: only editable assets, grouped by asset, filters, single / per-asset / bulk
decisions (plain POST and htmx), refusals per role."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from quiver.categorize.models import Suggestion, SuggestionStatus
from quiver.library import services as library
from quiver.taxonomy.models import FacetValue

from .conftest import rule, run

QUEUE, DECIDE = reverse("categorize:queue"), reverse("categorize:queue_decide")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(ingest, editor, admin_user, root):
    rule("tags", "pricing", "any", "pricing", manual_only=True)
    rule("tags", "onboarding", "fuzzy", "customer onboarding", manual_only=True)
    rule("industry", "Retail", "any", "retail", manual_only=True)
    secret = library.create_collection(admin_user, name="Board room", parent=None)
    mine = ingest(["Pricing for retail", "Customer onboarding steps"], title="Retail pricing")
    other = ingest(["Pricing notes"], title="Pricing notes")
    hidden = ingest(["Pricing for the board"], title="Hidden plan", user=admin_user, collections=[secret])
    for asset in (mine, other, hidden):
        run(asset)
    return {"mine": mine, "other": other, "hidden": hidden, "secret": secret}


def _status(asset, tag=None, value=None):
    qs = Suggestion.objects.filter(asset=asset)
    return (qs.get(tag__name=tag) if tag else qs.get(facet_value__name=value)).status


def test_queue_lists_only_editable_assets_grouped(world, editor, admin_user):
    body = _client(editor).get(QUEUE).content.decode()
    assert f'id="qa-{world["mine"].pk}"' in body and f'id="qa-{world["other"].pk}"' in body
    assert "Hidden plan" not in body and f"{world['hidden'].pk}:tags:pricing" not in body
    assert f'value="{world["mine"].pk}:industry:Retail"' in body  # the item identity of the forms
    assert "data-queue" in body and "shortcut-help" in body and "<kbd>j</kbd>" in body
    retail = FacetValue.objects.get(field__slug="industry", name="Retail")
    assert reverse("categorize:rule_value", args=[retail.pk]) in body  # a rule's suggestion links to the rule
    assert "Hidden plan" in _client(admin_user).get(QUEUE).content.decode()


def test_queue_filters(world, editor, root):
    client = _client(editor)
    body = client.get(QUEUE, {"field": "industry"}).content.decode()
    assert f"{world['mine'].pk}:industry:Retail" in body and ":tags:pricing" not in body
    body = client.get(QUEUE, {"min_confidence": "100", "field": "tags"}).content.decode()
    assert f"{world['mine'].pk}:tags:pricing" in body
    assert ":tags:onboarding" not in body or "100%" in body  # fuzzy matches under 100% are filtered out
    sub = library.create_collection(editor, name="Sub", parent=root)
    library.update_asset(editor, world["other"], collections=[sub])
    body = client.get(QUEUE, {"collection": sub.pk}).content.decode()
    assert f'id="qa-{world["other"].pk}"' in body and f'id="qa-{world["mine"].pk}"' not in body
    assert "Nothing to review" in client.get(QUEUE, {"source": "detector"}).content.decode()


def test_single_accept_with_htmx_returns_the_decided_row(world, editor):
    item = f"{world['mine'].pk}:tags:pricing"
    response = _client(editor).post(
        DECIDE, {"accept": item, "item": [f"{world['other'].pk}:tags:pricing"]}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "is-decided" in body and "just-decided" in body and "Accepted" in body
    assert world["mine"].tags.filter(name="pricing").exists()
    assert _status(world["other"], tag="pricing") == SuggestionStatus.PENDING  # the ticked item is not decided


def test_a_refused_htmx_decision_says_why_in_place(world, editor):
    client = _client(editor)
    item = f"{world['mine'].pk}:tags:pricing"
    client.post(DECIDE, {"reject": item})
    response = client.post(DECIDE, {"accept": item}, HTTP_HX_REQUEST="true")  # decided already (another tab)
    body = response.content.decode()
    assert response.status_code == 200 and "Nothing changed" in body and 'role="alert"' in body
    assert not world["mine"].tags.filter(name="pricing").exists()


def test_single_reject_plain_post_goes_back_to_the_filtered_queue(world, editor):
    response = _client(editor).post(
        DECIDE, {"reject": f"{world['mine'].pk}:industry:Retail", "next": QUEUE + "?field=industry"}
    )
    assert response.status_code == 302 and response.url == QUEUE + "?field=industry"
    assert _status(world["mine"], value="Retail") == SuggestionStatus.REJECTED
    response = _client(editor).post(
        DECIDE, {"reject": f"{world['mine'].pk}:tags:pricing", "next": "https://evil.example/"}
    )
    assert response.url == QUEUE  # never off-site


def test_accept_all_for_an_asset(world, editor):
    response = _client(editor).post(DECIDE, {"accept_asset": world["mine"].pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and f'id="qa-{world["mine"].pk}"' in response.content.decode()
    assert not Suggestion.objects.filter(asset=world["mine"], status=SuggestionStatus.PENDING).exists()
    assert set(world["mine"].tags.values_list("name", flat=True)) >= {"pricing"}


def test_bulk_decision_skips_what_the_user_may_not_edit(world, editor):
    items = [
        f"{world['mine'].pk}:tags:pricing",
        f"{world['other'].pk}:tags:pricing",
        f"{world['hidden'].pk}:tags:pricing",
        "garbage",
    ]
    client = _client(editor)
    response = client.post(DECIDE, {"decision": "reject", "item": items}, follow=True)
    assert "Rejected 2 suggestions, skipped 1." in response.content.decode()
    assert _status(world["mine"], tag="pricing") == SuggestionStatus.REJECTED
    assert _status(world["hidden"], tag="pricing") == SuggestionStatus.PENDING
    assert client.post(DECIDE, {"decision": "maybe", "item": items}).status_code == 400


def test_deciding_on_an_invisible_asset_is_404(world, editor):
    response = _client(editor).post(DECIDE, {"accept": f"{world['hidden'].pk}:tags:pricing"})
    assert response.status_code == 404
    assert _client(editor).post(DECIDE, {"accept_asset": world["hidden"].pk}).status_code == 404
    assert _status(world["hidden"], tag="pricing") == SuggestionStatus.PENDING


def test_viewers_never_reach_the_queue(world, viewer):
    viewer.groups.add(Group.objects.get(name="Sales"))
    client = _client(viewer)
    assert client.get(QUEUE).status_code == 403
    assert client.post(DECIDE, {"accept": f"{world['mine'].pk}:tags:pricing"}).status_code == 403
    assert client.post(DECIDE, {"decision": "accept", "item": [f"{world['mine'].pk}:tags:pricing"]}).status_code == 403
    assert _status(world["mine"], tag="pricing") == SuggestionStatus.PENDING
    assert "Suggestions</a>" not in client.get("/").content.decode()


def test_nav_link_for_editors(world, editor):
    assert f'href="{QUEUE}"' in _client(editor).get("/").content.decode()


def test_queue_query_count_does_not_grow_with_assets(world, editor, ingest, django_assert_max_num_queries):
    client = _client(editor)
    client.get(QUEUE)
    for i in range(4):
        run(ingest([f"Pricing sheet {i} for retail"], title=f"Sheet {i}"))
    with django_assert_max_num_queries(20):
        response = client.get(QUEUE)
    assert response.content.decode().count("data-q-asset") == 6
