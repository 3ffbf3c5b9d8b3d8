"""Matching rule pages (editors and admins), the rule test preview, per-field thresholds (admins), applying the
rules to the library as a background run with progress."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from quiver.accounts.services import create_user
from quiver.categorize.models import (
    BulkRun,
    BulkRunStatus,
    FieldPolicy,
    MatchingRule,
    Suggestion,
)
from quiver.library import services as library
from quiver.library.models import Tag
from quiver.taxonomy.models import FacetValue

from .conftest import rule


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def viewer_in_sales(viewer):
    viewer.groups.add(Group.objects.get(name="Sales"))
    return viewer


def test_rule_list_shows_values_with_their_rules(db, editor):
    rule("industry", "Retail", "regex", r"\bretail(ers)?\b", case_sensitive=True, manual_only=True)
    body = _client(editor).get(reverse("categorize:rules"), {"field": "industry"}).content.decode()
    assert "Regular expression" in body and r"\bretail(ers)?\b" in body and "Learned (default)" in body
    retail = FacetValue.objects.get(field__slug="industry", name="Retail")
    assert reverse("categorize:rule_value", args=[retail.pk]) in body
    assert "Apply rules to the library" in body


def test_editor_creates_then_changes_then_removes_a_tag_rule(db, editor):
    tag = Tag.objects.create(name="pricing")
    url = reverse("categorize:rule_tag", args=[tag.pk])
    client = _client(editor)
    assert "No rule yet" in client.get(url).content.decode()
    response = client.post(url, {"algorithm": "any", "pattern": "pricing price", "manual_only": "on"})
    assert response.status_code == 302
    saved = MatchingRule.objects.get(tag=tag)
    assert (saved.algorithm, saved.pattern, saved.manual_only, saved.updated_by) == (
        "any",
        "pricing price",
        True,
        editor,
    )
    client.post(url, {"algorithm": "exact", "pattern": "price list"})
    saved.refresh_from_db()
    assert (saved.algorithm, saved.pattern, saved.manual_only) == ("exact", "price list", False)
    client.post(url, {"delete": "1"})
    assert not MatchingRule.objects.filter(tag=tag).exists()


def test_bad_regex_is_refused_with_a_reason(db, editor):
    retail = FacetValue.objects.get(field__slug="industry", name="Retail")
    response = _client(editor).post(
        reverse("categorize:rule_value", args=[retail.pk]), {"algorithm": "regex", "pattern": r"(a+)+\1"}
    )
    assert response.status_code == 400 and "RE2" in response.content.decode()
    assert not MatchingRule.objects.exists()


def test_rule_test_preview(db, editor):
    client = _client(editor)
    url = reverse("categorize:rule_test")
    response = client.post(
        url,
        {"algorithm": "fuzzy", "pattern": "customer onboarding", "text": "Our custommer onboarding guide"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "Matches" in body and "custommer onboarding" in body
    body = client.post(
        url, {"algorithm": "all", "pattern": "alpha beta", "text": "alpha only"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "No match" in body
    body = client.post(
        url, {"algorithm": "regex", "pattern": "(?<=x)y", "text": "xy"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "cannot be used" in body
    assert client.post(url, {"algorithm": "exact", "pattern": "x", "text": "x"}).status_code == 200  # no-JS page


def test_viewers_cannot_touch_rules(db, viewer_in_sales):
    tag = Tag.objects.create(name="pricing")
    client = _client(viewer_in_sales)
    assert client.get(reverse("categorize:rules")).status_code == 403
    assert (
        client.post(reverse("categorize:rule_tag", args=[tag.pk]), {"algorithm": "any", "pattern": "x"}).status_code
        == 403
    )
    assert (
        client.post(reverse("categorize:rule_test"), {"algorithm": "any", "pattern": "x", "text": "x"}).status_code
        == 403
    )
    assert client.post(reverse("categorize:run_start")).status_code == 403
    assert not MatchingRule.objects.exists() and not BulkRun.objects.exists()


def test_tag_rules_of_hidden_tags_are_404_for_editors(db, editor, admin_user):
    secret = library.create_collection(admin_user, name="Board room", parent=None)
    library.create_asset(
        admin_user, title="Hidden", link_url="https://example.com/h", collections=[secret], tags=["secret-tag"]
    )
    tag = Tag.objects.get(name="secret-tag")
    assert _client(editor).get(reverse("categorize:rule_tag", args=[tag.pk])).status_code == 404
    assert "secret-tag" not in _client(editor).get(reverse("categorize:rules")).content.decode()
    assert _client(admin_user).get(reverse("categorize:rule_tag", args=[tag.pk])).status_code == 200


def test_thresholds_are_for_admins(db, editor, admin_user):
    url = reverse("categorize:policies")
    assert _client(editor).get(url).status_code == 403
    assert _client(editor).post(url, {"tags-auto": "50", "tags-suggest": "10"}).status_code == 403
    client = _client(admin_user)
    page = client.get(url).content.decode()
    assert 'name="tags-auto"' in page and 'name="industry-suggest"' in page and 'value="90"' in page
    data = {}
    for name in [
        "tags",
        "asset-type",
        "topic",
        "product",
        "industry",
        "persona",
        "sales-stage",
        "region",
        "competitor",
        "language",
    ]:
        data[f"{name}-auto"], data[f"{name}-suggest"] = "90", "35"
    data.update({"tags-auto": "80", "tags-suggest": "20"})
    assert client.post(url, data).status_code == 302
    row = FieldPolicy.objects.get(field="tags")
    assert (row.auto_threshold, row.suggest_threshold) == (0.8, 0.2)
    assert not FieldPolicy.objects.filter(field="industry").exists()  # unchanged fields keep their defaults
    data.update({"industry-auto": "30", "industry-suggest": "60"})
    response = client.post(url, data)
    assert response.status_code == 400 and "cannot be above" in response.content.decode()
    assert not FieldPolicy.objects.filter(field="industry").exists()


def test_apply_rules_runs_in_the_background_with_progress(
    ingest, editor, admin_user, django_capture_on_commit_callbacks
):
    rule("tags", "pricing", "any", "pricing")
    asset = ingest(["Pricing for everyone"], title="Deck")
    client = _client(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("categorize:run_start"))
    run = BulkRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("categorize:run", args=[run.pk])
    run.refresh_from_db()
    assert run.status == BulkRunStatus.DONE and run.done == run.total >= 1
    assert asset.tags.filter(name="pricing").exists() and Suggestion.objects.filter(asset=asset).exists()
    body = client.get(response.url).content.decode()
    assert "<progress" in body and "Done" in body and "hx-trigger" not in body  # finished: no more polling
    BulkRun.objects.filter(pk=run.pk).update(status=BulkRunStatus.RUNNING, done=0)
    partial = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<section id="run-progress"') and 'hx-trigger="every 1s"' in partial
    assert _client(create_user("ed2", "editor", "pw-ed2-1234")).get(response.url).status_code == 404  # not theirs
    assert _client(admin_user).get(response.url).status_code == 200


def test_rule_list_query_count_does_not_grow_with_values(db, editor, django_assert_max_num_queries):
    client = _client(editor)
    for i in range(3):
        rule("tags", f"tag-{i}", "any", f"word{i}")
    client.get(reverse("categorize:rules"))
    with django_assert_max_num_queries(12) as captured:
        client.get(reverse("categorize:rules"))
    for i in range(3, 12):
        rule("tags", f"tag-{i}", "any", f"word{i}")
    with django_assert_max_num_queries(len(captured)):
        body = client.get(reverse("categorize:rules")).content.decode()
    assert "word11" in body
