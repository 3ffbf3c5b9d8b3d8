"""Permissions against the reference (Permission.allows) on random libraries, count-only searches, and the bounded
relaxation probe: the same answers on both engines (PostgreSQL drops hidden documents inside its text index)."""

import random

from quiver.search.engine import Permission, SearchQuery

from .conftest import doc, ids, search

STATUSES = ("published", "draft", "in_review", "archived", "retired")


def _random_library(engine, seed=5, n=40):
    rng = random.Random(seed)
    docs = [
        doc(
            pk,
            f"Quota plan {pk}",
            "quota " + rng.choice(("renewal", "pricing", "onboarding")),
            collection_ids=tuple(rng.sample(range(1, 7), rng.choice((0, 1, 1, 2)))),
            status=rng.choice(STATUSES),
            owner_id=rng.choice((None, 1, 2, 3)),
            created_by_id=rng.choice((None, 1, 2, 4)),
            facets={"topic": (rng.choice("abc"),)},
        )
        for pk in range(1, n + 1)
    ]
    engine.index(docs)
    return docs


def _random_permissions(seed=9, count=30):
    rng = random.Random(seed)
    for _ in range(count):
        statuses = rng.choice(
            (None, frozenset({"published"}), frozenset({"published", "draft"}), frozenset({"retired"}))
        )
        yield Permission(
            collection_ids=frozenset(rng.sample(range(1, 9), rng.randint(0, 4))),
            statuses=statuses,
            user_id=rng.choice((None, 1, 2, 3, 4)),
        )


def test_every_permission_sees_exactly_what_the_reference_allows(engine):
    docs = _random_library(engine)
    for permission in _random_permissions():
        allowed = {d.id for d in docs if permission.allows(d)}
        for text in ("", "quota", "renewal"):
            expected = {d.id for d in docs if d.id in allowed and text in (" ".join(b for _, b in d.pages) + " ")}
            result = search(engine, text, permission=permission, page_size=100, facets=("topic",))
            assert set(ids(result)) == expected, (permission, text)
            assert result.total == len(expected)
            by_topic = {}
            for d in docs:
                if d.id in expected:
                    by_topic[d.facets["topic"][0]] = by_topic.get(d.facets["topic"][0], 0) + 1
            assert dict(result.facets["topic"]) == by_topic


def test_count_only_search_gives_the_same_total_and_facets_without_hits(engine):
    _random_library(engine)
    viewer = Permission(collection_ids=frozenset({1, 2, 3, 4}), statuses=None, user_id=2)
    for text, filters in (("quota", {}), ("renewal", {"topic": ("a",)}), ("", {"topic": ("b", "c")})):
        full = search(engine, text, permission=viewer, filters=filters, facets=("topic", "status"))
        counted = search(engine, text, permission=viewer, filters=filters, facets=("topic", "status"), hits=False)
        assert counted.hits == [] and full.total > 0
        assert (counted.total, counted.facets) == (full.total, full.facets)


def test_relaxation_probe_agrees_with_the_search(engine):
    engine.index(
        [
            doc(1, "Renewal playbook", "renewal steps"),
            doc(2, "Pricing sheet", "pricing for renewals"),
            doc(3, "Onboarding guide", "first week"),
            doc(4, "Renewal pricing", "both words here"),
        ]
    )
    cases = [
        ("renewal", 1),
        ("renewal pricing", 1),
        ("renewal pricing", 3),
        ("renewl", 1),
        ("renewal onboarding guide steps", 10),
        ("zzzz", 1),
        ("the", 1),
    ]
    for text, below in cases:
        query = SearchQuery(text=text, permission=Permission.everything(), relax_below=below)
        assert engine.relaxation_step(query) == engine.search(query).relaxed, (text, below)
    assert (
        engine.relaxation_step(SearchQuery(text="renewal pricing", permission=Permission.everything(), relax_below=3))
        == "any"
    )
