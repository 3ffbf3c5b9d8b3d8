"""The threshold policy: automatic above the field's auto threshold (marked, reversible, in the history),
suggested above the suggest threshold, never for manual-only values, never again once rejected or reverted."""

import pytest

from quiver.categorize import services
from quiver.categorize.models import FieldPolicy, Suggestion, SuggestionStatus
from quiver.core.models import AuditEntry
from quiver.library import services as library_services
from quiver.library.models import AssetTag
from quiver.taxonomy import services as taxonomy
from quiver.taxonomy.models import AssetFacetValue

from .conftest import rule, run

PAGES = ["Corvana for retail banking", "Pricing and plans: billed annually"]


@pytest.fixture
def asset(ingest):
    return ingest(PAGES, title="Retail banking deck")


def statuses(asset) -> dict:
    return {
        (s.field, s.value): s.status
        for s in Suggestion.objects.filter(asset=asset).select_related("tag", "facet_value")
    }


def test_above_the_auto_threshold_is_applied_marked_and_in_the_history(asset):
    rule("tags", "banking", "any", "banking")
    [s] = run(asset)
    assert s.status == SuggestionStatus.AUTO_APPLIED and s.source == "rule"
    link = AssetTag.objects.get(asset=asset, tag__name="banking")
    assert (link.source, link.assigned_by) == ("rule", None)
    entry = AuditEntry.objects.get(action="categorize.apply", object_id=str(asset.pk))
    assert entry.actor is None and entry.actor_name == "rule: banking"
    assert entry.after["field"] == "tags" and entry.after["value"] == "banking"


def test_between_the_thresholds_is_only_suggested(asset):
    FieldPolicy.objects.create(field="tags", auto_threshold=1.01, suggest_threshold=0.5)
    rule("tags", "banking", "any", "banking")
    [s] = run(asset)
    assert s.status == SuggestionStatus.PENDING and s.confidence == 1.0
    assert not asset.tags.exists()


def test_below_the_suggest_threshold_is_dropped(asset):
    rule("tags", "pricing", "fuzzy", "pricing und plens")  # similar, not equal: confidence < 1
    [s] = run(asset)
    assert s.status == SuggestionStatus.PENDING and s.confidence < 0.9  # below the default auto threshold
    FieldPolicy.objects.create(field="tags", auto_threshold=0.99, suggest_threshold=0.99)
    assert run(asset) == []
    assert not Suggestion.objects.filter(asset=asset).exists()  # the stale pending row is gone


def test_thresholds_are_per_field(asset):
    FieldPolicy.objects.create(field="industry", auto_threshold=1.01)
    rule("industry", "Financial services", "any", "banking")
    rule("tags", "banking", "any", "banking")
    assert statuses(asset) == {} and run(asset)
    assert statuses(asset) == {("industry", "Financial services"): "pending", ("tags", "banking"): "auto_applied"}


def test_manual_only_is_suggested_never_applied(asset):
    rule("tags", "banking", "any", "banking", manual_only=True)
    [s] = run(asset)
    assert s.status == SuggestionStatus.PENDING and not asset.tags.exists()
    run(asset)
    assert not asset.tags.exists()


def test_a_rejected_value_is_never_suggested_again(asset, editor):
    FieldPolicy.objects.create(field="tags", auto_threshold=1.01)
    rule("tags", "banking", "any", "banking")
    run(asset)
    services.reject(editor, asset, "tags", "banking")
    FieldPolicy.objects.filter(field="tags").update(auto_threshold=0.5)  # even now certain enough to apply
    assert run(asset) == []
    assert statuses(asset) == {("tags", "banking"): "rejected"}
    assert not asset.tags.exists()


def test_reverting_an_automatic_value_takes_it_off_for_good(asset, editor):
    rule("tags", "banking", "any", "banking")
    run(asset)
    services.revert(editor, asset, "tags", "banking")
    assert not asset.tags.exists()
    assert run(asset) == [] and not asset.tags.exists()
    entry = AuditEntry.objects.get(action="categorize.revert", object_id=str(asset.pk))
    assert entry.actor == editor and entry.after["value"] == "banking"


def test_a_manual_value_cannot_be_reverted(asset, editor):
    from django.core.exceptions import ValidationError

    asset.tags.add(rule("tags", "banking", "none").tag)
    with pytest.raises(ValidationError):
        services.revert(editor, asset, "tags", "banking")
    assert asset.tags.filter(name="banking").exists()


def test_values_already_on_the_asset_are_not_suggested(asset):
    asset.tags.add(rule("tags", "banking", "any", "banking").tag)
    assert run(asset) == []


def test_a_pending_suggestion_goes_when_its_rule_stops_matching(asset):
    FieldPolicy.objects.create(field="tags", auto_threshold=1.01)
    banking = rule("tags", "banking", "any", "banking")
    run(asset)
    banking.pattern = "insurance"
    banking.save()
    assert run(asset) == [] and statuses(asset) == {}


@pytest.fixture
def tier(admin_user):
    field = taxonomy.create_field(admin_user, name="Tier", multi_select=False)
    return {n: taxonomy.create_value(admin_user, field, name=n) for n in ("Gold", "Silver")}


