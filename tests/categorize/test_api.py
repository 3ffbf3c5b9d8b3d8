"""The categorization API: suggestions with evidence and page, decisions, rules CRUD, runs, training status;
what a user cannot see is a 404 and never named."""

import pytest

from quiver.categorize.models import FieldPolicy, MatchingRule, Suggestion
from quiver.library import services as library

from .conftest import rule, run


@pytest.fixture
def deck(ingest):
    FieldPolicy.objects.create(field="tags", auto_threshold=1.01)
    rule("tags", "banking", "any", "banking insurance")
    asset = ingest(["Corvana overview", "Made for retail banking"], title="Bank deck")
    run(asset)
    return asset


def test_suggestions_carry_confidence_evidence_and_page(deck, editor, api):
    body = api(editor).get(f"/api/v1/assets/{deck.pk}/suggestions").json()
    assert body == [
        {
            "field": "tags",
            "value": "banking",
            "confidence": 1.0,
            "page": 2,
            "source": "rule",
            "status": "pending",
            "evidence": [{"text": "banking", "page": 2}],
        }
    ]


def test_accept_and_reject_through_the_api(deck, editor, api):
    client = api(editor)
    url = f"/api/v1/assets/{deck.pk}/suggestions"
    response = client.post(f"{url}/accept", {"field": "tags", "value": "banking"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert deck.tags.filter(name="banking").exists()
    assert client.get(url).json() == []
    response = client.post(f"{url}/reject", {"field": "tags", "value": "Banking"}, content_type="application/json")
    assert response.status_code == 200  # a manual value stays; the refusal is remembered
    assert Suggestion.objects.get(asset=deck).status == "rejected"


def test_a_viewer_reads_but_may_not_decide(deck, viewer, api):
    client = api(viewer)
    assert len(client.get(f"/api/v1/assets/{deck.pk}/suggestions").json()) == 1
    response = client.post(
        f"/api/v1/assets/{deck.pk}/suggestions/accept",
        {"field": "tags", "value": "banking"},
        content_type="application/json",
    )
    assert response.status_code == 403 and not deck.tags.exists()


def test_hidden_assets_are_not_found_and_never_named(ingest, admin_user, editor, api):
    secret = library.create_collection(admin_user, name="Board", parent=None)
    rule("tags", "merger", "any", "merger", manual_only=True)
    hidden = ingest(["the merger plan"], title="Merger plan", user=admin_user, collections=[secret])
    run(hidden)
    client = api(editor)
    for path in ("suggestions", "suggestions/accept", "suggestions/reject", "suggestions/revert"):
        method = client.get if path == "suggestions" else client.post
        response = method(
            f"/api/v1/assets/{hidden.pk}/{path}",
            *([] if path == "suggestions" else [{"field": "tags", "value": "merger"}]),
            content_type="application/json",
        )
        assert response.status_code == 404, path
    assert "Merger plan" not in client.get("/api/v1/taxonomy/suggestions").content.decode()
    assert "Merger plan" in api(admin_user).get("/api/v1/taxonomy/suggestions").content.decode()
    assert Suggestion.objects.get(asset=hidden).status == "pending"


def test_rules_crud(editor, api):
    client = api(editor)
    response = client.post(
        "/api/v1/taxonomy/rules",
        {
            "field": "industry",
            "value": "retail",
            "algorithm": "all",
            "pattern": 'stores "point of sale"',
            "case_sensitive": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["field"], created["value"], created["algorithm"]) == ("industry", "Retail", "all")
    url = f"/api/v1/taxonomy/rules/{created['id']}"
    assert client.get(url).json()["pattern"] == 'stores "point of sale"'
    assert client.patch(url, {"manual_only": True}, content_type="application/json").json()["manual_only"]
    assert [r["id"] for r in client.get("/api/v1/taxonomy/rules?field=industry").json()] == [created["id"]]
    again = client.post(
        "/api/v1/taxonomy/rules", {"field": "industry", "value": "Retail"}, content_type="application/json"
    )
    assert again.status_code == 400
    assert client.delete(url).status_code == 204
    assert not MatchingRule.objects.exists()


def test_a_rule_on_a_new_tag_creates_the_tag(editor, api):
    response = api(editor).post(
        "/api/v1/taxonomy/rules",
        {"field": "tags", "value": "  Q3  launch ", "algorithm": "exact", "pattern": "q3 launch"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["value"] == "Q3 launch"


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"field": "tags", "value": "x", "algorithm": "regex", "pattern": r"(\w+)\s\1"}, "pattern"),
        ({"field": "tags", "value": "x", "algorithm": "regex", "pattern": "(?<=a)b"}, "pattern"),
        ({"field": "tags", "value": "x", "algorithm": "any", "pattern": "   "}, "pattern"),
        ({"field": "nope", "value": "x", "algorithm": "any", "pattern": "a"}, "field"),
        ({"field": "industry", "value": "Nowhere", "algorithm": "any", "pattern": "a"}, "value"),
    ],
)
def test_bad_rules_are_refused_with_a_reason(editor, api, payload, field):
    response = api(editor).post("/api/v1/taxonomy/rules", payload, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()["detail"]
    assert not MatchingRule.objects.exists()


def test_the_regex_refusal_says_why(editor, api):
    response = api(editor).post(
        "/api/v1/taxonomy/rules",
        {"field": "tags", "value": "x", "algorithm": "regex", "pattern": r"(a)\1"},
        content_type="application/json",
    )
    assert "RE2" in response.json()["detail"]["pattern"][0]


def test_bulk_run_through_the_api(ingest, editor, api, django_capture_on_commit_callbacks):
    assets = [ingest(["retail banking"], title=f"A{i}") for i in range(2)]
    rule("tags", "banking", "any", "banking")
    client = api(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/taxonomy/runs", {"kind": "rules"}, content_type="application/json")
    assert response.status_code == 202 and response.json()["total"] == 2
    status = client.get(f"/api/v1/taxonomy/runs/{response.json()['id']}").json()
    assert (status["status"], status["done"], status["percent"], status["applied"]) == ("done", 2, 100, 2)
    assert all(a.tags.filter(name="banking").exists() for a in assets)


def test_thresholds_through_the_api(admin_user, editor, api):
    response = api(admin_user).patch(
        "/api/v1/taxonomy/policies",
        {"field": "tags", "auto_threshold": 0.8, "suggest_threshold": 0.2},
        content_type="application/json",
    )
    assert response.json() == {"field": "tags", "auto_threshold": 0.8, "suggest_threshold": 0.2}
    bad = api(admin_user).patch(
        "/api/v1/taxonomy/policies", {"field": "tags", "suggest_threshold": 0.9}, content_type="application/json"
    )
    assert bad.status_code == 400  # above the auto threshold
    fields = {p["field"] for p in api(editor).get("/api/v1/taxonomy/policies").json()}
    assert fields == {"*", "tags"}


def test_training_status(editor, api):
    response = api(editor).get("/api/v1/taxonomy/training")
    assert response.status_code == 200
    assert "trained_at" in response.json()


def test_applied_values_are_listed_on_request(ingest, editor, api):
    rule("tags", "banking", "any", "banking")
    asset = ingest(["retail banking"], title="Deck")
    run(asset)
    url = f"/api/v1/assets/{asset.pk}/suggestions"
    assert api(editor).get(url).json() == []
    [applied] = api(editor).get(url + "?include_applied=true").json()
    assert (applied["value"], applied["status"]) == ("banking", "auto_applied")
