"""Documents built from library assets, and search permissions equal library.policy.visible_assets."""

import pytest
from django.contrib.auth.models import Group

from quiver.accounts.services import create_user
from quiver.library import services
from quiver.library.models import Asset, AssetPage, AssetStatus, AssetVersion, CollectionGrant
from quiver.search.documents import build_document, documents_by_ids, documents_for
from quiver.search.engine import SearchQuery
from quiver.search.permissions import permission_for


def _with_pages(asset, texts):
    version = AssetVersion.objects.create(
        asset=asset, number=1, file="x.pdf", original_filename="x.pdf", sha256="0" * 64, size=1, status="ready"
    )
    AssetPage.objects.bulk_create([AssetPage(version=version, number=i + 1, text=t) for i, t in enumerate(texts)])
    Asset.objects.filter(pk=asset.pk).update(current_version=version)


def test_build_document_from_asset(root, editor):
    asset = services.create_asset(
        editor,
        title="ROI deck",
        description="For CFOs",
        link_url="https://e.com",
        collections=[root],
        tags=["roi", "finance"],
        asset_type="deck",
    )
    _with_pages(asset, ["first slide", "second slide"])
    document = build_document(Asset.objects.get(pk=asset.pk))
    assert document.title == "ROI deck" and document.description == "For CFOs"
    assert document.pages == ((1, "first slide"), (2, "second slide"))
    assert set(document.tags) == {"roi", "finance"}
    assert document.collection_ids == (root.pk,)
    assert (document.owner_id, document.created_by_id, document.status) == (editor.pk, editor.pk, "published")
    assert document.facet_values()["asset_type"] == ["deck"]


def test_documents_are_built_without_n_plus_one(root, editor, django_assert_max_num_queries):
    for i in range(12):
        asset = services.create_asset(
            editor, title=f"A{i}", link_url="https://e.com", collections=[root], tags=[f"t{i}"]
        )
        _with_pages(asset, ["p1", "p2"])
    with django_assert_max_num_queries(8):
        docs = list(documents_for(chunk=100))
    assert len(docs) == 12 and all(len(d.pages) == 2 for d in docs)
    assert {d.id for d in documents_by_ids([docs[0].id])} == {docs[0].id}


@pytest.fixture
def library(root, admin_user, editor, viewer):
    sub = services.create_collection(admin_user, name="Board", parent=root)
    leaf = services.create_collection(admin_user, name="Leaf", parent=sub)
    sales = Group.objects.get(name="Sales")
    CollectionGrant.objects.filter(collection=root, group=sales).delete()
    CollectionGrant.objects.create(collection=sub, group=sales, level="view")
    other = create_user("otto", "editor", "pw-otto-12345")
    made = []
    for i, (collections, status, owner) in enumerate(
        [
            ([root], AssetStatus.PUBLISHED, editor),
            ([sub], AssetStatus.PUBLISHED, other),
            ([leaf], AssetStatus.DRAFT, other),
            ([leaf], AssetStatus.PUBLISHED, other),
            ([], AssetStatus.DRAFT, editor),
            ([], AssetStatus.PUBLISHED, other),
            ([root, leaf], AssetStatus.ARCHIVED, other),
        ]
    ):
        made.append(
            services.create_asset(
                other,
                title=f"Playbook {i}",
                link_url="https://e.com",
                collections=collections,
                status=status,
                owner=owner,
            )
        )
    return made


@pytest.mark.parametrize("who", ["admin_user", "editor", "viewer", "otto", "anonymous", "inactive"])
def test_search_sees_exactly_what_the_policy_allows(engine, library, who, request):
    from django.contrib.auth.models import AnonymousUser

    from quiver.accounts.models import User

    if who == "anonymous":
        user = AnonymousUser()
    elif who == "otto":
        user = User.objects.get(username="otto")
    elif who == "inactive":
        user = request.getfixturevalue("viewer")
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.refresh_from_db()
    else:
        user = request.getfixturevalue(who)
    engine.index(list(documents_for()))
    result = engine.search(
        SearchQuery(text="playbook", permission=permission_for(user), page_size=100, relax_below=0, facets=("status",))
    )
    expected = set(Asset.objects.visible_to(user).values_list("pk", flat=True))
    assert {h.id for h in result.hits} == expected
    assert sum(count for _, count in result.facets["status"]) == len(expected)


def test_index_assets_and_rebuild(engine, root, editor):
    from quiver.search.services import index_assets, rebuild_index

    a = services.create_asset(editor, title="Churn playbook", link_url="https://e.com", collections=[root])
    b = services.create_asset(editor, title="Churn webinar", link_url="https://e.com", collections=[root])
    assert index_assets([a.pk, b.pk], backend=engine) == 2
    query = SearchQuery(text="churn", permission=permission_for(editor))
    assert {h.id for h in engine.search(query).hits} == {a.pk, b.pk}
    Asset.objects.filter(pk=b.pk).delete()
    assert index_assets([a.pk, b.pk], backend=engine) == 1
    assert {h.id for h in engine.search(query).hits} == {a.pk}
    assert rebuild_index(backend=engine) == 1
    assert engine.search(query).total == 1