def test_single_select_takes_one_value_the_best(asset, tier):
    rule("tier", "Gold", "fuzzy", "retail bonking")  # < 1
    rule("tier", "Silver", "exact", "retail banking")  # 1.0
    got = {s.value: s.status for s in run(asset)}
    assert got == {"Silver": "auto_applied", "Gold": "pending"}
    assert [a.value.name for a in AssetFacetValue.objects.filter(asset=asset, value__field__slug="tier")] == ["Silver"]


def test_single_select_never_replaces_a_value_already_there(asset, tier, editor):
    taxonomy.set_asset_facets(editor, asset, {"tier": ["Gold"]})
    rule("tier", "Silver", "exact", "retail banking")
    [s] = run(asset)
    assert s.status == "pending"
    services.accept(editor, asset, "tier", "Silver")  # accepting replaces it: one value
    assert [a.value.name for a in AssetFacetValue.objects.filter(asset=asset, value__field__slug="tier")] == ["Silver"]


def test_accepting_a_suggestion_assigns_it_as_the_editor(asset, editor):
    rule("tags", "banking", "any", "banking", manual_only=True)
    run(asset)
    row = services.accept(editor, asset, "tags", "banking")
    assert row.status == "accepted" and row.decided_by == editor
    link = AssetTag.objects.get(asset=asset, tag__name="banking")
    assert (link.source, link.assigned_by) == ("manual", editor)
    assert AuditEntry.objects.filter(action="categorize.accept", actor=editor).exists()
    assert run(asset) == []  # accepted: on the asset now, not suggested again


def test_accept_needs_a_pending_suggestion(asset, editor):
    from django.core.exceptions import ValidationError

    rule("tags", "banking", "none")
    with pytest.raises(ValidationError):
        services.accept(editor, asset, "tags", "banking")


def test_rejecting_an_automatic_value_takes_it_off(asset, editor):
    rule("industry", "Financial services", "any", "banking")
    run(asset)
    services.reject(editor, asset, "industry", "Financial services")
    assert not AssetFacetValue.objects.filter(asset=asset, value__field__slug="industry").exists()
    assert statuses(asset) == {("industry", "Financial services"): "rejected"}


def test_reverting_a_single_select_value_brings_back_the_one_it_replaced(ingest, editor, committed):
    from quiver.categorize.engine import Candidate, decide
    from quiver.categorize.targets import resolve

    asset = ingest(["Ein Fallbeispiel"], title="Fallstudie")  # the default language "en" is generic
    german = resolve("language", "de")
    with committed():  # the categorizing task commits; the language facet follows the asset's field
        [s] = decide(
            asset, [Candidate(german, 0.99, "detector", [{"text": "language detected: German", "page": None}])]
        )
    asset.refresh_from_db()
    assert s.status == "auto_applied" and asset.language == "de" and s.replaced == "English"
    services.revert(editor, asset, "language", "German")
    asset.refresh_from_db()
    assert asset.language == "en"


def test_a_detected_type_replaces_only_a_generic_type(ingest):
    from quiver.categorize.engine import Candidate, decide
    from quiver.categorize.targets import resolve

    generic = ingest(["Customer story"], title="Story")
    chosen = ingest(["Customer story"], title="Story", asset_type="deck")
    case_study = resolve("asset-type", "case_study")
    for asset in (generic, chosen):
        decide(asset, [Candidate(case_study, 0.95, "detector")])
        asset.refresh_from_db()
    assert (generic.asset_type, chosen.asset_type) == ("case_study", "deck")
    assert Suggestion.objects.get(asset=chosen).status == "pending"


def test_provenance_says_who_or_what_assigned_each_value(asset, editor, django_assert_max_num_queries):
    from quiver.categorize.selectors import provenance

    rule("tags", "banking", "any", "banking")
    rule("tags", "pricing", "any", "pricing", manual_only=True)
    run(asset)
    services.accept(editor, asset, "tags", "pricing")
    with django_assert_max_num_queries(3):
        rows = {(r["field"], r["value"]): (r["source"], r["by"]) for r in provenance(asset)}
    assert rows[("tags", "banking")] == ("rule", "rule: banking")
    assert rows[("tags", "pricing")] == ("manual", editor.username)


def test_categorizing_costs_the_same_queries_whatever_the_number_of_rules(ingest):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    asset = ingest(["nothing to see here"], title="Plain")
    costs = []
    for n in (2, 12):
        for i in range(n):
            rule("tags", f"r{n}-{i}", "any", f"absent{i} words{i}")
        with CaptureQueriesContext(connection) as ctx:
            run(asset)
        costs.append(len(ctx))
    assert costs[0] == costs[1], costs


def test_a_value_taken_off_by_hand_is_not_applied_again(asset, editor):
    rule("tags", "banking", "any", "banking")
    run(asset)
    library_services.update_asset(editor, asset, tags=[])  # the edit form, not a revert
    assert run(asset) == [] and not asset.tags.exists()
    assert statuses(asset) == {("tags", "banking"): "reverted"}
