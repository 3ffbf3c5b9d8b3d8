"""Every session action through the real services: verify, accept suggestions, retag, add to collections, edit,
upload a replacement (a real PDF), merge into the twin, archive, skip."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from quiver.categorize.models import Suggestion
from quiver.core.models import AuditEntry
from quiver.demo.files import make_pdf
from quiver.library import services as library
from quiver.library.models import Asset, AssetStatus, AssetType, Tag
from quiver.reviews import actions, services
from quiver.reviews.models import Outcome, ScopeKind
from quiver.similarity.models import DuplicateFlag
from quiver.taxonomy.models import AssetFacetValue, FacetValue

from .conftest import NOW


@pytest.fixture
def walk(make, editor):
    """A session over two decks; returns (session, first item, its asset)."""
    first = make("Alpha deck", asset_type=AssetType.DECK)
    make("Beta deck", asset_type=AssetType.DECK)
    session = services.start_session(editor, ScopeKind.ASSET_TYPE, "deck", now=NOW)
    item = session.items.get(position=0)
    assert item.asset == first
    return session, item, first


def test_verify_extends_verified_until_and_moves_on(walk, editor):
    session, item, asset = walk
    item = actions.verify(editor, session, item, note="checked the numbers")
    asset.refresh_from_db()
    assert asset.verified_until > timezone.localdate() and asset.verifier_id in (None, editor.pk)
    assert item.outcome == Outcome.VERIFIED and item.note == "checked the numbers"
    assert item.actions[0]["detail"]["verified_until"] == str(asset.verified_until)
    assert session.position == 1


def test_accept_all_suggestions_in_one_go(walk, editor):
    session, item, asset = walk
    pricing = Tag.objects.create(name="pricing")
    retail = FacetValue.objects.get(field__slug="industry", name="Retail")
    Suggestion.objects.create(asset=asset, field="tags", tag=pricing, confidence=0.7)
    Suggestion.objects.create(asset=asset, field="industry", facet_value=retail, confidence=0.6)
    item = actions.accept_all(editor, session, item)
    assert pricing in asset.tags.all()
    assert AssetFacetValue.objects.filter(asset=asset, value=retail).exists()
    assert set(Suggestion.objects.values_list("status", flat=True)) == {"accepted"}
    assert item.outcome == Outcome.RETAGGED
    assert sorted(item.actions[0]["detail"]["accepted"]) == ["industry: Retail", "tags: pricing"]
    with pytest.raises(ValidationError):  # nothing left to accept
        actions.accept_all(editor, session, item)


def test_accept_or_reject_one_suggestion(walk, editor):
    session, item, asset = walk
    pricing, legacy = Tag.objects.create(name="pricing"), Tag.objects.create(name="legacy")
    Suggestion.objects.create(asset=asset, field="tags", tag=pricing, confidence=0.7)
    Suggestion.objects.create(asset=asset, field="tags", tag=legacy, confidence=0.4)
    actions.decide(editor, session, item, "tags", "pricing", accept=True)
    item = actions.decide(editor, session, item, "tags", "legacy", accept=False)
    assert pricing in asset.tags.all() and legacy not in asset.tags.all()
    assert Suggestion.objects.get(tag=legacy).status == "rejected"
    assert [a["detail"] for a in item.actions] == [{"accepted": ["tags: pricing"]}, {"rejected": ["tags: legacy"]}]


def test_retag_adds_and_removes_tags_and_facet_values(walk, editor):
    session, item, asset = walk
    AssetFacetValue.objects.create(asset=asset, value=FacetValue.objects.get(field__slug="persona", name="CFO"))
    item = actions.retag(
        editor,
        session,
        item,
        add_tags=["roi", "Q3"],
        remove_tags=["alpha"],
        add_values={"industry": ["Retail", "Healthcare"], "persona": ["CIO"]},
        remove_values={"persona": ["CFO"]},
    )
    assert sorted(t.name for t in asset.tags.all()) == ["Q3", "beta", "roi"]
    values = set(AssetFacetValue.objects.filter(asset=asset).values_list("value__field__slug", "value__name"))
    assert {("industry", "Retail"), ("industry", "Healthcare"), ("persona", "CIO")} <= values
    assert ("persona", "CFO") not in values
    assert item.outcome == Outcome.RETAGGED
    with pytest.raises(ValidationError):  # the asset-type facet follows the asset: changed with Edit
        actions.retag(editor, session, item, add_values={"asset-type": ["Case study"]})
    with pytest.raises(ValidationError):
        actions.retag(editor, session, item)


def test_add_to_other_collections_to_repurpose(walk, editor, admin_user, root, secret):
    session, item, asset = walk
    events = library.create_collection(admin_user, name="Events", parent=root)
    item = actions.add_collections(editor, session, item, [events.pk])
    assert set(asset.collections.all()) == {root, events}
    assert item.outcome == Outcome.REPURPOSED and item.actions[0]["detail"] == {"collections": ["Events"]}
    with pytest.raises(PermissionDenied):  # a collection the editor may not file into
        actions.add_collections(editor, session, item, [secret.pk])
    assert secret not in asset.collections.all()


def test_edit_metadata(walk, editor):
    session, item, asset = walk
    item = actions.edit(
        editor,
        session,
        item,
        title="Alpha deck 2026",
        description="New numbers",
        asset_type=AssetType.DECK,
        language="en",
    )
    asset.refresh_from_db()
    assert (asset.title, asset.description) == ("Alpha deck 2026", "New numbers")
    item.refresh_from_db()
    assert item.asset_title == "Alpha deck 2026" and item.actions[0]["detail"] == {"fields": ["description", "title"]}
    assert AuditEntry.objects.filter(action="asset.update", object_id=str(asset.pk)).exists()
    with pytest.raises(ValidationError):
        actions.edit(editor, session, item, title="Alpha deck 2026")


def test_upload_a_replacement_version(make, editor, upload, root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        asset = library.create_asset(
            editor,
            title="Datasheet",
            file=upload(make_pdf(["old numbers"]), "ds.pdf"),
            collections=[root],
            asset_type=AssetType.DATASHEET,
        )
    session = services.start_session(editor, ScopeKind.ASSET_TYPE, "datasheet", now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        item = actions.replace(
            editor,
            session,
            session.items.get(),
            upload(make_pdf(["new numbers 2026"]), "ds2.pdf"),
            change_note="2026 numbers",
        )
    asset.refresh_from_db()
    version = asset.current_version
    assert (version.number, version.original_filename, version.change_note) == (2, "ds2.pdf", "2026 numbers")
    assert version.status == "ready" and "new numbers 2026" in version.pages.get(number=1).text
    assert item.outcome == Outcome.REPLACED and item.actions[0]["detail"] == {"version": 2, "file": "ds2.pdf"}


def test_a_link_has_nothing_to_replace(walk, editor, upload):
    session, item, _ = walk
    with pytest.raises(ValidationError):
        actions.replace(editor, session, item, upload(make_pdf(["x"]), "x.pdf"))


def test_merge_a_duplicate_into_its_twin(walk, make, editor):
    session, item, asset = walk
    twin = make("Alpha deck (original)")
    stranger = make("Unrelated")
    DuplicateFlag.objects.create(asset=asset, twin=twin, kind="near", score=0.93)
    with pytest.raises(ValidationError):  # only a flagged twin
        actions.merge(editor, session, item, stranger.pk)
    item = actions.merge(editor, session, item, twin.pk)
    asset.refresh_from_db()
    assert asset.merged_into == twin
    assert DuplicateFlag.objects.get().status == "merged"
    assert item.outcome == Outcome.MERGED and item.actions[0]["detail"]["twin"] == twin.pk
    assert session.position == 1
    with pytest.raises(ValidationError):  # nothing more to do to a merged duplicate
        actions.archive(editor, session, item)


def test_archive_and_skip_move_on(walk, editor):
    session, item, asset = walk
    item = actions.archive(editor, session, item, note="superseded")
    asset.refresh_from_db()
    assert asset.status == AssetStatus.ARCHIVED and item.outcome == Outcome.ARCHIVED and session.position == 1
    second = session.items.get(position=1)
    second = actions.skip(editor, session, second)
    assert second.outcome == Outcome.SKIPPED
    assert Asset.objects.get(pk=second.asset_id).status == AssetStatus.PUBLISHED


def test_actions_check_the_policy_again(walk, editor, admin_user, secret):
    session, item, asset = walk
    library.update_asset(admin_user, asset, collections=[secret])  # moved out of the editor's reach meanwhile
    with pytest.raises(PermissionDenied):
        actions.archive(editor, session, item)
    asset.refresh_from_db()
    assert asset.status == AssetStatus.PUBLISHED


def test_a_deleted_asset_keeps_its_item(walk, editor):
    session, item, asset = walk
    Asset.objects.filter(pk=asset.pk).delete()
    item.refresh_from_db()
    assert item.asset is None and item.asset_title == "Alpha deck"
    with pytest.raises(PermissionDenied):
        actions.archive(editor, session, item)
    assert actions.skip(editor, session, item).outcome == Outcome.SKIPPED


def test_no_merge_into_a_twin_the_reviewer_may_not_see(walk, make, editor, admin_user, secret):
    session, item, asset = walk
    hidden = make("Board deck", actor=admin_user, collections=[secret])
    DuplicateFlag.objects.create(asset=asset, twin=hidden, kind="near", score=0.95)
    assert actions.twins(editor, asset) == [] and actions.twins(admin_user, asset) == [hidden]
    with pytest.raises(ValidationError):
        actions.merge(editor, session, item, hidden.pk)
    asset.refresh_from_db()
    assert asset.merged_into is None
