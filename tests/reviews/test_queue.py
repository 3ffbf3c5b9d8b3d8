"""The queue: reasons per asset, filters, counts, permissions, a pluggable signal, and a constant number of
queries whatever the size of the library."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quiver.categorize.models import Suggestion
from quiver.library.models import AssetType, Tag
from quiver.reviews import selectors
from quiver.reviews.reasons import Signal, register, unregister
from quiver.reviews.selectors import QueueFilters
from quiver.similarity.models import DuplicateFlag

from .conftest import LONG_AGO, NOW

DAY = dt.timedelta(days=1)


def ids(items):
    return [item.asset.pk for item in items]


def test_each_item_says_why(make, editor):
    stale = make("Stale", expires_at=NOW - DAY, created_at=LONG_AGO)
    make("Fine")
    items = selectors.queue(editor, now=NOW)
    assert ids(items) == [stale.pk]
    assert [(r.signal, r.label) for r in items[0].reasons] == [("expired", "Expired"), ("unused", "Unused")]


def test_pending_suggestions_make_an_asset_poorly_categorized(make, editor):
    asset = make()
    tag = Tag.objects.create(name="pricing")
    Suggestion.objects.create(asset=asset, field="tags", tag=tag, confidence=0.6)
    Suggestion.objects.create(asset=make(), field="tags", tag=tag, confidence=0.6, status="rejected")
    assert ids(selectors.queue(editor, QueueFilters(signal="categorization"), NOW)) == [asset.pk]
    assert selectors.reasons_for(editor, [asset.pk], now=NOW)[asset.pk][0].text == "1 suggestion waiting"


def test_open_duplicate_flags_are_near_duplicates(make, editor):
    twin, copy, dismissed = make("Original deck"), make("Copy of deck"), make("Other")
    DuplicateFlag.objects.create(asset=copy, twin=twin, kind="near", score=0.87)
    DuplicateFlag.objects.create(asset=dismissed, twin=twin, kind="near", score=0.9, status="dismissed")
    items = selectors.queue(editor, QueueFilters(signal="duplicates"), NOW)
    assert ids(items) == [copy.pk]
    assert items[0].reasons[0].text == "Near-duplicate of “Original deck” (87% similar)"


def test_filters_by_owner_collection_type_and_signal(make, editor, other_editor, root, admin_user):
    from quiver.library import services

    sub = services.create_collection(admin_user, name="Products", parent=root)
    elsewhere = services.create_collection(admin_user, name="Events", parent=root)
    deck = make(asset_type=AssetType.DECK, expires_at=NOW - DAY, collections=[sub])
    theirs = make(actor=other_editor, expires_at=NOW - DAY, collections=[elsewhere])
    expiring = make(expires_at=NOW + DAY, collections=[elsewhere])
    everything = {deck.pk, theirs.pk, expiring.pk}
    assert set(ids(selectors.queue(editor, QueueFilters(), NOW))) == everything
    assert ids(selectors.queue(editor, QueueFilters(owner=other_editor.pk), NOW)) == [theirs.pk]
    assert ids(selectors.queue(editor, QueueFilters(collection=sub.pk), NOW)) == [deck.pk]
    assert set(ids(selectors.queue(editor, QueueFilters(collection=root.pk), NOW))) == everything  # and below
    assert ids(selectors.queue(editor, QueueFilters(asset_type=AssetType.DECK), NOW)) == [deck.pk]
    assert ids(selectors.queue(editor, QueueFilters(signal="expiring"), NOW)) == [expiring.pk]
    counts = selectors.counts(editor, NOW, QueueFilters(collection=elsewhere.pk, signal="expiring"))
    assert counts["expired"] == 1 and counts["expiring"] == 1 and counts["unused"] == 0


def test_a_collection_the_editor_cannot_see_filters_to_nothing(make, editor, admin_user, secret):
    asset = make(expires_at=NOW - DAY)  # in the root, which the editor edits...
    asset.collections.add(secret)  # ...and also filed in a collection hidden from them
    assert ids(selectors.queue(editor, QueueFilters(collection=secret.pk), NOW)) == []
    assert ids(selectors.queue(admin_user, QueueFilters(collection=secret.pk), NOW)) == [asset.pk]


def test_filters_from_request_parameters_drop_nonsense():
    filters = QueueFilters.from_params({"owner": "abc", "collection": "-3", "asset_type": "nope", "signal": "nope"})
    assert filters == QueueFilters()
    assert QueueFilters.from_params({"owner": "7", "signal": "unused", "asset_type": "deck"}).as_params() == {
        "owner": 7,
        "signal": "unused",
        "asset_type": "deck",
    }


def test_editors_see_only_what_they_may_see_and_edit(make, editor, viewer, admin_user, secret, other_editor):
    mine = make(expires_at=NOW - DAY)
    hidden = make(actor=admin_user, collections=[secret], expires_at=NOW - DAY)
    outsider_own = make(actor=other_editor, collections=[], expires_at=NOW - DAY)
    assert ids(selectors.queue(editor, now=NOW)) == [mine.pk]
    assert selectors.counts(editor, NOW)["expired"] == 1
    assert set(ids(selectors.queue(admin_user, now=NOW))) == {mine.pk, hidden.pk, outsider_own.pk}
    assert selectors.queue(viewer, now=NOW) == [] and selectors.counts(viewer, NOW)["expired"] == 0


def test_an_editor_who_may_only_view_a_collection_does_not_review_it(make, editor, admin_user, secret):
    from django.contrib.auth.models import Group

    from quiver.library.models import CollectionGrant

    CollectionGrant.objects.create(collection=secret, group=Group.objects.get(name="Marketing"), level="view")
    make(actor=admin_user, collections=[secret], expires_at=NOW - DAY)
    assert selectors.queue(editor, now=NOW) == []


def test_a_registered_signal_joins_the_queue_counts_and_filters(make, editor):
    class Renamed(Signal):
        key, label = "shouty", "Shouty title"

        def flag(self, assets, ctx):
            return assets.filter(title__startswith="LOUD")

        def describe(self, row, ctx):
            return "Title in capitals"

    loud = make("LOUD deck")
    make("quiet deck")
    register(Renamed())
    try:
        assert selectors.counts(editor, NOW)["shouty"] == 1
        items = selectors.queue(editor, QueueFilters.from_params({"signal": "shouty"}), NOW)
        assert ids(items) == [loud.pk] and items[0].reasons[0].text == "Title in capitals"
        with pytest.raises(ValueError):
            register(Renamed())
    finally:
        unregister("shouty")
    assert "shouty" not in selectors.counts(editor, NOW)


def test_the_signal_queryset_form_of_the_contract(make, editor):
    from quiver.reviews.reasons import get

    asset = make(expires_at=NOW - DAY)
    assert list(get("expired").queryset(editor, {}, NOW)) == [asset]


def _library(make, n, twin):
    for i in range(n):
        asset = make(
            f"A{i}",
            tags=["x"] if i % 2 else ["x", "y"],
            expires_at=NOW + i * DAY,
            verified_until=NOW.date() + (i - 3) * DAY,
            created_at=LONG_AGO,
        )
        DuplicateFlag.objects.create(asset=asset, twin=twin, kind="near", score=0.8)
        Suggestion.objects.create(asset=asset, field="tags", tag=Tag.objects.get_or_create(name="s")[0], confidence=0.5)


def test_queue_and_counts_take_the_same_number_of_queries_for_3_or_30_assets(make, editor):
    twin = make("Twin")
    measured = []
    for n in (3, 30):
        _library(make, n if not measured else n - 3, twin)
        with CaptureQueriesContext(connection) as ctx:
            items = selectors.queue(editor, now=NOW)
            selectors.counts(editor, NOW)
        assert len(items) >= n
        measured.append(len(ctx.captured_queries))
    assert measured[0] == measured[1], measured
    assert measured[1] <= 30  # ~3 per signal (flag, reasons, count) plus the policy lookups


def test_a_twin_the_reviewer_may_not_see_is_never_named(make, editor, admin_user, secret):
    mine = make("Pricing copy")
    hidden_twin = make("Board pricing", actor=admin_user, collections=[secret])
    DuplicateFlag.objects.create(asset=mine, twin=hidden_twin, kind="exact", score=1.0)
    assert selectors.queue(editor, QueueFilters(signal="duplicates"), NOW) == []
    assert selectors.counts(editor, NOW)["duplicates"] == 0
    assert selectors.reasons_for(editor, [mine.pk], now=NOW)[mine.pk] == []
    assert selectors.reasons_for(admin_user, [mine.pk], now=NOW)[mine.pk][0].text == "Same file as “Board pricing”"
