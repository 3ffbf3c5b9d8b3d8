"""The asset page panel and its accept / reject / revert routes, per role (web UI of issue 4 §3)."""

import pytest
from django.test import Client
from django.urls import reverse

from quiver.accounts.services import create_user
from quiver.categorize.models import Suggestion, SuggestionStatus
from quiver.library import services as library
from quiver.taxonomy.models import AssetFacetValue

from .conftest import rule, run


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def suggested(ingest, editor):
    """An asset with two pending suggestions (manual-only rules: never applied, only suggested) and one value
    applied automatically by a rule."""
    rule("tags", "pricing", "any", "pricing", manual_only=True)
    rule("industry", "Retail", "exact", "retail stores", manual_only=True)
    rule("tags", "security", "any", "encryption")
    asset = library.update_asset(
        editor,
        ingest(["Intro", "Our pricing for retail stores", "Encryption at rest"], title="Retail pricing deck"),
        status="published",
    )
    run(asset)
    return asset


def _pending(asset):
    return {(s.field, s.value) for s in Suggestion.objects.filter(asset=asset, status=SuggestionStatus.PENDING)}


def test_editor_sees_suggestions_with_evidence_and_page_links(suggested, editor):
    body = _client(editor).get(suggested.get_absolute_url()).content.decode()
    assert 'id="cat-panel"' in body
    assert 'data-suggestion="tags:pricing"' in body and 'data-suggestion="industry:Retail"' in body
    assert f"{suggested.get_absolute_url()}?page=2" in body  # the evidence links to the page it was found on
    assert "“pricing”" in body or "“Pricing”" in body
    assert 'data-auto="tags:security"' in body and ">Revert<" in body  # applied by a rule: marked, revertible
    assert "Who assigned what" in body
    assert "by the matching rule" in body  # security: put there by its rule
    assert "from the asset&#x27;s own field" in body  # asset type and language follow the asset's fields


def test_viewer_sees_history_but_no_suggestions_or_buttons(suggested, viewer, root):
    from django.contrib.auth.models import Group

    viewer.groups.add(Group.objects.get(name="Sales"))
    response = _client(viewer).get(suggested.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Who assigned what" in body and "security" in body
    assert "data-suggestion=" not in body and ">Accept<" not in body and ">Revert<" not in body


def test_accept_by_plain_post_assigns_and_redirects(suggested, editor):
    url = reverse("categorize:accept", args=[suggested.pk])
    response = _client(editor).post(url, {"field": "industry", "value": "Retail"})
    assert response.status_code == 302 and response.url == suggested.get_absolute_url()
    assignment = AssetFacetValue.objects.get(asset=suggested, value__name="Retail")
    assert assignment.assigned_by == editor
    assert ("industry", "Retail") not in _pending(suggested)


def test_reject_by_htmx_redraws_the_panel(suggested, editor):
    url = reverse("categorize:reject", args=[suggested.pk])
    response = _client(editor).post(url, {"field": "tags", "value": "pricing"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="cat-panel"')  # the panel alone, no stylesheet again
    assert "Rejected: pricing." in body and 'data-suggestion="tags:pricing"' not in body
    assert Suggestion.objects.get(asset=suggested, tag__name="pricing").status == SuggestionStatus.REJECTED
    assert not suggested.tags.filter(name="pricing").exists()


def test_revert_takes_the_automatic_value_off(suggested, editor):
    assert suggested.tags.filter(name="security").exists()
    response = _client(editor).post(
        reverse("categorize:revert", args=[suggested.pk]), {"field": "tags", "value": "security"}
    )
    assert response.status_code == 302
    assert not suggested.tags.filter(name="security").exists()
    assert Suggestion.objects.get(asset=suggested, tag__name="security").status == SuggestionStatus.REVERTED


def test_unknown_value_is_refused_without_change(suggested, editor):
    client = _client(editor)
    response = client.post(
        reverse("categorize:accept", args=[suggested.pk]), {"field": "tags", "value": "nope"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Nothing changed" in response.content.decode()
    assert client.post(reverse("categorize:accept", args=[suggested.pk]), {"field": "tags"}).status_code == 400
    assert _pending(suggested) == {("tags", "pricing"), ("industry", "Retail")}


@pytest.mark.parametrize("action", ["accept", "reject", "revert"])
def test_viewer_is_refused_and_outsider_gets_404(suggested, viewer, action):
    from django.contrib.auth.models import Group

    viewer.groups.add(Group.objects.get(name="Sales"))
    outsider = create_user("olly", "editor", "pw-olly-123")
    outsider.groups.clear()
    url = reverse(f"categorize:{action}", args=[suggested.pk])
    data = {"field": "tags", "value": "security" if action == "revert" else "pricing"}
    assert _client(viewer).post(url, data).status_code == 403
    assert _client(outsider).post(url, data).status_code == 404
    assert Client().post(url, data).status_code == 302  # to the login page
    assert _pending(suggested) == {("tags", "pricing"), ("industry", "Retail")}
    assert suggested.tags.filter(name="security").exists()


def test_panel_route_follows_visibility(suggested, editor):
    outsider = create_user("olly", "editor", "pw-olly-123")
    outsider.groups.clear()
    url = reverse("categorize:panel", args=[suggested.pk])
    assert 'data-suggestion="tags:pricing"' in _client(editor).get(url).content.decode()
    assert _client(outsider).get(url).status_code == 404
