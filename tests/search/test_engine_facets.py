"""Facet counts and filters equal a brute-force count over the documents, under every permission."""

import random
from collections import Counter

import pytest

from quiver.search.engine import Permission

from .conftest import doc, search

FIELDS = {
    "topic": ["Security", "Cloud", "AI", "Data"],
    "region": ["EMEA", "NA", "APAC"],
    "industry": ["Retail", "Banking", "Health care", "Public sector"],
}
TAGS = ["pricing", "roi", "competitor", "demo", "q3"]
PERMISSIONS = [
    Permission.everything(),
    Permission(collection_ids=frozenset({1, 2})),  # viewer: published in 1 and 2
    Permission(collection_ids=frozenset({3}), statuses=None, user_id=7),  # editor of 3, owner of some
    Permission(collection_ids=frozenset()),  # sees nothing
]


def corpus(seed=7, n=80):
    rng = random.Random(seed)
    docs = []
    for pk in range(1, n + 1):
        facets = {name: tuple(rng.sample(values, rng.randint(0, 2))) for name, values in FIELDS.items()}
        words = "zebra migration" if rng.random() < 0.4 else "okapi"
        docs.append(
            doc(
                pk,
                f"Asset {pk}",
                f"{words} notes",
                facets=facets,
                tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
                collection_ids=tuple(rng.sample([1, 2, 3, 4], rng.randint(0, 2))),
                status=rng.choice(["published", "published", "draft", "archived"]),
                owner_id=rng.choice([None, 7, 8]),
                created_by_id=rng.choice([None, 7, 9]),
            )
        )
    return docs


def brute(docs, permission, filters, word):
    matched = []
    for d in docs:
        values = d.facet_values()
        if not permission.allows(d):
            continue
        if word and word not in d.pages[0][1]:
            continue
        if all(set(values.get(name, ())) & set(vals) for name, vals in filters.items()):
            matched.append(d)
    counts = {
        name: Counter(v for d in matched for v in d.facet_values().get(name, ()))
        for name in ("topic", "region", "industry", "tag", "collection")
    }
    return matched, counts


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"topic": ("Security",)},
        {"topic": ("Security", "AI")},
        {"topic": ("Cloud",), "region": ("EMEA", "APAC")},
        {"industry": ("Health care",), "tag": ("pricing",)},
        {"nope": ("x",)},
    ],
)
def test_facet_counts_equal_brute_force(engine, filters):
    docs = corpus()
    engine.index(docs)
    for permission in PERMISSIONS:
        for word in ("", "zebra"):
            result = search(
                engine,
                word,
                permission=permission,
                filters=filters,
                page_size=100,
                facets=("topic", "region", "industry", "tag", "collection"),
                relax_below=0,
            )
            matched, counts = brute(docs, permission, filters, word)
            assert result.total == len(matched), (permission, word)
            assert sorted(h.id for h in result.hits) == sorted(d.id for d in matched)
            for name, counter in counts.items():
                assert dict(result.facets[name]) == dict(counter), (name, permission, word)


def test_facet_counts_are_sorted_and_limited(engine):
    engine.index(corpus())
    result = search(engine, "", facets=("topic",), facet_size=2)
    counts = [count for _, count in result.facets["topic"]]
    assert len(counts) == 2 and counts == sorted(counts, reverse=True)


def test_field_value_syntax_in_text(engine):
    docs = corpus()
    engine.index(docs)
    result = search(
        engine, 'zebra industry:"Health care" -region:EMEA', fields=("industry", "region"), page_size=100, relax_below=0
    )
    expected = {
        d.id
        for d in docs
        if "zebra" in d.pages[0][1] and "Health care" in d.facets["industry"] and "EMEA" not in d.facets["region"]
    }
    assert {h.id for h in result.hits} == expected and expected
