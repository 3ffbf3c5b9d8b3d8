"""A user never sees a hidden document: not as a hit, not in a count, not through a relaxed query."""

from quiver.search.engine import Permission

from .conftest import doc, ids, search


def _library(engine):
    engine.index(
        [
            doc(1, "Public pricing", "pricing for everyone", collection_ids=(1,)),
            doc(2, "Secret pricing", "pricing for the board", collection_ids=(2,), facets={"topic": ("M&A",)}),
            doc(3, "Draft pricing", "pricing not yet out", collection_ids=(1,), status="draft"),
            doc(4, "My own pricing", "pricing drafted by me", collection_ids=(), status="draft", owner_id=7),
            doc(5, "Created pricing", "pricing i created", collection_ids=(2,), created_by_id=7, status="archived"),
        ]
    )


def test_viewer_sees_published_in_granted_collections_only(engine):
    _library(engine)
    viewer = Permission(collection_ids=frozenset({1}))
    for text in ("pricing", "", "secret", "secrte", "secret pricing board", "pric*"):
        result = search(engine, text, permission=viewer, facets=("topic", "collection", "status"))
        assert set(ids(result)) <= {1}, text
        assert result.total == len(ids(result))
        assert "M&A" not in dict(result.facets["topic"])
        assert set(dict(result.facets["collection"])) <= {"1"}
        assert set(dict(result.facets["status"])) <= {"published"}


def test_editor_sees_any_status_in_collections_and_own_assets(engine):
    _library(engine)
    editor = Permission(collection_ids=frozenset({1}), statuses=None, user_id=7)
    assert set(ids(search(engine, "pricing", permission=editor))) == {1, 3, 4, 5}
    counts = dict(search(engine, "pricing", permission=editor, facets=("status",)).facets["status"])
    assert counts == {"published": 1, "draft": 2, "archived": 1}


def test_admin_sees_everything_and_nobody_sees_nothing(engine):
    _library(engine)
    assert search(engine, "pricing").total == 5
    assert search(engine, "pricing", permission=Permission.nothing()).total == 0
    assert search(engine, "", permission=Permission.nothing(), facets=("topic",)).facets == {"topic": []}
